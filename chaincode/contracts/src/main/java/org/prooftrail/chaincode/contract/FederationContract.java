package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.protocol.Contracts;

/**
 * {@code federation:*}: federated learning rounds, members' update digests (with their local datasets, under the
 * training gate) and the coordinator's aggregations.
 */
@Contract(
        name = Contracts.FEDERATION,
        info =
                @Info(
                        title = "prooftrail federated learning",
                        description = "Federated rounds, members' updates and aggregations into global models",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class FederationContract extends ProofTrailContract {

    public FederationContract() {
        super(Contracts.FEDERATION);
    }

    @Transaction(name = "Open", intent = Transaction.TYPE.SUBMIT)
    public String open(Context ctx, String federationJson) {
        return Invocation.respond(ctx, s -> s.federation().open(federationJson));
    }

    @Transaction(name = "OpenRound", intent = Transaction.TYPE.SUBMIT)
    public String openRound(Context ctx, String roundJson) {
        return Invocation.respond(ctx, s -> s.federation().openRound(roundJson));
    }

    @Transaction(name = "SubmitUpdate", intent = Transaction.TYPE.SUBMIT)
    public String submitUpdate(Context ctx, String updateJson) {
        return Invocation.respond(ctx, s -> s.federation().submitUpdate(updateJson));
    }

    @Transaction(name = "Aggregate", intent = Transaction.TYPE.SUBMIT)
    public String aggregate(Context ctx, String aggregationJson) {
        return Invocation.respond(ctx, s -> s.federation().aggregate(aggregationJson));
    }

    @Transaction(name = "Get", intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.federationQueries().get(id));
    }

    @Transaction(name = "History", intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.federationQueries().history(id));
    }
}
