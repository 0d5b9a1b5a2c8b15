package org.prooftrail.chaincode.record;

/** An access grant's status, stored by its name in {@link AccessGrant#getStatus()}. */
public enum GrantStatus {
    /** In force until its expiry. */
    ACTIVE,
    /** Withdrawn by the owner; final. */
    REVOKED
}
