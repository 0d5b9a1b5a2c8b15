package org.prooftrail.client;

import java.util.List;
import java.util.Objects;

/**
 * Every round of a federation, oldest first, each with the updates submitted in it ({@code federation:History}).
 *
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record FederationHistory(String federation, List<FederationRound> rounds, String json) {
    public FederationHistory {
        Objects.requireNonNull(federation, "federation");
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(json, "json");
    }
}
