package org.prooftrail.chaincode;

import java.util.Properties;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.metrics.Metrics;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.traces.Traces;

/**
 * The prooftrail chaincode as the shim runs it (a {@link ChaincodeBase}: the peer's environment, logging, metrics,
 * the chaincode server's configuration), routing through {@link ContractRoutes} instead of the shim's {@code
 * ContractRouter}, whose class-path scans cost seconds of every start.
 */
final class ProofTrailChaincode extends ChaincodeBase {
    private static final Logger LOGGER = Logger.getLogger(ProofTrailChaincode.class.getName());
    private final ContractRoutes routes = ContractRoutes.load();

    /** For {@link ChaincodeBase#start}, which reads the environment and connects to the peer itself. */
    ProofTrailChaincode() {
        super();
    }

    /** Reads the environment and command line as {@code ContractRouter}'s constructor does, to serve a peer. */
    static ProofTrailChaincode configured(String[] args) {
        final ProofTrailChaincode chaincode = new ProofTrailChaincode();
        chaincode.configure(args);
        return chaincode;
    }

    private void configure(String[] args) {
        initializeLogging();
        processEnvironmentOptions();
        processCommandLineOptions(args);
        validateOptions();
        final Properties properties = getChaincodeConfig();
        Metrics.initialize(properties);
        Traces.initialize(properties);
        LOGGER.info(() -> "Metadata follows:" + MetadataBuilder.debugString());
    }

    @Override
    public Response init(ChaincodeStub stub) {
        return routes.invoke(stub);
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        return routes.invoke(stub);
    }
}
