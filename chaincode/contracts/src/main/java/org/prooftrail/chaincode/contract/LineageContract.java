package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.protocol.Contracts;

/**
 * {@code lineage:*}: training runs, deployments, the graphs upstream and downstream of an artifact, and the compliance
 * computed from them.
 */
@Contract(
        name = Contracts.LINEAGE,
        info =
                @Info(
                        title = "prooftrail model lineage",
                        description = "Training runs, deployments and the lineage graph between artifacts",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class LineageContract extends ProofTrailContract {

    public LineageContract() {
        super(Contracts.LINEAGE);
    }

    @Transaction(name = "RecordRun", intent = Transaction.TYPE.SUBMIT)
    public String recordRun(Context ctx, String runJson) {
        return Invocation.respond(ctx, s -> s.lineage().recordRun(runJson));
    }

    @Transaction(name = "GetRun", intent = Transaction.TYPE.EVALUATE)
    public String getRun(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.lineage().getRun(id));
    }

    @Transaction(name = "RecordDeployment", intent = Transaction.TYPE.SUBMIT)
    public String recordDeployment(Context ctx, String deploymentJson) {
        return Invocation.respond(ctx, s -> s.lineage().recordDeployment(deploymentJson));
    }

    @Transaction(name = "GetDeployment", intent = Transaction.TYPE.EVALUATE)
    public String getDeployment(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.lineage().getDeployment(id));
    }

    @Transaction(name = "RetireDeployment", intent = Transaction.TYPE.SUBMIT)
    public String retireDeployment(Context ctx, String id, String reason) {
        return Invocation.respond(ctx, s -> s.lineage().retireDeployment(id, reason));
    }

    @Transaction(name = "Upstream", intent = Transaction.TYPE.EVALUATE)
    public String upstream(Context ctx, String id, String depth) {
        return Invocation.respond(ctx, s -> s.lineage().upstream(id, depth));
    }

    @Transaction(name = "Downstream", intent = Transaction.TYPE.EVALUATE)
    public String downstream(Context ctx, String id, String depth) {
        return Invocation.respond(ctx, s -> s.lineage().downstream(id, depth));
    }

    @Transaction(name = "Compliance", intent = Transaction.TYPE.EVALUATE)
    public String compliance(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.compliance().compliance(id));
    }

    @Transaction(name = "ComplianceScan", intent = Transaction.TYPE.EVALUATE)
    public String complianceScan(Context ctx, String scanJson) {
        return Invocation.respond(ctx, s -> s.scan().scan(scanJson));
    }
}
