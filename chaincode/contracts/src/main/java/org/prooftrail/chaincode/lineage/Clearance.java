package org.prooftrail.chaincode.lineage;

import java.util.List;
import java.util.Objects;
import org.prooftrail.chaincode.record.ComplianceReason;

/**
 * What the deployment gate decided for a model it admitted: the compliance status at deployment, and for an
 * {@code AT_RISK} model the reasons and the deployer's stated acceptance, all recorded on the deployment.
 */
public final class Clearance {
    private final String status;
    private final String acceptedRisk;
    private final List<ComplianceReason> reasons;

    public Clearance(String status, String acceptedRisk, List<ComplianceReason> reasons) {
        this.status = Objects.requireNonNull(status, "status");
        this.acceptedRisk = acceptedRisk;
        this.reasons = List.copyOf(reasons);
    }

    public static Clearance clear() {
        return new Clearance("CLEAR", null, List.of());
    }

    public String status() {
        return status;
    }

    /** The deployer's reason for accepting the risk, or null. */
    public String acceptedRisk() {
        return acceptedRisk;
    }

    public List<ComplianceReason> reasons() {
        return reasons;
    }
}
