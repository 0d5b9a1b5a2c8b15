package org.prooftrail.chaincode.record;

/** A consent record's status, stored by its name in {@link ConsentRecord#getStatus()}. */
public enum ConsentStatus {
    /** Given, until its expiry. */
    GRANTED,
    /** Withdrawn by the subject; the record stays as evidence until erased. */
    REVOKED
}
