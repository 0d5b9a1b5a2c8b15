package org.prooftrail.client.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.protocol.Contracts;

/**
 * The prooftrail chaincode in this process: the shim's own {@link ContractRouter}, so routing, argument conversion
 * and error responses are exactly a peer's, started with a chaincode server that does nothing. One per process.
 *
 * <p>The router is a {@code ChaincodeBase} and reads the peer's environment when constructed. A shell prepared for
 * the {@code peer} CLI has {@code CORE_PEER_TLS_ENABLED=true}, which makes the constructor demand client TLS files
 * that an in-process chaincode never uses; that case is detected first and reported with what to do. The
 * constructor also rewrites the root logger's handlers for a chaincode container; they are put back afterwards.
 */
final class InProcessChaincode {
    private static final Logger LOGGER = Logger.getLogger(InProcessChaincode.class.getName());
    /** The loggers the shim sets to INFO; held so the WARNING level set on them is not lost with a collected logger. */
    private static final List<String> SHIM_PACKAGES =
            List.of("org.hyperledger", "org.hyperledger.fabric.shim", "org.hyperledger.fabric.contract");

    private static final List<Logger> QUIETED = new ArrayList<>();

    private static final String[] TLS_FILES = {
        "CORE_TLS_CLIENT_CERT_PATH", "CORE_TLS_CLIENT_KEY_PATH", "CORE_PEER_TLS_ROOTCERT_FILE"
    };

    private static ContractRouter router;

    private InProcessChaincode() {}

    static Chaincode.Response invoke(ChaincodeStub stub) {
        return router().invoke(stub);
    }

    static synchronized ContractRouter router() {
        if (router == null) {
            router = start(System.getenv());
        }
        return router;
    }

    /** Why the environment would stop the router from starting, or null. */
    static String environmentProblem(Map<String, String> environment) {
        if (!Boolean.parseBoolean(environment.get("CORE_PEER_TLS_ENABLED"))) {
            return null;
        }
        for (String name : TLS_FILES) {
            if (environment.get(name) == null) {
                return "the environment sets CORE_PEER_TLS_ENABLED=true (a shell prepared for the peer CLI) without "
                        + name + "; the embedded ledger runs the chaincode in this process and needs no TLS, but the"
                        + " Fabric shim refuses to start. Run prooftrail without it, for example"
                        + " `env -u CORE_PEER_TLS_ENABLED prooftrail ...`, or configure a network with --config";
            }
        }
        return null;
    }

    /** Fails with the reason if this process's environment would stop the contracts from starting. */
    static void checkEnvironment() {
        final String problem = environmentProblem(System.getenv());
        if (problem != null) {
            throw new GatewayUnavailableException(problem, null, null);
        }
    }

    private static ContractRouter start(Map<String, String> environment) {
        final String problem = environmentProblem(environment);
        if (problem != null) {
            throw new GatewayUnavailableException(problem, null, null);
        }
        final Logger root = Logger.getLogger("");
        final Handler[] handlers = root.getHandlers();
        final Formatter[] formatters = new Formatter[handlers.length];
        final Level[] levels = new Level[handlers.length];
        final Filter[] filters = new Filter[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            formatters[i] = handlers[i].getFormatter();
            levels[i] = handlers[i].getLevel();
            filters[i] = handlers[i].getFilter();
            // The constructor sets the handlers to ALL and reports its environment at INFO; keep that quiet.
            handlers[i].setFilter(InProcessChaincode::quietShim);
        }
        final String format = System.getProperty("java.util.logging.SimpleFormatter.format");
        try {
            final ContractRouter started = new ContractRouter(new String[] {"-i", Contracts.CHAINCODE});
            for (String name : SHIM_PACKAGES) {
                final Logger shim = Logger.getLogger(name);
                shim.setLevel(Level.WARNING);
                QUIETED.add(shim);
            }
            started.startRouterWithChaincodeServer(new IdleServer());
            LOGGER.fine("the prooftrail contracts are running in process");
            return started;
        } catch (java.io.IOException | RuntimeException e) {
            throw new GatewayUnavailableException(
                    "cannot start the prooftrail contracts in process: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted while starting the prooftrail contracts", null, e);
        } finally {
            for (int i = 0; i < handlers.length; i++) {
                handlers[i].setFormatter(formatters[i]);
                handlers[i].setLevel(levels[i]);
                handlers[i].setFilter(filters[i]);
            }
            if (format == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", format);
            }
        }
    }

    /** While the router starts, on this thread: it announces itself at INFO, including through the root logger. */
    private static boolean quietShim(LogRecord record) {
        return record.getLevel().intValue() >= Level.WARNING.intValue();
    }

    /** The router wants a server to start; in process there is nothing to serve. */
    private static final class IdleServer implements ChaincodeServer {
        @Override
        public void start() {
            // nothing to serve: transactions are invoked directly
        }

        @Override
        public void stop() {
            // nothing started
        }
    }
}
