package org.prooftrail.protocol;

/**
 * Why a transaction was rejected. The gateway passes a chaincode error to the client only as its message, so the
 * code travels as the message's prefix: {@code NOT_FOUND: artifact chest-xray-v3 does not exist}.
 */
public enum ErrorCode {
    /** The input is malformed: bad JSON, a missing field, a bad digest or id, a value out of range. */
    INVALID_ARGUMENT,
    /** A record the transaction names does not exist. */
    NOT_FOUND,
    /** A record with that id exists already and differs from the one submitted. */
    ALREADY_EXISTS,
    /** The caller's organisation or role may not do this. */
    PERMISSION_DENIED,
    /** The input is well formed but the ledger is not in a state that allows it. */
    FAILED_PRECONDITION,
    /** A defect in prooftrail itself, never caused by input; the message carries no internals. */
    INTERNAL,
    /**
     * The chaincode the client talks to has no such contract or function: it is an older or a newer release than the
     * client. The client raises it from the chaincode's own answer (an unknown contract or function), naming the
     * function and what to upgrade; the chaincode never sends it.
     */
    UNIMPLEMENTED;
}
