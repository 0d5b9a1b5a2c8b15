package org.prooftrail.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.prooftrail.chaincode.artifact.RegisterRequest;
import org.prooftrail.protocol.Contracts;

/** {@code artifact:*}: the fingerprint registry. */
@Contract(
        name = Contracts.ARTIFACT,
        info =
                @Info(
                        title = "prooftrail artifact registry",
                        description = "Fingerprints (SHA-256, Merkle roots) of datasets, models and training artifacts",
                        version = "0.1.0",
                        license = @License(name = "Apache-2.0"),
                        contact = @Contact(name = "prooftrail")))
public final class ArtifactContract extends ProofTrailContract {

    public ArtifactContract() {
        super(Contracts.ARTIFACT);
    }

    @Transaction(name = "Register", intent = Transaction.TYPE.SUBMIT)
    public String register(Context ctx, String artifactJson) {
        return Invocation.respond(ctx, s -> s.artifacts().register(RegisterRequest.parse(artifactJson)));
    }

    @Transaction(name = "Get", intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.artifacts().get(id));
    }

    @Transaction(name = "Verify", intent = Transaction.TYPE.EVALUATE)
    public String verify(Context ctx, String id, String digest) {
        return Invocation.respond(ctx, s -> s.artifacts().verify(id, digest));
    }

    @Transaction(name = "RecordVerification", intent = Transaction.TYPE.SUBMIT)
    public String recordVerification(Context ctx, String verificationJson) {
        return Invocation.respond(ctx, s -> s.artifacts().recordVerification(verificationJson));
    }

    @Transaction(name = "SetStatus", intent = Transaction.TYPE.SUBMIT)
    public String setStatus(Context ctx, String id, String status, String reason) {
        return Invocation.respond(ctx, s -> s.artifacts().setStatus(id, status, reason));
    }

    @Transaction(name = "History", intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.artifacts().history(id));
    }

    @Transaction(name = "Verifications", intent = Transaction.TYPE.EVALUATE)
    public String verifications(Context ctx, String id) {
        return Invocation.respond(ctx, s -> s.artifacts().verifications(id));
    }

    @Transaction(name = "List", intent = Transaction.TYPE.EVALUATE)
    public String list(Context ctx, String queryJson) {
        return Invocation.respond(ctx, s -> s.artifacts().list(queryJson));
    }

    @Transaction(name = "VerifyInclusion", intent = Transaction.TYPE.EVALUATE)
    public String verifyInclusion(Context ctx, String id, String leafDigest, String proofJson) {
        return Invocation.respond(ctx, s -> s.artifacts().verifyInclusion(id, leafDigest, proofJson));
    }
}
