package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.protocol.Contracts;

/**
 * {@code maintenance:*}: owner-endorsed, idempotent back-fills for what an earlier release wrote, and the record
 * formats this chaincode reads and writes (docs/upgrading.md).
 */
@Contract(
        name = Contracts.MAINTENANCE,
        info =
                @Info(
                        title = "prooftrail maintenance",
                        description = "Upgrades of records written by earlier releases, and the record formats",
                        version = "0.2.0",
                        license = @License(name = "Apache-2.0")))
public final class MaintenanceContract extends ProofTrailContract {

    public MaintenanceContract() {
        super(Contracts.MAINTENANCE);
    }

    @Transaction(name = "Upgrade", intent = Transaction.TYPE.SUBMIT)
    public String upgrade(Context ctx, String artifactId) {
        return Invocation.respond(ctx, s -> s.maintenance().upgradeArtifact(artifactId));
    }

    @Transaction(name = "UpgradeDeployment", intent = Transaction.TYPE.SUBMIT)
    public String upgradeDeployment(Context ctx, String deploymentId) {
        return Invocation.respond(ctx, s -> s.maintenance().upgradeDeployment(deploymentId));
    }

    @Transaction(name = "Version", intent = Transaction.TYPE.EVALUATE)
    public String version(Context ctx) {
        return Invocation.respond(ctx, s -> s.maintenance().version());
    }
}
