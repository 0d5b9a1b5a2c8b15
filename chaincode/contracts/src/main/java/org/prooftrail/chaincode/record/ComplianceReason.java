package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.Objects;

/**
 * One reason a node is not CLEAR: its {@code severity} ({@code TAINTED} or {@code AT_RISK}), a stable {@code code}
 * ({@code REVOKED_ARTIFACT}, {@code REVOKED_ATTESTATION}, {@code DEPRECATED_ARTIFACT}, {@code STALE_ATTESTATION},
 * {@code UNVERIFIED_INPUT}, {@code TRUNCATED}), the lineage node it is about ({@code artifact:ds1},
 * {@code run:run1}, {@code attestation:ds1:TRAINING}), the transaction of the record that caused it, and a message
 * a person can act on. Stored on a deployment whose risk was accepted, so immutable.
 */
public final class ComplianceReason {
    /** TAINTED before AT_RISK, then by code, node, transaction and message: a total, deterministic order. */
    public static final Comparator<ComplianceReason> ORDER = Comparator.comparing(
                    (ComplianceReason r) -> "TAINTED".equals(r.severity) ? 0 : 1)
            .thenComparing(ComplianceReason::getCode)
            .thenComparing(ComplianceReason::getNode)
            .thenComparing(r -> r.txId == null ? "" : r.txId)
            .thenComparing(ComplianceReason::getMessage);

    private final String severity;
    private final String code;
    private final String node;
    private final String txId;
    private final String message;

    public ComplianceReason(
            @JsonProperty("severity") String severity,
            @JsonProperty("code") String code,
            @JsonProperty("node") String node,
            @JsonProperty("txId") String txId,
            @JsonProperty("message") String message) {
        this.severity = Objects.requireNonNull(severity, "severity");
        this.code = Objects.requireNonNull(code, "code");
        this.node = Objects.requireNonNull(node, "node");
        this.txId = txId;
        this.message = Objects.requireNonNull(message, "message");
    }

    public String getSeverity() {
        return severity;
    }

    public String getCode() {
        return code;
    }

    public String getNode() {
        return node;
    }

    /** The transaction of the record that caused the reason; null only for {@code TRUNCATED}. */
    public String getTxId() {
        return txId;
    }

    public String getMessage() {
        return message;
    }

    /** The identity of the reason without its message: what a deployer accepted is matched on this. */
    public String identity() {
        return code + '\u0000' + node + '\u0000' + (txId == null ? "" : txId);
    }

    /** One line for an error message: {@code CODE node (transaction T): message}. */
    public String describe() {
        return code + " " + node + (txId == null ? "" : " (transaction " + txId + ")") + ": " + message;
    }
}
