package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/** Whether a deployment is {@code ACTIVE} or {@code RETIRED}; owner-endorsed like an artifact's status. */
public final class DeploymentState {

    private final String id;
    private final String status;
    private final String reason;
    private final String changedBy;
    private final String changedAt;
    private final String txId;

    public DeploymentState(
            @JsonProperty("id") String id,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("changedBy") String changedBy,
            @JsonProperty("changedAt") String changedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null ? "" : reason;
        this.changedBy = Objects.requireNonNull(changedBy, "changedBy");
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

    public String getChangedAt() {
        return changedAt;
    }

    public String getTxId() {
        return txId;
    }
}
