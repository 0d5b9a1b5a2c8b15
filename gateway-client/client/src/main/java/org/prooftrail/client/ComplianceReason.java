package org.prooftrail.client;

import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ComplianceStatus;

/**
 * One reason a node is not {@code CLEAR}: its severity, a code ({@code REVOKED_ARTIFACT}, {@code STALE_ATTESTATION},
 * ... see docs/chaincode.md#compliance; kept as text so that a newer chaincode's codes still read), the node it is
 * about ({@code artifact:ID}, {@code attestation:DATASET:PURPOSE}, ...), the transaction that caused it and the
 * ledger's message.
 */
public record ComplianceReason(
        ComplianceStatus severity, String code, String node, Optional<String> transactionId, String message) {
    public ComplianceReason {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(message, "message");
    }
}
