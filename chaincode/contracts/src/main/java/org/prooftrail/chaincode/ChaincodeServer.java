package org.prooftrail.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.prooftrail.chaincode.contract.ProposalClock;

/**
 * Starts the prooftrail chaincode. With {@code CHAINCODE_SERVER_ADDRESS} (for example {@code 0.0.0.0:9999}) and
 * {@code CORE_CHAINCODE_ID_NAME} (the package id the peer reports at install) set, it listens as a
 * chaincode-as-a-service server that the peer connects to. These are the shim's standard variables, read as the
 * shim's {@link ContractRouter} reads them; the contracts are routed by {@link ContractRoutes}, without the router's
 * class-path scan.
 *
 * <p>TLS is on when {@code CORE_PEER_TLS_ENABLED=true}, and it is then always mutual. The server presents the PEM
 * certificate in {@code CORE_TLS_CLIENT_CERT_FILE} with the PEM (PKCS#8) key in {@code CORE_TLS_CLIENT_KEY_FILE},
 * and accepts only a client (the peer) whose certificate chains to a CA in {@code CHAINCODE_TLS_CLIENT_CA_FILE}
 * (default: {@code CORE_PEER_TLS_ROOTCERT_FILE}, the peer's TLS CA). The shim (2.5.10) supports client
 * authentication ({@code ChaincodeServerProperties.trustCertCollectionFile}) but never sets it from the
 * environment, so this class builds the server itself. The shim also refuses to start unless
 * {@code CORE_TLS_CLIENT_CERT_PATH}, {@code CORE_TLS_CLIENT_KEY_PATH} and {@code CORE_PEER_TLS_ROOTCERT_FILE} are
 * set, and, even in server mode, reads them each time a peer connects, to build a client channel it never uses:
 * the two {@code _PATH} files must hold the <em>Base64 encoding</em> of the PEM certificate and key (the classic
 * mode's convention), or the peer's connection fails with "Illegal base64 character". This class checks all five
 * up front, and that the two files decode, so that a mistake is a one-line error and exit code 2, not a stack
 * trace on every connection.
 *
 * <p>The shim logs every transaction's function and arguments at INFO ({@code ContractRouter}: "Got the invoke
 * request for: ...") and again at FINE ({@code ContractInvocationRequest}); {@link #withholdArguments} drops those
 * records whatever the log level, so no argument reaches a chaincode log.
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

    /** The PEM CA certificates that a connecting peer's TLS client certificate must chain to. */
    static final String CLIENT_CA_VARIABLE = "CHAINCODE_TLS_CLIENT_CA_FILE";

    /** The shim's loggers that write arguments, held here so that their filter is not lost with a collected logger. */
    private static final Logger ROUTER_LOG = Logger.getLogger(ContractRouter.class.getName());

    private static final Logger REQUEST_LOG =
            Logger.getLogger("org.hyperledger.fabric.contract.execution.impl.ContractInvocationRequest");

    /** The prefix of the shim's INFO record that carries the function and its arguments. */
    static final String INVOKE_RECORD = "Got the invoke request for:";

    private ChaincodeServer() {}

    public static void main(String[] args) throws Exception {
        String id = System.getenv("CORE_CHAINCODE_ID_NAME");
        if (isBlank(id) && args.length == 0) {
            System.err.println("error: set CORE_CHAINCODE_ID_NAME to the chaincode package id (as 'peer lifecycle"
                    + " chaincode install' printed it) and CHAINCODE_SERVER_ADDRESS to host:port to listen on");
            System.exit(2);
        }
        String address = System.getenv("CHAINCODE_SERVER_ADDRESS");
        boolean tls = Boolean.parseBoolean(System.getenv("CORE_PEER_TLS_ENABLED"));
        if (!isBlank(address) && tls) {
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
            for (String name : List.of("CORE_TLS_CLIENT_CERT_PATH", "CORE_TLS_CLIENT_KEY_PATH")) {
                String problem = base64Problem(Path.of(System.getenv(name)));
                if (problem != null) {
                    System.err.println("error: " + name + " " + problem + ": the shim reads it, even in server mode, as"
                            + " the Base64 encoding of the PEM file (base64 -w0 FILE.pem > FILE.b64)");
                    System.exit(2);
                }
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
        withholdArguments();
        if (isBlank(address)) {
            LOG.info(() -> "starting prooftrail chaincode " + id + " (connecting to a peer)");
            new ProofTrailChaincode().start(args);
            return;
        }
        String clientCa = isBlank(System.getenv(CLIENT_CA_VARIABLE))
                ? System.getenv("CORE_PEER_TLS_ROOTCERT_FILE")
                : System.getenv(CLIENT_CA_VARIABLE);
        LOG.info(() -> "starting prooftrail chaincode " + id + " as a service on " + address
                + (tls ? " (mutual TLS: clients must present a certificate issued by " + clientCa + ")" : ""));
        ProofTrailChaincode chaincode = ProofTrailChaincode.configured(args);
        ChaincodeServerProperties properties = chaincode.getChaincodeServerConfig();
        if (properties.isTlsEnabled()) {
            properties.setTrustCertCollectionFile(clientCa);
        }
        new NettyChaincodeServer(chaincode, properties).start();
    }

    /** Why {@code file} is not a readable Base64 text, or null if it is one. */
    static String base64Problem(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return "names " + file + ", which cannot be read (" + e.getMessage() + ")";
        }
        try {
            Base64.getDecoder().decode(content);
            return null;
        } catch (IllegalArgumentException e) {
            return "names " + file + ", which is not Base64 (" + e.getMessage() + ")";
        }
    }

    /**
     * Keeps transaction arguments out of the logs: drops the shim's records that carry them, at any level. A
     * filter, not a level, because the shim resets its loggers' levels when the router starts.
     */
    static void withholdArguments() {
        ROUTER_LOG.setFilter(
                record -> record.getMessage() == null || !record.getMessage().startsWith(INVOKE_RECORD));
        REQUEST_LOG.setFilter(record -> record.getLevel().intValue() >= Level.WARNING.intValue());
    }

    /** Undoes {@link #withholdArguments}, for a test that shows what the shim logs by itself. */
    static void releaseArguments() {
        ROUTER_LOG.setFilter((Filter) null);
        REQUEST_LOG.setFilter((Filter) null);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
