package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One round of a federation: the global model it starts from, its deadline, and once aggregated the coordinator's
 * aggregation (the new global model, the updates included and the Merkle root of their digests). Coordinator-owned:
 * only the coordinator's peer can endorse the aggregation that closes it.
 */
public final class FederationRound {
    private final String federation;
    private final long round;
    private final String baseModel;
    private final String baseDigest;
    private final String deadline;
    private final String status;
    private final String openedBy;
    private final String openedAt;
    private final String txId;
    private final String model;
    private final String modelDigest;
    private final List<String> updates;
    private final String merkleRoot;
    private final Long samples;
    private final String aggregatedBy;
    private final String aggregatedAt;
    private final String aggregateTxId;

    // Genson binds every stored field through this one constructor; an empty list is stored absent (null).
    @SuppressWarnings({"PMD.ExcessiveParameterList", "PMD.NullAssignment"})
    public FederationRound(
            @JsonProperty("federation") String federation,
            @JsonProperty("round") long round,
            @JsonProperty("baseModel") String baseModel,
            @JsonProperty("baseDigest") String baseDigest,
            @JsonProperty("deadline") String deadline,
            @JsonProperty("status") String status,
            @JsonProperty("openedBy") String openedBy,
            @JsonProperty("openedAt") String openedAt,
            @JsonProperty("txId") String txId,
            @JsonProperty("model") String model,
            @JsonProperty("modelDigest") String modelDigest,
            @JsonProperty("updates") List<String> updates,
            @JsonProperty("merkleRoot") String merkleRoot,
            @JsonProperty("samples") Long samples,
            @JsonProperty("aggregatedBy") String aggregatedBy,
            @JsonProperty("aggregatedAt") String aggregatedAt,
            @JsonProperty("aggregateTxId") String aggregateTxId) {
        this.federation = Objects.requireNonNull(federation, "federation");
        this.round = round;
        this.baseModel = Objects.requireNonNull(baseModel, "baseModel");
        this.baseDigest = Objects.requireNonNull(baseDigest, "baseDigest");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.status = Objects.requireNonNull(status, "status");
        this.openedBy = Objects.requireNonNull(openedBy, "openedBy");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
        this.model = model;
        this.modelDigest = modelDigest;
        this.updates = updates == null || updates.isEmpty() ? null : List.copyOf(updates);
        this.merkleRoot = merkleRoot;
        this.samples = samples;
        this.aggregatedBy = aggregatedBy;
        this.aggregatedAt = aggregatedAt;
        this.aggregateTxId = aggregateTxId;
    }

    /** A round just opened. */
    @SuppressWarnings("PMD.UseObjectForClearerAPI") // the record's own fields, named as stored
    public static FederationRound opened(
            String federation,
            long round,
            String baseModel,
            String baseDigest,
            String deadline,
            String openedBy,
            String openedAt,
            String txId) {
        return new FederationRound(
                federation,
                round,
                baseModel,
                baseDigest,
                deadline,
                RoundStatus.OPEN.name(),
                openedBy,
                openedAt,
                txId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** This round closed by an aggregation. */
    @SuppressWarnings("PMD.UseObjectForClearerAPI") // the record's own fields, named as stored
    public FederationRound aggregated(
            String newModel,
            String newDigest,
            List<String> included,
            String root,
            long totalSamples,
            String by,
            String at,
            String aggregationTxId) {
        return new FederationRound(
                federation,
                round,
                baseModel,
                baseDigest,
                deadline,
                RoundStatus.AGGREGATED.name(),
                openedBy,
                openedAt,
                txId,
                newModel,
                newDigest,
                included,
                root,
                totalSamples,
                by,
                at,
                aggregationTxId);
    }

    public boolean open() {
        return RoundStatus.OPEN.name().equals(status);
    }

    public String getFederation() {
        return federation;
    }

    public long getRound() {
        return round;
    }

    /** The global model the round starts from: the federation's initial model, or the previous round's. */
    public String getBaseModel() {
        return baseModel;
    }

    public String getBaseDigest() {
        return baseDigest;
    }

    /** The last moment (transaction time) an update is accepted. */
    public String getDeadline() {
        return deadline;
    }

    /** {@link RoundStatus}. */
    public String getStatus() {
        return status;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public String getOpenedAt() {
        return openedAt;
    }

    /** The transaction that opened the round. */
    public String getTxId() {
        return txId;
    }

    /** The aggregated global model, once aggregated. */
    public String getModel() {
        return model;
    }

    public String getModelDigest() {
        return modelDigest;
    }

    /** The ids of the updates the aggregation included, sorted; null while open. */
    public List<String> getUpdates() {
        return updates;
    }

    /** The Merkle root over the included updates' digests, in the order of {@link #getUpdates()}. */
    public String getMerkleRoot() {
        return merkleRoot;
    }

    /** The sample count of the included updates together. */
    public Long getSamples() {
        return samples;
    }

    public String getAggregatedBy() {
        return aggregatedBy;
    }

    public String getAggregatedAt() {
        return aggregatedAt;
    }

    public String getAggregateTxId() {
        return aggregateTxId;
    }
}
