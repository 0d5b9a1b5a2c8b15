package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.protocol.Contracts;

/** {@code access:*}: owners' grants and the log of every access, allowed or denied. */
@Contract(
        name = Contracts.ACCESS,
        info =
                @Info(
                        title = "prooftrail access grants and access log",
                        description = "Who may use an artifact for what, and every use, decided against the grants",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class AccessContract extends ProofTrailContract {

    public AccessContract() {
        super(Contracts.ACCESS);
    }

    @Transaction(name = "Grant", intent = Transaction.TYPE.SUBMIT)
    public String grant(Context ctx, String grantJson) {
        return Invocation.respond(ctx, s -> s.access().grant(grantJson));
    }

    @Transaction(name = "Revoke", intent = Transaction.TYPE.SUBMIT)
    public String revoke(Context ctx, String artifact, String grantee, String role, String reason) {
        return Invocation.respond(ctx, s -> s.access().revoke(artifact, grantee, role, reason));
    }

    @Transaction(name = "Log", intent = Transaction.TYPE.SUBMIT)
    public String log(Context ctx, String accessJson) {
        return Invocation.respond(ctx, s -> s.access().log(accessJson));
    }

    @Transaction(name = "Grants", intent = Transaction.TYPE.EVALUATE)
    public String grants(Context ctx, String artifact) {
        return Invocation.respond(ctx, s -> s.access().grants(artifact));
    }

    @Transaction(name = "Logs", intent = Transaction.TYPE.EVALUATE)
    public String logs(Context ctx, String queryJson) {
        return Invocation.respond(ctx, s -> s.access().logPage(queryJson));
    }
}
