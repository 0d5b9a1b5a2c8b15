package org.prooftrail.client.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.chaincode.ContractRoutes;
import org.prooftrail.client.GatewayUnavailableException;

/**
 * The prooftrail chaincode in this process: the shim's routing, argument conversion, JSON serialisation and error
 * responses, exactly a peer's, over the chaincode's fixed list of contracts ({@link ContractRoutes}). One per process,
 * loaded on first use.
 *
 * <p>Unlike the shim's {@code ContractRouter}, this neither scans the class path (seconds in the shaded command-line
 * jar) nor reads the peer's environment, so a shell prepared for the {@code peer} CLI ({@code
 * CORE_PEER_TLS_ENABLED=true}) does not stop the embedded ledger, and the root logger is left alone.
 */
final class InProcessChaincode {
    private static final Logger LOGGER = Logger.getLogger(InProcessChaincode.class.getName());

    /** The shim's loggers, held so that the WARNING level set on them is not lost with a collected logger. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private static ContractRoutes routes;

    private InProcessChaincode() {}

    static Chaincode.Response invoke(ChaincodeStub stub) {
        return routes().invoke(stub);
    }

    static synchronized ContractRoutes routes() {
        if (routes == null) {
            // The shim announces every contract it registers at INFO; a command's stderr is for errors only.
            for (String name : List.of("org.hyperledger", "org.hyperledger.fabric.contract")) {
                final Logger shim = Logger.getLogger(name);
                shim.setLevel(Level.WARNING);
                QUIETED.add(shim);
            }
            try {
                routes = ContractRoutes.loadWithoutMetadata();
            } catch (RuntimeException e) {
                throw new GatewayUnavailableException(
                        "cannot start the prooftrail contracts in process: " + e.getMessage(), null, e);
            }
            LOGGER.fine("the prooftrail contracts are running in process");
        }
        return routes;
    }
}
