package org.prooftrail.chaincode.contract;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.prooftrail.chaincode.access.AccessService;
import org.prooftrail.chaincode.access.GrantedDerivationGate;
import org.prooftrail.chaincode.artifact.ArtifactService;
import org.prooftrail.chaincode.compliance.ComplianceScan;
import org.prooftrail.chaincode.compliance.ComplianceService;
import org.prooftrail.chaincode.compliance.DownstreamDeployments;
import org.prooftrail.chaincode.compliance.GovernedDeploymentGate;
import org.prooftrail.chaincode.consent.ConsentService;
import org.prooftrail.chaincode.federation.FederationQueries;
import org.prooftrail.chaincode.federation.FederationService;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.identity.Callers;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LedgerCodec;
import org.prooftrail.chaincode.lineage.LineageService;
import org.prooftrail.chaincode.maintenance.MaintenanceService;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Runs one transaction: builds the services over the transaction's stub and caller, encodes the result as JSON,
 * and turns every failure into a {@code CODE: detail} chaincode error. A defect (any other exception) is logged
 * with its stack trace here and reported to the client as {@code INTERNAL} without internals.
 */
final class Invocation {
    private static final Logger LOG = Logger.getLogger(Invocation.class.getName());

    /** The services of one transaction. */
    static final class Services {
        private final Ledger ledger;
        private final Caller caller;

        Services(Ledger ledger, Caller caller) {
            this.ledger = ledger;
            this.caller = caller;
        }

        ArtifactService artifacts() {
            return new ArtifactService(
                    ledger, caller, new GrantedDerivationGate(ledger), new DownstreamDeployments(ledger));
        }

        LineageService lineage() {
            return new LineageService(
                    ledger, caller, new GovernedTrainingGate(ledger), new GovernedDeploymentGate(ledger));
        }

        ComplianceService compliance() {
            return new ComplianceService(ledger);
        }

        ComplianceScan scan() {
            return new ComplianceScan(ledger);
        }

        AccessService access() {
            return new AccessService(ledger, caller);
        }

        ConsentService consent() {
            return new ConsentService(ledger, caller);
        }

        FederationService federation() {
            return new FederationService(ledger, caller, new GovernedTrainingGate(ledger));
        }

        FederationQueries federationQueries() {
            return new FederationQueries(ledger);
        }

        MaintenanceService maintenance() {
            return new MaintenanceService(ledger, caller);
        }
    }

    private Invocation() {}

    static String respond(Context ctx, Function<Services, Object> call) {
        try {
            Services services = new Services(Ledger.on(ctx.getStub()), Callers.from(ctx.getClientIdentity()));
            return LedgerCodec.toJson(call.apply(services));
        } catch (ProofTrailException e) {
            throw new ChaincodeException(e.wireMessage());
        } catch (ChaincodeException e) {
            throw e;
        } catch (RuntimeException e) {
            String txId = ctx.getStub().getTxId();
            LOG.log(Level.SEVERE, "transaction " + txId + " failed with a defect", e);
            throw new ChaincodeException(ErrorCode.INTERNAL + ": transaction " + txId
                    + " failed inside prooftrail; the chaincode log has the details");
        }
    }
}
