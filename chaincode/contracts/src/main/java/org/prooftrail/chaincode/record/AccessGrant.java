package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An owner's grant of access to an artifact for an organisation (and optionally one role in it). */
public final class AccessGrant {
    /** The role of a grant that covers every role of the grantee organisation. */
    public static final String ANY_ROLE = "*";

    private final String artifact;
    private final String owner;
    private final String grantee;
    private final String role;
    private final List<String> purposes;
    private final String expiresAt;
    private final String status;
    private final String reason;
    private final String changedBy;
    private final String changedAt;
    private final String txId;

    public AccessGrant(
            @JsonProperty("artifact") String artifact,
            @JsonProperty("owner") String owner,
            @JsonProperty("grantee") String grantee,
            @JsonProperty("role") String role,
            @JsonProperty("purposes") List<String> purposes,
            @JsonProperty("expiresAt") String expiresAt,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("changedBy") String changedBy,
            @JsonProperty("changedAt") String changedAt,
            @JsonProperty("txId") String txId) {
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.grantee = Objects.requireNonNull(grantee, "grantee");
        this.role = role == null ? ANY_ROLE : role;
        this.purposes = List.copyOf(purposes == null ? List.of() : purposes);
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null || reason.isEmpty() ? null : reason;
        this.changedBy = Objects.requireNonNull(changedBy, "changedBy");
        this.changedAt = Objects.requireNonNull(changedAt, "changedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getArtifact() {
        return artifact;
    }

    public String getOwner() {
        return owner;
    }

    public String getGrantee() {
        return grantee;
    }

    public String getRole() {
        return role;
    }

    public List<String> getPurposes() {
        return purposes;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public String getChangedAt() {
        return changedAt;
    }

    public String getTxId() {
        return txId;
    }

    /** Whether the grant lets its grantee use the artifact for {@code purpose} at {@code at}. */
    public boolean covers(String purpose, Instant at) {
        return GrantStatus.ACTIVE.name().equals(status)
                && purposes.contains(purpose)
                && at.isBefore(Instant.parse(expiresAt));
    }
}
