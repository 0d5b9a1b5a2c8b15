package org.prooftrail.chaincode.record;

/** A consent attestation's status, stored by its name in {@link ConsentAttestation#getStatus()}. */
public enum AttestationStatus {
    /** A promise about the consenting subjects that the training gate relies on. */
    ACTIVE,
    /** Withdrawn by its owner. */
    REVOKED,
    /**
     * A consent it counted was revoked, erased or has expired since: the promise no longer holds, and the training
     * gate refuses it until the owner attests again. Same version as the ACTIVE one it replaces.
     */
    STALE,
    /** The placeholder a consent-requiring dataset is registered with: nothing attested yet. */
    NONE
}
