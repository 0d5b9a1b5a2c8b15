package org.prooftrail.client;

/** A subject's consent record: {@code GRANTED}, {@code REVOKED}, or {@code NONE} when there is no record. */
public enum ConsentStatus {
    GRANTED,
    REVOKED,
    NONE
}
