package org.prooftrail.chaincode.compliance;

import java.util.List;
import org.prooftrail.chaincode.record.ComplianceReason;

/**
 * What {@code lineage:Compliance} returns: the id asked about, its lineage node ({@code artifact:x}, {@code run:x},
 * {@code deployment:x}), its status and every reason, sorted; for a deployment whose risk was accepted, the
 * deployer's stated reason.
 */
public final class ComplianceReport {
    private final String id;
    private final String node;
    private final String status;
    private final List<ComplianceReason> reasons;
    private final String acceptedRisk;

    ComplianceReport(String id, String node, String status, List<ComplianceReason> reasons, String acceptedRisk) {
        this.id = id;
        this.node = node;
        this.status = status;
        this.reasons = List.copyOf(reasons);
        this.acceptedRisk = acceptedRisk;
    }

    public String getId() {
        return id;
    }

    public String getNode() {
        return node;
    }

    public String getStatus() {
        return status;
    }

    public List<ComplianceReason> getReasons() {
        return reasons;
    }

    /** For a deployment recorded with {@code acceptRisk}: the reason given; otherwise absent. */
    public String getAcceptedRisk() {
        return acceptedRisk;
    }
}
