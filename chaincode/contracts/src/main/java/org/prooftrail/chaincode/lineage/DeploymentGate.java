package org.prooftrail.chaincode.lineage;

import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.record.Artifact;

/**
 * The seam where permission to deploy a model is decided, after lineage's own checks (a registered, ACTIVE model
 * whose training is recorded): the owner's INFERENCE grant for another organisation's model and the compliance of
 * the model's whole upstream plug in here, composed where the contracts are wired. A gate fails with
 * {@code FAILED_PRECONDITION} naming what is wrong.
 */
public interface DeploymentGate {
    /** Admits every model as CLEAR. */
    DeploymentGate OPEN = new DeploymentGate() {
        @Override
        public Clearance admit(Caller deployer, Artifact model, String acceptRisk) {
            return Clearance.clear();
        }

        @Override
        public String statusOf(String model) {
            return "CLEAR";
        }
    };

    /**
     * Admits a model or fails with {@code FAILED_PRECONDITION}; {@code acceptRisk} (or null) is the deployer's
     * stated reason for deploying a model that is {@code AT_RISK}.
     */
    Clearance admit(Caller deployer, Artifact model, String acceptRisk);

    /** The model's compliance status now ({@code CLEAR}, {@code AT_RISK}, {@code TAINTED}), for events. */
    String statusOf(String model);
}
