package org.prooftrail.chaincode.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/** The input of {@code federation:Open}, validated field by field; also the number fields every request shares. */
final class OpenRequest {
    static final int MAX_MEMBERS = 64;
    static final int MAX_RULE = 64;
    static final long MAX_ROUND = 1_000_000L;
    static final long DEFAULT_ROUND_SECONDS = 86_400L;
    static final long MAX_ROUND_SECONDS = 366L * 86_400L;

    final String id;
    final String model;
    final List<String> members;
    final String rule;
    final long minParticipants;
    final String purpose;
    final long roundSeconds;

    private OpenRequest(
            String id,
            String model,
            List<String> members,
            String rule,
            long minParticipants,
            String purpose,
            long roundSeconds) {
        this.id = id;
        this.model = model;
        this.members = members;
        this.rule = rule;
        this.minParticipants = minParticipants;
        this.purpose = purpose;
        this.roundSeconds = roundSeconds;
    }

    static OpenRequest parse(String json) {
        JsonInput in = JsonInput.parse("federation", json);
        String id = Ids.id("federation.id", in.requiredString("id"));
        String model = Ids.id("federation.model", in.requiredString("model"));
        List<String> members = members(in.stringList("members"));
        String rule = Ids.id("federation.rule", in.requiredString("rule"));
        if (rule.length() > MAX_RULE) {
            throw ProofTrailException.invalid("federation.rule is longer than " + MAX_RULE + " characters");
        }
        long minParticipants = in.optionalLong("minParticipants")
                .orElseThrow(() -> ProofTrailException.invalid("federation.minParticipants is required"));
        if (minParticipants < 1 || minParticipants > members.size()) {
            throw ProofTrailException.invalid("federation.minParticipants must be from 1 to the number of members ("
                    + members.size() + "), not " + minParticipants);
        }
        String purpose = in.requiredString("purpose");
        if (!Purpose.TRAINING.name().equals(purpose)) {
            throw ProofTrailException.invalid("federation.purpose must be TRAINING, not '" + Printable.truncate(purpose)
                    + "': members train on their local data");
        }
        long roundSeconds = seconds("federation", "roundSeconds", in).orElse(DEFAULT_ROUND_SECONDS);
        in.rejectUnknownFields();
        return new OpenRequest(id, model, members, rule, minParticipants, purpose, roundSeconds);
    }

    private static List<String> members(List<String> given) {
        if (given.isEmpty() || given.size() > MAX_MEMBERS) {
            throw ProofTrailException.invalid(
                    "federation.members must list between 1 and " + MAX_MEMBERS + " member organisations (MSP IDs)");
        }
        SortedSet<String> members = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            String member = Ids.id("federation.members[" + i + "]", given.get(i));
            if (!members.add(member)) {
                throw ProofTrailException.invalid("federation.members names " + member + " twice");
            }
        }
        return new ArrayList<>(members);
    }

    /** The {@code round} field of {@code what}: a round number from 1 to {@link #MAX_ROUND}. */
    static long round(String what, JsonInput in) {
        long round =
                in.optionalLong("round").orElseThrow(() -> ProofTrailException.invalid(what + ".round is required"));
        if (round < 1 || round > MAX_ROUND) {
            throw ProofTrailException.invalid(what + ".round must be from 1 to " + MAX_ROUND + ", not " + round);
        }
        return round;
    }

    /** An optional duration field of {@code what}, in seconds from 1 to {@link #MAX_ROUND_SECONDS}. */
    static OptionalLong seconds(String what, String field, JsonInput in) {
        var value = in.optionalLong(field);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long seconds = value.get();
        if (seconds < 1 || seconds > MAX_ROUND_SECONDS) {
            throw ProofTrailException.invalid(
                    what + "." + field + " must be from 1 to " + MAX_ROUND_SECONDS + " seconds, not " + seconds);
        }
        return OptionalLong.of(seconds);
    }
}
