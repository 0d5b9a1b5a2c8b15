package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Digest;

/**
 * A model deployment ({@code lineage:RecordDeployment}, {@code GetDeployment}, {@code RetireDeployment}).
 *
 * @param owner the deploying organisation's MSP ID
 * @param compliance the model's compliance when it was deployed ({@code CLEAR} or {@code AT_RISK})
 * @param acceptedRisk the deployer's reason for deploying an {@code AT_RISK} model
 * @param riskReasons the reasons accepted with it
 * @param retirement the retirement, once retired
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record Deployment(
        String id,
        String model,
        Digest modelDigest,
        String environment,
        Optional<String> endpoint,
        String owner,
        String recordedBy,
        Instant recordedAt,
        String transactionId,
        DeploymentStatus status,
        ComplianceStatus compliance,
        Optional<String> acceptedRisk,
        List<ComplianceReason> riskReasons,
        Optional<Retirement> retirement,
        String json) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelDigest, "modelDigest");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(acceptedRisk, "acceptedRisk");
        riskReasons = List.copyOf(riskReasons);
        Objects.requireNonNull(retirement, "retirement");
        Objects.requireNonNull(json, "json");
    }

    /** The retirement of a deployment: why, by whom, when and in which transaction. */
    public record Retirement(
            DeploymentStatus status,
            Optional<String> reason,
            String changedBy,
            Instant changedAt,
            String transactionId) {
        public Retirement {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(changedAt, "changedAt");
        }
    }
}
