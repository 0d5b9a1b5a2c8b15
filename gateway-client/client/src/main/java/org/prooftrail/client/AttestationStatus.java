package org.prooftrail.client;

/**
 * A consent attestation: {@code ACTIVE}; {@code STALE} once a consent it counted was revoked, erased or expired;
 * {@code REVOKED} by its owner; {@code NONE} when the dataset has none for the purpose.
 */
public enum AttestationStatus {
    ACTIVE,
    STALE,
    REVOKED,
    NONE
}
