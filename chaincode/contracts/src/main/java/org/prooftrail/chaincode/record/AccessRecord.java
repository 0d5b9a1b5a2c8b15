package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/** One logged access: who used what, for which purpose, when, and whether the grants allowed it. */
public final class AccessRecord {

    private final String artifact;
    private final String owner;
    private final String accessor;
    private final String accessorId;
    private final String purpose;
    private final String decision;
    private final String reason;
    private final String note;
    private final String at;
    private final String txId;

    public AccessRecord(
            @JsonProperty("artifact") String artifact,
            @JsonProperty("owner") String owner,
            @JsonProperty("accessor") String accessor,
            @JsonProperty("accessorId") String accessorId,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("decision") String decision,
            @JsonProperty("reason") String reason,
            @JsonProperty("note") String note,
            @JsonProperty("at") String at,
            @JsonProperty("txId") String txId) {
        this.artifact = Objects.requireNonNull(artifact, "artifact");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.accessor = Objects.requireNonNull(accessor, "accessor");
        this.accessorId = Objects.requireNonNull(accessorId, "accessorId");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.decision = Objects.requireNonNull(decision, "decision");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.note = note == null || note.isEmpty() ? null : note;
        this.at = Objects.requireNonNull(at, "at");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getArtifact() {
        return artifact;
    }

    public String getOwner() {
        return owner;
    }

    /** The accessing organisation's MSP ID. */
    public String getAccessor() {
        return accessor;
    }

    public String getAccessorId() {
        return accessorId;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getDecision() {
        return decision;
    }

    public String getReason() {
        return reason;
    }

    public String getNote() {
        return note;
    }

    public String getAt() {
        return at;
    }

    public String getTxId() {
        return txId;
    }
}
