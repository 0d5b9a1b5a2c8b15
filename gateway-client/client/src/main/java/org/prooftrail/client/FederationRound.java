package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;

/**
 * A federation round ({@code federation:OpenRound}, {@code federation:Aggregate}, and each round of {@code
 * federation:History}): the global model it started from, its deadline, and once {@link Status#AGGREGATED} the new
 * global model, the included updates and the Merkle root of their digests.
 *
 * @param submitted the updates submitted in the round (only in a history; empty otherwise)
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record FederationRound(
        String federation,
        long round,
        String baseModel,
        Digest baseDigest,
        Instant deadline,
        Status status,
        Instant openedAt,
        String transactionId,
        Optional<String> model,
        Optional<Digest> modelDigest,
        List<String> updates,
        Optional<Digest> merkleRoot,
        Optional<Long> samples,
        Optional<Instant> aggregatedAt,
        Optional<String> aggregateTransactionId,
        List<FederatedUpdate> submitted,
        String json) {

    /** Whether a round still accepts updates. */
    public enum Status {
        OPEN,
        AGGREGATED
    }

    public FederationRound {
        Objects.requireNonNull(federation, "federation");
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(baseDigest, "baseDigest");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelDigest, "modelDigest");
        updates = List.copyOf(updates);
        Objects.requireNonNull(merkleRoot, "merkleRoot");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(aggregatedAt, "aggregatedAt");
        Objects.requireNonNull(aggregateTransactionId, "aggregateTransactionId");
        submitted = List.copyOf(submitted);
        Objects.requireNonNull(json, "json");
    }
}
