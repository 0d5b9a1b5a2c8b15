package org.prooftrail.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Serializer;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prooftrail.chaincode.contract.SystemProposalClock;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.TransactionSimulator;
import org.prooftrail.protocol.Role;

/**
 * The fixed routing table agrees with what the shim's class-path scan finds, and answers exactly as the shim's own
 * {@code ContractRouter} does.
 */
class ContractRoutesTest {
    /** The contracts endorse only proposals timestamped near this clock; both routes see the same one. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final ContractRoutes ROUTES = ContractRoutes.load();
    private static final ContractRouter ROUTER = shimRouter();
    private static final Identity CURATOR = CertificateAuthority.create("HospitalAMSP", "hospital-a.prooftrail.test")
            .issue("curator", "client", Map.of(Role.ATTRIBUTE, Role.CURATOR.attributeValue()));
    private static final String DATASET =
            "{\"id\":\"chest-xray\",\"kind\":\"DATASET\",\"digest\":\"sha256:" + "0".repeat(64) + "\"}";

    private static ContractRouter shimRouter() {
        final ContractRouter router = new ContractRouter(new String[] {"-i", "prooftrail"});
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

    /** What the shim's scan ({@code RoutingRegistryImpl.findAndSetContracts}) finds with the given annotation. */
    private static List<String> scanned(Class<?> annotation) {
        try (ScanResult scan = new ClassGraph()
                .enableClassInfo()
                .enableAnnotationInfo()
                .acceptPackages("org.prooftrail", "org.hyperledger.fabric")
                .scan()) {
            return scan.getClassesWithAnnotation(annotation.getName()).stream()
                    .map(ClassInfo::getName)
                    .sorted()
                    .toList();
        }
    }

    private static List<String> names(List<? extends Class<?>> classes) {
        return classes.stream().map(Class::getName).sorted().toList();
    }

    @Nested
    class The_table {

        @Test
        void lists_every_contract_class_the_shims_scan_finds_and_no_other() {
            assertThat(names(ContractRoutes.CONTRACTS)).isEqualTo(scanned(Contract.class));
        }

        @Test
        void lists_every_data_type_and_serializer_the_shims_scan_finds() {
            assertThat(names(ContractRoutes.DATA_TYPES)).isEqualTo(scanned(DataType.class));
            assertThat(names(ContractRoutes.SERIALIZERS)).isEqualTo(scanned(Serializer.class));
        }
    }

    @Nested
    class Routing {

        @BeforeEach
        void endorseNearThisClock() {
            // Other test classes in this JVM leave a fixed proposal clock behind.
            SystemProposalClock.use();
        }

        @Test
        void registers_as_the_shims_router_does_with_the_same_response_and_write_set() {
            final TransactionSimulator ours = stub(new MemoryWorldState(), "artifact:Register", DATASET);
            final TransactionSimulator shims = stub(new MemoryWorldState(), "artifact:Register", DATASET);

            final Chaincode.Response response = ROUTES.invoke(ours);
            final Chaincode.Response expected = ROUTER.invoke(shims);

            assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
            assertThat(new String(response.getPayload(), UTF_8)).isEqualTo(new String(expected.getPayload(), UTF_8));
            assertThat(ours.writeSet()).isEqualTo(shims.writeSet());
        }

        @Test
        void refuses_bad_input_with_the_same_coded_message_and_nothing_written() {
            final TransactionSimulator ours = stub(new MemoryWorldState(), "artifact:Register", "{\"id\":\"\"}");

            final Chaincode.Response response = ROUTES.invoke(ours);
            final Chaincode.Response expected =
                    ROUTER.invoke(stub(new MemoryWorldState(), "artifact:Register", "{\"id\":\"\"}"));

            assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
            assertThat(response.getMessage()).startsWith("INVALID_ARGUMENT: ").isEqualTo(expected.getMessage());
            assertThat(ours.writeSet().isEmpty()).isTrue();
        }

        @Test
        void answers_an_unknown_function_of_a_prooftrail_contract_as_the_shim_does() {
            final String function = "artifact:NoSuchFunction";
            final Chaincode.Response response = ROUTES.invoke(stub(new MemoryWorldState(), function, "x"));
            final Chaincode.Response expected = ROUTER.invoke(stub(new MemoryWorldState(), function, "x"));

            assertThat(response.getStatus()).isEqualTo(expected.getStatus());
            assertThat(response.getMessage()).isEqualTo(expected.getMessage()).startsWith("INVALID_ARGUMENT: ");
        }

        /** Found by ContractFuzzTest: the shim answers these with "Undefined contract called", which has no code. */
        @ParameterizedTest
        @ValueSource(strings = {"nosuchcontract:Get", "Get", ""})
        void refuses_a_function_of_no_contract_with_a_code_that_names_the_contracts(String function) {
            final TransactionSimulator ours = stub(new MemoryWorldState(), function, "x");

            final Chaincode.Response response = ROUTES.invoke(ours);

            assertThat(ROUTER.invoke(stub(new MemoryWorldState(), function, "x"))
                            .getMessage())
                    .isEqualTo("Undefined contract called");
            assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
            assertThat(response.getMessage())
                    .isEqualTo("INVALID_ARGUMENT: '" + function + "' names no contract of this chaincode; call"
                            + " contract:Function, with contract one of access, artifact, consent, federation,"
                            + " lineage, maintenance, org.hyperledger.fabric");
            assertThat(ours.writeSet().isEmpty()).isTrue();
        }

        /** Found by ContractFuzzTest: the shim answers it with "Undefined contract method called", which has no code. */
        @Test
        void refuses_an_unknown_function_of_the_system_contract_with_a_code_that_names_its_functions() {
            final String function = "org.hyperledger.fabric:GletMetadata";

            final Chaincode.Response response = ROUTES.invoke(stub(new MemoryWorldState(), function));

            assertThat(ROUTER.invoke(stub(new MemoryWorldState(), function)).getMessage())
                    .isEqualTo("Undefined contract method called");
            assertThat(response.getMessage())
                    .isEqualTo("INVALID_ARGUMENT: 'org.hyperledger.fabric:GletMetadata' is not a function of the"
                            + " system contract org.hyperledger.fabric; it has GetMetadata");
        }

        @Test
        void serves_the_contract_metadata_of_the_system_contract_also_when_built_on_first_use() {
            final Chaincode.Response response = ContractRoutes.loadWithoutMetadata()
                    .invoke(stub(new MemoryWorldState(), "org.hyperledger.fabric:GetMetadata"));

            assertThat(response.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
            assertThat(new String(response.getPayload(), UTF_8))
                    .contains("\"artifact\"")
                    .contains("\"lineage\"")
                    .contains("\"consent\"")
                    .contains("\"access\"")
                    .contains("\"Register\"");
        }
    }

    private static TransactionSimulator stub(MemoryWorldState state, String function, String... arguments) {
        return TransactionSimulator.builder()
                .worldState(state)
                .channelId("prooftrail")
                .chaincodeName("prooftrail")
                .txId("tx-" + function)
                .timestamp(NOW)
                .creator(CURATOR)
                .peerMspId(CURATOR.mspId())
                .arguments(function, arguments)
                .build();
    }
}
