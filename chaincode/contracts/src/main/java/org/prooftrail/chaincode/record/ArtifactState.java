package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;
import org.prooftrail.protocol.ArtifactStatus;

/**
 * An artifact's current status and the change that set it. Stored under its own key with a key-level
 * endorsement policy naming the owner organisation, so that no majority can change it without the owner.
 */
public final class ArtifactState {
    private final String id;
    private final String status;
    private final String reason;
    private final String changedBy;
    private final String changedByOrg;
    private final String changedAt;
    private final String txId;

    public ArtifactState(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("changedBy") String changedBy,
            @JsonProperty("changedByOrg") String changedByOrg,
            @JsonProperty("changedAt") String changedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null ? "" : reason;
        this.changedBy = Objects.requireNonNull(changedBy, "changedBy");
        this.changedByOrg = Objects.requireNonNull(changedByOrg, "changedByOrg");
        this.changedAt = Objects.requireNonNull(changedAt, "changedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getId() {
        return id;
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

    public String getChangedByOrg() {
        return changedByOrg;
    }

    public String getChangedAt() {
        return changedAt;
    }

    public String getTxId() {
        return txId;
    }

    public ArtifactStatus status() {
        return ArtifactStatus.valueOf(status);
    }
}
