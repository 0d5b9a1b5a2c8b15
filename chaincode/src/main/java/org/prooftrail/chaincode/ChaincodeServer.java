package org.prooftrail.chaincode;

import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;

/**
 * Starts the prooftrail chaincode. With {@code CHAINCODE_SERVER_ADDRESS} (for example {@code 0.0.0.0:9999}) and
 * {@code CORE_CHAINCODE_ID_NAME} (the package id the peer reports at install) set, it listens as a
 * chaincode-as-a-service server that the peer connects to; TLS is on when {@code CORE_PEER_TLS_ENABLED=true},
 * with the server's key and certificate in {@code CORE_TLS_CLIENT_KEY_FILE} and {@code CORE_TLS_CLIENT_CERT_FILE}
 * (and {@code CORE_PEER_TLS_ROOTCERT_FILE} to check peers). These are the shim's standard variables; the shim's
 * {@link ContractRouter} reads them.
 */
public final class ChaincodeServer {
    private static final Logger LOG = Logger.getLogger(ChaincodeServer.class.getName());

    private ChaincodeServer() {}

    public static void main(String[] args) throws Exception {
        String id = System.getenv("CORE_CHAINCODE_ID_NAME");
        if ((id == null || id.isBlank()) && args.length == 0) {
            System.err.println("error: set CORE_CHAINCODE_ID_NAME to the chaincode package id (as 'peer lifecycle"
                    + " chaincode install' printed it) and CHAINCODE_SERVER_ADDRESS to host:port to listen on");
            System.exit(2);
        }
        String address = System.getenv("CHAINCODE_SERVER_ADDRESS");
        LOG.info(() -> "starting prooftrail chaincode " + id
                + (address == null || address.isBlank() ? " (connecting to a peer)" : " as a service on " + address));
        ContractRouter.main(args);
    }
}
