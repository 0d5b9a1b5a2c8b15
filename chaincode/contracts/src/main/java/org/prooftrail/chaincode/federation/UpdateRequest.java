package org.prooftrail.chaincode.federation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;

/** The input of {@code federation:SubmitUpdate}, validated field by field. */
final class UpdateRequest {
    static final int MAX_DATASETS = 64;
    static final long MAX_SAMPLES = 1_000_000_000_000L;

    final String federation;
    final long round;
    final String id;
    final Digest digest;
    final List<RunInput> datasets;
    final long samples;

    private UpdateRequest(
            String federation, long round, String id, Digest digest, List<RunInput> datasets, long samples) {
        this.federation = federation;
        this.round = round;
        this.id = id;
        this.digest = digest;
        this.datasets = datasets;
        this.samples = samples;
    }

    static UpdateRequest parse(String json) {
        JsonInput in = JsonInput.parse("update", json);
        String federation = Ids.id("update.federation", in.requiredString("federation"));
        long round = OpenRequest.round("update", in);
        String id = Ids.nodeId("update.id", in.requiredString("id"));
        Digest digest = Digest.parse("update.digest", in.requiredString("digest"));
        List<RunInput> datasets = datasets(in.objectList("datasets"));
        long samples =
                in.optionalLong("samples").orElseThrow(() -> ProofTrailException.invalid("update.samples is required"));
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw ProofTrailException.invalid("update.samples must be from 1 to " + MAX_SAMPLES + ", not " + samples);
        }
        in.rejectUnknownFields();
        return new UpdateRequest(federation, round, id, digest, datasets, samples);
    }

    private static List<RunInput> datasets(List<JsonInput> given) {
        if (given.isEmpty() || given.size() > MAX_DATASETS) {
            throw ProofTrailException.invalid("update.datasets must list between 1 and " + MAX_DATASETS
                    + " local datasets, each {\"id\", \"digest\"} as the member trained on it");
        }
        List<RunInput> datasets = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            RunInput dataset = dataset(i, given.get(i));
            if (!named.add(dataset.getId())) {
                throw ProofTrailException.invalid("update.datasets names " + dataset.getId() + " twice");
            }
            datasets.add(dataset);
        }
        return datasets;
    }

    private static RunInput dataset(int index, JsonInput dataset) {
        String field = "update.datasets[" + index + "]";
        String id = Ids.id(field + ".id", dataset.requiredString("id"));
        Digest seen = Digest.parse(field + ".digest", dataset.requiredString("digest"));
        dataset.rejectUnknownFields();
        return new RunInput(id, seen.toString(), null);
    }
}
