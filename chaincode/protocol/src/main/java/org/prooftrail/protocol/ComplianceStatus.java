package org.prooftrail.protocol;

/**
 * The compliance of an artifact, run or deployment, computed from its whole upstream: {@code TAINTED} (a REVOKED
 * artifact or a revoked consent attestation upstream: deployment refused), {@code AT_RISK} (a DEPRECATED artifact, a
 * stale consent attestation, an input without a recorded pre-training verification, or a walk cut short: deployment
 * refused unless the risk is accepted with a recorded reason), {@code CLEAR} otherwise.
 */
public enum ComplianceStatus {
    CLEAR,
    AT_RISK,
    TAINTED;

    /** The worse of two statuses. */
    public ComplianceStatus worst(ComplianceStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
