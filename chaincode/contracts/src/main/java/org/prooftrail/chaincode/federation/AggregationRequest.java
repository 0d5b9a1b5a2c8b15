package org.prooftrail.chaincode.federation;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;

/** The input of {@code federation:Aggregate}, validated field by field; the update ids sorted. */
final class AggregationRequest {
    final String federation;
    final long round;
    final String model;
    final Digest digest;
    final SortedSet<String> updates;
    final Digest merkleRoot;

    private AggregationRequest(
            String federation, long round, String model, Digest digest, SortedSet<String> updates, Digest merkleRoot) {
        this.federation = federation;
        this.round = round;
        this.model = model;
        this.digest = digest;
        this.updates = updates;
        this.merkleRoot = merkleRoot;
    }

    static AggregationRequest parse(String json) {
        JsonInput in = JsonInput.parse("aggregation", json);
        String federation = Ids.id("aggregation.federation", in.requiredString("federation"));
        long round = OpenRequest.round("aggregation", in);
        String model = Ids.id("aggregation.model", in.requiredString("model"));
        Digest digest = Digest.parse("aggregation.digest", in.requiredString("digest"));
        SortedSet<String> updates = updates(in.stringList("updates"));
        Digest root = Digest.parse("aggregation.merkleRoot", in.requiredString("merkleRoot"));
        in.rejectUnknownFields();
        return new AggregationRequest(federation, round, model, digest, updates, root);
    }

    private static SortedSet<String> updates(List<String> given) {
        if (given.isEmpty() || given.size() > OpenRequest.MAX_MEMBERS) {
            throw ProofTrailException.invalid(
                    "aggregation.updates must list between 1 and " + OpenRequest.MAX_MEMBERS + " update ids");
        }
        SortedSet<String> updates = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            String update = Ids.id("aggregation.updates[" + i + "]", given.get(i));
            if (!updates.add(update)) {
                throw ProofTrailException.invalid("aggregation.updates names " + update + " twice");
            }
        }
        return updates;
    }
}
