package org.prooftrail.protocol;

/** Why data is used: the purposes of access grants, and of a recorded verification. */
public enum Purpose {
    READ,
    TRAINING,
    EVALUATION,
    INFERENCE,
    EXPORT,
    /** Registering an artifact derived from another organisation's artifact (a copy, a subset, features). */
    DERIVE,
    AUDIT;

    public static Purpose parse(String field, String text) {
        return Enums.parse(Purpose.class, field, text);
    }
}
