package org.prooftrail.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ComplianceStatus;

/**
 * The compliance of an artifact, run or deployment from its whole upstream ({@code lineage:Compliance}).
 *
 * @param node the node asked about: {@code artifact:ID}, {@code run:ID} or {@code deployment:ID}
 * @param status the worst severity among the reasons, {@code CLEAR} without any
 * @param acceptedRisk for a deployment recorded with an accepted risk, the reason given
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ComplianceReport(
        String id,
        String node,
        ComplianceStatus status,
        List<ComplianceReason> reasons,
        Optional<String> acceptedRisk,
        String json) {
    public ComplianceReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(acceptedRisk, "acceptedRisk");
        Objects.requireNonNull(json, "json");
    }
}
