package org.prooftrail.chaincode.compliance;

import java.util.List;
import org.prooftrail.chaincode.access.AccessService;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.lineage.Clearance;
import org.prooftrail.chaincode.lineage.DeploymentGate;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ComplianceReason;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * The deployment gate in force: another organisation's model needs its owner's active {@code INFERENCE} grant to the
 * deployer's organisation; then the model's compliance decides: TAINTED is refused with every reason, AT_RISK is
 * refused unless the deployer states why it accepts the risk (recorded on the deployment), CLEAR deploys.
 */
public final class GovernedDeploymentGate implements DeploymentGate {
    /** An error message lists at most this many reasons; {@code lineage:Compliance} lists them all. */
    static final int MAX_LISTED = 50;

    private final Ledger ledger;
    private final ComplianceService compliance;

    public GovernedDeploymentGate(Ledger ledger) {
        this.ledger = ledger;
        this.compliance = new ComplianceService(ledger);
    }

    @Override
    public Clearance admit(Caller deployer, Artifact model, String acceptRisk) {
        AccessService.Decision decision = new AccessService(ledger, deployer).decide(model, Purpose.INFERENCE.name());
        if (!decision.allowed()) {
            throw ProofTrailException.failedPrecondition("deploying " + model.getId() + " is not allowed: "
                    + decision.reason() + "; its owner " + model.getOwner() + " can grant INFERENCE with access:Grant");
        }
        Evaluation evaluation = evaluate(model.getId());
        switch (evaluation.status()) {
            case TAINTED ->
                throw ProofTrailException.failedPrecondition("model " + model.getId() + " is TAINTED and may not be"
                        + " deployed: " + listed(evaluation.reasons()));
            case AT_RISK -> {
                if (acceptRisk == null) {
                    throw ProofTrailException.failedPrecondition("model " + model.getId() + " is AT_RISK: "
                            + listed(evaluation.reasons()) + ". To deploy it anyway, state why the risk is accepted"
                            + " (acceptRisk, prooftrail deploy record --accept-risk REASON); it is recorded on the"
                            + " deployment");
                }
                return new Clearance(ComplianceStatus.AT_RISK.name(), acceptRisk, evaluation.reasons());
            }
            default -> {
                return Clearance.clear();
            }
        }
    }

    @Override
    public String statusOf(String model) {
        return evaluate(model).status().name();
    }

    private Evaluation evaluate(String model) {
        return compliance.evaluate(new LineageGraphs.NodeRef(LineageGraphs.ARTIFACT, model));
    }

    private static String listed(List<ComplianceReason> reasons) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < reasons.size() && i < MAX_LISTED; i++) {
            text.append(i == 0 ? "" : "; ").append(reasons.get(i).describe());
        }
        if (reasons.size() > MAX_LISTED) {
            text.append("; and ")
                    .append(reasons.size() - MAX_LISTED)
                    .append(" more (lineage:Compliance lists them all)");
        }
        return text.toString();
    }
}
