package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.FederatedUpdate;
import org.prooftrail.client.FederationHistory;
import org.prooftrail.client.FederationRound;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.gateway.ChosenEndorsers;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.Transaction;

/**
 * A federation on the real network: hospital-a coordinates, hospital-b and research submit their updates from their
 * own identities (each through its own gateway peer) for two rounds, and hospital-a records each aggregation. A
 * rogue aggregation of round 2 by hospital-b and research, the channel's majority, running a chaincode without the
 * coordinator check (and, so that the round key is the only coordinator-owned key it writes, with its own model and
 * without the base model's guard), fails validation with {@code ENDORSEMENT_POLICY_FAILURE}: the round key carries
 * the coordinator-only key-level policy. Hospital-a's own aggregation of round 2 then commits, and the final model's
 * lineage reaches both members' datasets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationIT {
    private static final String SERVICE = "org/prooftrail/chaincode/federation/FederationService";

    /** Any member may aggregate, with a model of its own, and leaves the base model's guard alone. */
    private static final List<VariantChaincode.Patch> ROGUE_AGGREGATION = List.of(
            new VariantChaincode.Patch(
                    SERVICE,
                    "no coordinator check in Aggregate",
                    "requireCoordinator(federation, \"aggregate\");",
                    "boolean rogue = !caller.belongsTo(federation.getCoordinator());"),
            new VariantChaincode.Patch(
                    SERVICE,
                    "any owner of the aggregated model",
                    "if (!caller.belongsTo(aggregated.getOwner())) {",
                    "if (!rogue && !caller.belongsTo(aggregated.getOwner())) {"),
            new VariantChaincode.Patch(
                    SERVICE,
                    "no guard of the base model for a rogue aggregation",
                    "artifacts.guard(current.getBaseModel());",
                    "if (!rogue) { artifacts.guard(current.getBaseModel()); }"));

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Set<String> swapped = new LinkedHashSet<>();
    private FabricNetwork network;
    private ProofTrail hospitalA;
    private ProofTrail hospitalB;
    private ProofTrail research;
    private String federation;
    private String bData;
    private String rData;
    private final Map<Long, Map<String, Digest>> updates = new TreeMap<>();

    @BeforeAll
    void firstRound() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        hospitalA = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "Admin")));
        hospitalB = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-b", "Admin")));
        research = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("research", "Admin")));
        federation = "fl-" + run;
        bData = federation + "-b-data";
        rData = federation + "-r-data";
        hospitalB.register(
                Registration.builder(bData, ArtifactKind.DATASET, digest(bData)).build());
        research.register(
                Registration.builder(rData, ArtifactKind.DATASET, digest(rData)).build());
        for (int version = 0; version <= 2; version++) {
            String model = model(version);
            hospitalA.register(Registration.builder(model, ArtifactKind.MODEL, digest(model))
                    .build());
        }
        hospitalA.openFederation(federation, model(0), Set.of("HospitalBMSP", "ResearchMSP"), "fedavg", 2, null);
        awaitEveryPeer();
    }

    /**
     * Waits until every peer has the blocks the busiest one has: a submit returns once its gateway's peer committed,
     * and the next organisation's peer (which endorses its own transaction) may be a block behind. Each check is a
     * {@code peer channel getinfo} call; gives up after 30 s.
     */
    private void awaitEveryPeer() throws Exception {
        long target = 0;
        for (String org : FabricNetwork.ORGS) {
            target = Math.max(target, ChannelBlocks.height(network, org));
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (String org : FabricNetwork.ORGS) {
            long height;
            while ((height = ChannelBlocks.height(network, org)) < target) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("peer of " + org + " is at height " + height + ", not " + target);
                }
            }
        }
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
            for (AutoCloseable closeable : new AutoCloseable[] {hospitalA, hospitalB, research}) {
                if (closeable != null) {
                    closeable.close();
                }
            }
        }
    }

    private String model(int version) {
        return federation + "-global-v" + version;
    }

    private static Digest digest(String text) {
        return Digest.sha256(text.getBytes(UTF_8));
    }

    /** Each member submits its update from its own identity through its own gateway. */
    private void membersSubmit(long round) throws Exception {
        awaitEveryPeer();
        Map<String, Digest> submitted = new TreeMap<>();
        FederatedUpdate b = hospitalB.submitUpdate(
                federation,
                round,
                federation + "-b-r" + round,
                digest("b update " + round),
                Map.of(bData, digest(bData)),
                250);
        FederatedUpdate r = research.submitUpdate(
                federation,
                round,
                federation + "-r-r" + round,
                digest("r update " + round),
                Map.of(rData, digest(rData)),
                600);
        assertThat(b.member()).isEqualTo("HospitalBMSP");
        assertThat(r.member()).isEqualTo("ResearchMSP");
        submitted.put(b.id(), b.digest());
        submitted.put(r.id(), r.digest());
        updates.put(round, submitted);
        awaitEveryPeer();
    }

    @Test
    @Order(1)
    void round_one_members_submit_from_their_own_identities_and_the_coordinator_aggregates() throws Exception {
        FederationRound opened = hospitalA.openRound(federation, 1, null);
        assertThat(opened.baseModel()).isEqualTo(model(0));
        membersSubmit(1);

        FederationRound closed = hospitalA.aggregate(federation, 1, model(1), digest(model(1)), updates.get(1L));
        awaitEveryPeer();

        assertThat(closed.status()).isEqualTo(FederationRound.Status.AGGREGATED);
        assertThat(closed.updates()).containsExactlyElementsOf(updates.get(1L).keySet());
        assertThat(closed.merkleRoot())
                .contains(Merkle.rootOfDigests(List.copyOf(updates.get(1L).values())));
    }

    @Test
    @Order(2)
    void round_two_refuses_a_second_update_and_an_aggregation_by_a_non_coordinator() throws Exception {
        hospitalA.openRound(federation, 2, null);
        membersSubmit(2);

        assertThatThrownBy(() -> hospitalB.submitUpdate(
                        federation, 2, federation + "-b-again", digest("again"), Map.of(bData, digest(bData)), 1))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThatThrownBy(() -> research.aggregate(federation, 2, model(2), digest(model(2)), updates.get(2L)))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.PERMISSION_DENIED));
    }

    @Test
    @Order(3)
    void a_rogue_aggregation_endorsed_by_a_non_coordinator_majority_fails_validation() throws Exception {
        String rogueModel = federation + "-rogue";
        research.register(Registration.builder(rogueModel, ArtifactKind.MODEL, digest(rogueModel))
                .build());
        Path variant = VariantChaincode.build(
                network.repository(),
                network.chaincodeJar(),
                network.folder("federation-rogue-variant"),
                ROGUE_AGGREGATION,
                Map.of());
        swapped.addAll(List.of("hospital-b", "research"));
        network.runChaincode(variant, "hospital-b", "research");
        LedgerTransport colluders =
                ChosenEndorsers.connect(network.gatewayConfig("research", "Admin"), "HospitalBMSP", "ResearchMSP");
        Map<String, Object> aggregation = new TreeMap<>();
        aggregation.put("federation", federation);
        aggregation.put("round", 2);
        aggregation.put("model", rogueModel);
        aggregation.put("digest", digest(rogueModel).toString());
        aggregation.put("updates", List.copyOf(updates.get(2L).keySet()));
        aggregation.put(
                "merkleRoot",
                Merkle.rootOfDigests(List.copyOf(updates.get(2L).values())).toString());
        try {
            assertThatThrownBy(() -> colluders.submit(
                            Transaction.FEDERATION_AGGREGATE, List.of(Json.write(aggregation)), Map.of()))
                    .isInstanceOfSatisfying(CommitFailedException.class, e -> {
                        assertThat(e.validationCode()).isEqualTo("ENDORSEMENT_POLICY_FAILURE");
                        assertThat(e.retryable()).isFalse();
                    });
        } finally {
            colluders.close();
            network.restoreChaincode(swapped);
            swapped.clear();
        }

        FederationRound round = hospitalA.federation(federation).currentRound().orElseThrow();
        assertThat(round.round()).isEqualTo(2);
        assertThat(round.status()).isEqualTo(FederationRound.Status.OPEN);
        assertThat(round.model()).isEmpty();
    }

    @Test
    @Order(4)
    void the_coordinator_aggregates_round_two_and_the_lineage_reaches_both_members_datasets() throws Exception {
        hospitalA.aggregate(federation, 2, model(2), digest(model(2)), updates.get(2L));
        awaitEveryPeer();

        FederationHistory history = research.federationHistory(federation);
        assertThat(history.rounds())
                .extracting(FederationRound::status)
                .containsExactly(FederationRound.Status.AGGREGATED, FederationRound.Status.AGGREGATED);
        assertThat(history.rounds()).extracting(r -> r.model().orElseThrow()).containsExactly(model(1), model(2));
        assertThat(history.rounds().get(1).submitted())
                .extracting(FederatedUpdate::member)
                .containsExactlyInAnyOrder("HospitalBMSP", "ResearchMSP");
        LineageGraph upstream = hospitalB.upstream(model(2), 32);
        assertThat(upstream.nodes())
                .extracting(LineageGraph.Node::key)
                .contains(
                        "artifact:" + bData,
                        "artifact:" + rData,
                        "aggregation:" + federation + ":1",
                        "aggregation:" + federation + ":2",
                        "artifact:" + model(0))
                .doesNotContain("artifact:" + federation + "-rogue");
    }
}
