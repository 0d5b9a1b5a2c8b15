package org.prooftrail.chaincode;

import java.util.List;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.prooftrail.chaincode.contract.ProposalClock;

/**
 * Starts the prooftrail chaincode. With {@code CHAINCODE_SERVER_ADDRESS} (for example {@code 0.0.0.0:9999}) and
 * {@code CORE_CHAINCODE_ID_NAME} (the package id the peer reports at install) set, it listens as a
 * chaincode-as-a-service server that the peer connects to. These are the shim's standard variables; the shim's
 * {@link ContractRouter} reads them.
 *
 * <p>TLS is on when {@code CORE_PEER_TLS_ENABLED=true}. The server then presents the PEM certificate in
 * {@code CORE_TLS_CLIENT_CERT_FILE} with the PEM (PKCS#8) key in {@code CORE_TLS_CLIENT_KEY_FILE}. The shim
 * (2.5.10) also refuses to start unless {@code CORE_TLS_CLIENT_CERT_PATH}, {@code CORE_TLS_CLIENT_KEY_PATH} and
 * {@code CORE_PEER_TLS_ROOTCERT_FILE} are set, although in server mode it reads none of them: those belong to the
 * classic mode, where the chaincode dials the peer. In particular the server does not check the peer's client
 * certificate (no mutual TLS). This class checks all five up front so that a missing one is a one-line error and
 * exit code 2, not a stack trace.
 *
 * <p>{@value org.prooftrail.chaincode.contract.ProposalClock#TOLERANCE_VARIABLE} sets how far a proposal's timestamp
 * may be from this machine's clock for the chaincode to endorse it (an ISO-8601 duration or whole seconds, 5 minutes
 * by default); a value that is not a positive duration stops the server with exit code 2.
 */
public final class ChaincodeServer {
    private static final Logger LOG = Logger.getLogger(ChaincodeServer.class.getName());

    /** What the shim insists on when TLS is enabled in server mode. */
    static final List<String> TLS_VARIABLES = List.of(
            "CORE_TLS_CLIENT_KEY_FILE",
            "CORE_TLS_CLIENT_CERT_FILE",
            "CORE_TLS_CLIENT_KEY_PATH",
            "CORE_TLS_CLIENT_CERT_PATH",
            "CORE_PEER_TLS_ROOTCERT_FILE");

    private ChaincodeServer() {}

    public static void main(String[] args) throws Exception {
        String id = System.getenv("CORE_CHAINCODE_ID_NAME");
        if (isBlank(id) && args.length == 0) {
            System.err.println("error: set CORE_CHAINCODE_ID_NAME to the chaincode package id (as 'peer lifecycle"
                    + " chaincode install' printed it) and CHAINCODE_SERVER_ADDRESS to host:port to listen on");
            System.exit(2);
        }
        String address = System.getenv("CHAINCODE_SERVER_ADDRESS");
        if (!isBlank(address) && Boolean.parseBoolean(System.getenv("CORE_PEER_TLS_ENABLED"))) {
            List<String> missing = TLS_VARIABLES.stream()
                    .filter(name -> isBlank(System.getenv(name)))
                    .toList();
            if (!missing.isEmpty()) {
                System.err.println("error: CORE_PEER_TLS_ENABLED=true but " + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " not set: CORE_TLS_CLIENT_CERT_FILE and"
                        + " CORE_TLS_CLIENT_KEY_FILE name the server's PEM certificate and key; the shim also requires"
                        + " CORE_TLS_CLIENT_CERT_PATH, CORE_TLS_CLIENT_KEY_PATH and CORE_PEER_TLS_ROOTCERT_FILE to be"
                        + " set, though it does not read them in server mode");
                System.exit(2);
            }
        }
        ProposalClock proposalClock;
        try {
            proposalClock = ProposalClock.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info(() -> "endorsing proposals timestamped within " + proposalClock.tolerance() + " of this clock");
        LOG.info(() -> "starting prooftrail chaincode " + id
                + (isBlank(address) ? " (connecting to a peer)" : " as a service on " + address));
        ContractRouter.main(args);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
