package org.prooftrail.chaincode.lineage;

import java.util.List;
import org.prooftrail.chaincode.record.ComplianceReason;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentState;
import org.prooftrail.chaincode.record.DeploymentStatus;

/** A deployment with its current state, as {@code lineage:GetDeployment} and the deployment functions return it. */
public final class DeploymentView {
    private final Deployment deployment;
    private final DeploymentState state;

    DeploymentView(Deployment deployment, DeploymentState state) {
        this.deployment = deployment;
        this.state = state;
    }

    public String getId() {
        return deployment.getId();
    }

    public String getModel() {
        return deployment.getModel();
    }

    public String getModelDigest() {
        return deployment.getModelDigest();
    }

    public String getEnvironment() {
        return deployment.getEnvironment();
    }

    public String getEndpoint() {
        return deployment.getEndpoint();
    }

    public String getOwner() {
        return deployment.getOwner();
    }

    public String getRecordedBy() {
        return deployment.getRecordedBy();
    }

    public String getRecordedAt() {
        return deployment.getRecordedAt();
    }

    public String getTxId() {
        return deployment.getTxId();
    }

    public String getCompliance() {
        return deployment.getCompliance();
    }

    public String getAcceptedRisk() {
        return deployment.getAcceptedRisk();
    }

    public List<ComplianceReason> getRiskReasons() {
        return deployment.getRiskReasons();
    }

    public String getStatus() {
        return state.getStatus();
    }

    /** The retirement, or null while the deployment is active. */
    public DeploymentState getRetirement() {
        return DeploymentStatus.RETIRED.name().equals(state.getStatus()) ? state : null;
    }
}
