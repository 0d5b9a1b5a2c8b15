package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.protocol.Contracts;

/**
 * {@code consent:*}: consent kept in the owner's private collection. Subject references never appear in
 * arguments: they travel in the transient map ({@code consent}, {@code subjects}).
 */
@Contract(
        name = Contracts.CONSENT,
        info =
                @Info(
                        title = "prooftrail consent",
                        description = "Private consent records, public attestations and erasure receipts",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0")))
public final class ConsentContract extends ProofTrailContract {

    public ConsentContract() {
        super(Contracts.CONSENT);
    }

    @Transaction(name = "Grant", intent = Transaction.TYPE.SUBMIT)
    public String grant(Context ctx) {
        return Invocation.respond(ctx, s -> s.consent().grant());
    }

    @Transaction(name = "Revoke", intent = Transaction.TYPE.SUBMIT)
    public String revoke(Context ctx) {
        return Invocation.respond(ctx, s -> s.consent().revoke());
    }

    @Transaction(name = "Check", intent = Transaction.TYPE.EVALUATE)
    public String check(Context ctx, String dataset, String purpose) {
        return Invocation.respond(ctx, s -> s.consent().check(dataset, purpose));
    }

    @Transaction(name = "Subjects", intent = Transaction.TYPE.EVALUATE)
    public String subjects(Context ctx, String dataset, String purpose, String pageSize, String bookmark) {
        return Invocation.respond(ctx, s -> s.consent().subjects(dataset, purpose, pageSize, bookmark));
    }

    @Transaction(name = "Attest", intent = Transaction.TYPE.SUBMIT)
    public String attest(Context ctx, String dataset, String purpose) {
        return Invocation.respond(ctx, s -> s.consent().attest(dataset, purpose));
    }

    @Transaction(name = "RevokeAttestation", intent = Transaction.TYPE.SUBMIT)
    public String revokeAttestation(Context ctx, String dataset, String purpose, String reason) {
        return Invocation.respond(ctx, s -> s.consent().revokeAttestation(dataset, purpose, reason));
    }

    @Transaction(name = "GetAttestation", intent = Transaction.TYPE.EVALUATE)
    public String getAttestation(Context ctx, String dataset, String purpose) {
        return Invocation.respond(ctx, s -> s.consent().getAttestation(dataset, purpose));
    }

    @Transaction(name = "Prove", intent = Transaction.TYPE.EVALUATE)
    public String prove(Context ctx, String dataset, String purpose) {
        return Invocation.respond(ctx, s -> s.consent().prove(dataset, purpose));
    }

    @Transaction(name = "VerifyInclusion", intent = Transaction.TYPE.EVALUATE)
    public String verifyInclusion(Context ctx, String dataset, String purpose, String leafDigest, String proofJson) {
        return Invocation.respond(ctx, s -> s.consent().verifyInclusion(dataset, purpose, leafDigest, proofJson));
    }

    @Transaction(name = "Erase", intent = Transaction.TYPE.SUBMIT)
    public String erase(Context ctx) {
        return Invocation.respond(ctx, s -> s.consent().erase());
    }

    @Transaction(name = "GetErasure", intent = Transaction.TYPE.EVALUATE)
    public String getErasure(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.consent().getErasure(id));
    }
}
