package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A federation ({@code federation:Open}, {@code federation:Get}): its coordinator, members, initial global model,
 * aggregation rule, minimum participants per round and default round length; from {@code Get}, how many rounds were
 * opened and the latest one.
 *
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record Federation(
        String id,
        String coordinator,
        List<String> members,
        String initialModel,
        String rule,
        long minParticipants,
        long roundSeconds,
        String openedBy,
        Instant openedAt,
        String transactionId,
        long rounds,
        Optional<FederationRound> currentRound,
        String json) {

    public Federation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(coordinator, "coordinator");
        members = List.copyOf(members);
        Objects.requireNonNull(initialModel, "initialModel");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(currentRound, "currentRound");
        Objects.requireNonNull(json, "json");
    }
}
