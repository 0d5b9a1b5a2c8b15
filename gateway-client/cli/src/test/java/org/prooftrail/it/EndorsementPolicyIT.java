package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.gateway.ChosenEndorsers;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;

/**
 * The threat model on the real network: organisations running a modified chaincode without the owner or the
 * immutability check, and a client that bypasses the gateway, all fail at validation with Fabric's
 * {@code ENDORSEMENT_POLICY_FAILURE}: an artifact's status needs its owner's peer (key-level policy), and its
 * registration needs a majority of the organisations (the chaincode's policy). The modified chaincode is built at test
 * time from the real source ({@link VariantChaincode}) and swapped in with {@code network.sh restart-chaincode};
 * every organisation runs the deployed build again afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndorsementPolicyIT {
    private static final String POLICY_FAILURE = "ENDORSEMENT_POLICY_FAILURE";

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Set<String> swapped = new LinkedHashSet<>();
    private FabricNetwork network;
    private Path variant;
    private ProofTrail hospitalA;
    private String dataset;
    private Digest registered;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        variant = VariantChaincode.build(
                network.repository(),
                network.chaincodeJar(),
                network.folder("variant"),
                List.of(VariantChaincode.NO_OWNER_CHECK, VariantChaincode.NO_IMMUTABILITY_CHECK));
        hospitalA = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "Admin")));
        dataset = "it-" + run + "-owned-by-hospital-a";
        registered = Digest.sha256(("the original " + run).getBytes(UTF_8));
        hospitalA.register(
                Registration.builder(dataset, ArtifactKind.DATASET, registered).build());
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void restore() throws Exception {
        try {
            if (!swapped.isEmpty()) {
                network.restoreChaincode(swapped);
            }
        } finally {
            if (hospitalA != null) {
                hospitalA.close();
            }
        }
    }

    private void runVariant(String... orgs) throws Exception {
        swapped.addAll(List.of(orgs));
        network.runChaincode(variant, orgs);
    }

    private static ProofTrail endorsedOnlyBy(FabricNetwork network, String org, String user, String... mspIds)
            throws Exception {
        return ProofTrail.over(ChosenEndorsers.connect(network.gatewayConfig(org, user), mspIds));
    }

    @Test
    @Order(1)
    void the_real_chaincode_refuses_another_organisations_status_change_at_endorsement() throws Exception {
        try (ProofTrail hospitalB = endorsedOnlyBy(network, "hospital-b", "Admin", "HospitalBMSP", "ResearchMSP")) {
            assertThatThrownBy(() -> hospitalB.setStatus(dataset, ArtifactStatus.REVOKED, "we say so"))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.PERMISSION_DENIED));
        }
    }

    @Test
    @Order(2)
    void the_real_chaincode_refuses_to_rewrite_a_registered_fingerprint_at_endorsement() {
        Digest other = Digest.sha256(("a rewrite " + run).getBytes(UTF_8));

        assertThatThrownBy(() -> hospitalA.register(Registration.builder(dataset, ArtifactKind.DATASET, other)
                        .build()))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    @Order(3)
    void a_peer_cli_invoke_endorsed_by_one_organisation_commits_as_an_endorsement_policy_failure() throws Exception {
        String id = "it-" + run + "-one-endorser";
        String argument =
                "{\"id\":\"" + id + "\",\"kind\":\"DATASET\",\"digest\":\"" + Digest.sha256(id.getBytes(UTF_8)) + "\"}";
        String orderer = network.peerEnvironment("hospital-a").get("ORDERER_ADDRESS");
        String ordererCa = network.peerEnvironment("hospital-a").get("ORDERER_CA");

        FabricNetwork.Result invoke = network.peer(
                "hospital-a",
                "chaincode",
                "invoke",
                "-o",
                orderer,
                "--tls",
                "--cafile",
                ordererCa,
                "-C",
                "prooftrail",
                "-n",
                "prooftrail",
                "--peerAddresses",
                "127.0.0.1:7051",
                "--tlsRootCertFiles",
                network.peerTlsCa("hospital-a").toString(),
                "--waitForEvent",
                "-c",
                "{\"function\":\"artifact:Register\",\"Args\":[" + quoted(argument) + "]}");

        assertThat(invoke.exitCode()).as(invoke.output()).isNotZero();
        assertThat(invoke.output()).contains(POLICY_FAILURE);
        assertThatThrownBy(() -> hospitalA.get(id))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    @Order(4)
    void a_majority_running_chaincode_without_the_owner_check_cannot_change_the_owners_status() throws Exception {
        runVariant("hospital-b", "research");

        try (ProofTrail colluders = endorsedOnlyBy(network, "hospital-b", "Admin", "HospitalBMSP", "ResearchMSP")) {
            assertThatThrownBy(() -> colluders.setStatus(dataset, ArtifactStatus.REVOKED, "we say so"))
                    .isInstanceOfSatisfying(CommitFailedException.class, e -> {
                        assertThat(e.validationCode()).isEqualTo(POLICY_FAILURE);
                        assertThat(e.retryable()).isFalse();
                    });
        }
        assertThat(hospitalA.get(dataset).status()).isEqualTo(ArtifactStatus.ACTIVE);
    }

    @Test
    @Order(5)
    void the_owner_alone_running_chaincode_without_the_immutability_check_cannot_rewrite_its_fingerprint()
            throws Exception {
        runVariant("hospital-a");
        Digest other = Digest.sha256(("a rewrite " + run).getBytes(UTF_8));

        try (ProofTrail owner = endorsedOnlyBy(network, "hospital-a", "Admin", "HospitalAMSP")) {
            assertThatThrownBy(() -> owner.register(Registration.builder(dataset, ArtifactKind.DATASET, other)
                            .build()))
                    .isInstanceOfSatisfying(CommitFailedException.class, e -> {
                        assertThat(e.validationCode()).isEqualTo(POLICY_FAILURE);
                        assertThat(e.retryable()).isFalse();
                    });
        }
        ArtifactRecord unchanged = hospitalA.get(dataset);
        assertThat(unchanged.digest()).isEqualTo(registered);
        assertThat(unchanged.owner()).isEqualTo("HospitalAMSP");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
