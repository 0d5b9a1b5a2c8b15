package org.prooftrail.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.TransactionSimulator;

/**
 * The shim logs each transaction's function and arguments (at INFO, and again at FINE); the chaincode server keeps
 * them out of its logs at every level. Runs the shim's real router, with every level enabled.
 */
class ChaincodeServerLoggingTest {
    private static final String ARGUMENT = "ArgumentNotToBeLoggedMSP";
    private static final ContractRouter ROUTER = router();

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger fabric = Logger.getLogger("org.hyperledger.fabric");
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level routerLevel;

    private static ContractRouter router() {
        ContractRouter router = new ContractRouter(new String[] {"-i", "prooftrail"});
        try {
            router.startRouterWithChaincodeServer(new ChaincodeServer() {
                @Override
                public void start() {}

                @Override
                public void stop() {}
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return router;
    }

    @BeforeEach
    void captureEverything() {
        capture.setLevel(Level.ALL);
        fabric.addHandler(capture);
        routerLevel = Logger.getLogger("org.hyperledger.fabric.contract").getLevel();
        Logger.getLogger("org.hyperledger.fabric.contract").setLevel(Level.ALL);
    }

    @AfterEach
    void restore() {
        fabric.removeHandler(capture);
        Logger.getLogger("org.hyperledger.fabric.contract").setLevel(routerLevel);
        org.prooftrail.chaincode.ChaincodeServer.withholdArguments();
    }

    @Test
    void the_shim_alone_logs_the_arguments_of_every_transaction() {
        org.prooftrail.chaincode.ChaincodeServer.releaseArguments();

        invoke();

        assertThat(logged).anyMatch(line -> line.contains(ARGUMENT));
    }

    @Test
    void the_chaincode_server_logs_no_argument_at_any_level_but_still_logs_the_routing() {
        org.prooftrail.chaincode.ChaincodeServer.withholdArguments();

        invoke();

        assertThat(logged).noneMatch(line -> line.contains(ARGUMENT));
        assertThat(logged).anyMatch(line -> line.contains("Got invoke routing request"));
    }

    private static void invoke() {
        CertificateAuthority authority = CertificateAuthority.create("HospitalAMSP", "hospital-a.prooftrail.test");
        TransactionSimulator stub = TransactionSimulator.builder()
                .worldState(new MemoryWorldState())
                .channelId("prooftrail")
                .chaincodeName("prooftrail")
                .txId("00".repeat(32))
                // The real router checks the proposal against this machine's clock (ProposalClock): now.
                .timestamp(Instant.now())
                .creator(authority.issue("curator-user", "client"))
                .peerMspId("HospitalAMSP")
                .arguments("artifact:List", "{\"owner\":\"" + ARGUMENT + "\",\"pageSize\":5}")
                .build();
        assertThat(ROUTER.invoke(stub).getStringPayload()).contains("\"count\":0");
    }
}
