package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Purpose;

/**
 * An owner's grant of access to an artifact ({@code access:Grant}, {@code Revoke}, {@code Grants}).
 *
 * @param owner the granting organisation's MSP ID
 * @param grantee the MSP ID of the organisation granted access
 * @param role the only role in the grantee granted access, if any
 * @param purposes the purposes granted, in the ledger's order
 * @param reason why it was revoked
 * @param json this grant as the ledger returned it (keys sorted)
 */
public record AccessGrant(
        String artifact,
        String owner,
        String grantee,
        Optional<String> role,
        List<Purpose> purposes,
        Instant expiresAt,
        GrantStatus status,
        Optional<String> reason,
        String changedBy,
        Instant changedAt,
        String transactionId,
        String json) {
    public AccessGrant {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(role, "role");
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(json, "json");
    }
}
