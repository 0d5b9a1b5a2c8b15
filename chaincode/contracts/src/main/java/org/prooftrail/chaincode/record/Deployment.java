package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** A model version put into an environment. Immutable; whether it is retired lives in {@link DeploymentState}. */
public final class Deployment {
    private final String id;
    private final String model;
    private final String modelDigest;
    private final String environment;
    private final String endpoint;
    private final String owner;
    private final String recordedBy;
    private final String recordedAt;
    private final String txId;
    private final String compliance;
    private final String acceptedRisk;
    private final List<ComplianceReason> riskReasons;

    public Deployment(
            @JsonProperty("id") String id,
            @JsonProperty("model") String model,
            @JsonProperty("modelDigest") String modelDigest,
            @JsonProperty("environment") String environment,
            @JsonProperty("endpoint") String endpoint,
            @JsonProperty("owner") String owner,
            @JsonProperty("recordedBy") String recordedBy,
            @JsonProperty("recordedAt") String recordedAt,
            @JsonProperty("txId") String txId,
            @JsonProperty("compliance") String compliance,
            @JsonProperty("acceptedRisk") String acceptedRisk,
            @JsonProperty("riskReasons") List<ComplianceReason> riskReasons) {
        this.id = Objects.requireNonNull(id, "id");
        this.model = Objects.requireNonNull(model, "model");
        this.modelDigest = Objects.requireNonNull(modelDigest, "modelDigest");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.endpoint = endpoint;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.recordedBy = Objects.requireNonNull(recordedBy, "recordedBy");
        this.recordedAt = Objects.requireNonNull(recordedAt, "recordedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
        this.compliance = compliance;
        this.acceptedRisk = acceptedRisk;
        this.riskReasons = riskReasons == null || riskReasons.isEmpty() ? null : List.copyOf(riskReasons);
    }

    public String getId() {
        return id;
    }

    public String getModel() {
        return model;
    }

    public String getModelDigest() {
        return modelDigest;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getEndpoint() {
        return endpoint;
    }

    /** The MSP ID of the deploying organisation. */
    public String getOwner() {
        return owner;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public String getRecordedAt() {
        return recordedAt;
    }

    public String getTxId() {
        return txId;
    }

    /**
     * The model's compliance status when it was deployed ({@code CLEAR} or {@code AT_RISK}); absent on deployments
     * recorded before the deployment gate existed.
     */
    public String getCompliance() {
        return compliance;
    }

    /** The deployer's stated reason for deploying an {@code AT_RISK} model, or null. */
    public String getAcceptedRisk() {
        return acceptedRisk;
    }

    /** The reasons the model was {@code AT_RISK} when deployed, or null. */
    public List<ComplianceReason> getRiskReasons() {
        return riskReasons;
    }

    /** {@link #getRiskReasons()}, never null. */
    public List<ComplianceReason> acceptedReasons() {
        return riskReasons == null ? List.of() : riskReasons;
    }
}
