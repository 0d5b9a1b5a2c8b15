package org.prooftrail.client;

/** An access grant is {@code ACTIVE} until its owner revokes it ({@code REVOKED}); expiry is read from its time. */
public enum GrantStatus {
    ACTIVE,
    REVOKED
}
