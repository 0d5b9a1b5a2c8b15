package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.refused;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.Role;

/**
 * Federated learning: hospital-a coordinates federation {@code fl} over its model {@code global-v0}; hospital-a
 * (dataset {@code a-data}, requiring consent), hospital-b ({@code b-data}) and research ({@code r-data}) are members;
 * at least two updates make a round.
 */
class FederationContractTest {
    private static final String FAR_FUTURE = "2030-01-01T00:00:00Z";
    private static final String ALICE =
            Digest.sha256("alice".getBytes(StandardCharsets.UTF_8)).hex();

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainerA = user(HOSPITAL_A, Role.TRAINER);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);
    private final Identity trainerB = user(HOSPITAL_B, Role.TRAINER);
    private final Identity curatorR = user(RESEARCH, Role.CURATOR);
    private final Identity trainerR = user(RESEARCH, Role.TRAINER);

    @BeforeEach
    void registerTheConsortium() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("a-data", "DATASET", "requiresConsent", true)));
        ok(ledger.submit(curatorB, "artifact:Register", artifact("b-data", "DATASET")));
        ok(ledger.submit(curatorR, "artifact:Register", artifact("r-data", "DATASET")));
        ok(ledger.submit(trainerA, "artifact:Register", artifact("global-v0", "MODEL")));
        ok(ledger.submit(trainerA, "artifact:Register", artifact("global-v1", "MODEL")));
        ok(ledger.submit(trainerA, "artifact:Register", artifact("global-v2", "MODEL")));
    }

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private Result open(Identity who, Object... overrides) {
        Map<String, Object> federation = Json.object(
                "id",
                "fl",
                "model",
                "global-v0",
                "members",
                List.of(HOSPITAL_A, HOSPITAL_B, RESEARCH),
                "rule",
                "fedavg",
                "minParticipants",
                2,
                "purpose",
                "TRAINING",
                "roundSeconds",
                3600);
        federation.putAll(Json.object(overrides));
        return ledger.submit(who, "federation:Open", Json.of(federation));
    }

    private Result openRound(Identity who, int round) {
        return ledger.submit(who, "federation:OpenRound", Json.of(Json.object("federation", "fl", "round", round)));
    }

    private Result submit(Identity who, int round, String id, String dataset) {
        return ledger.submit(
                who,
                "federation:SubmitUpdate",
                Json.of(Json.object(
                        "federation",
                        "fl",
                        "round",
                        round,
                        "id",
                        id,
                        "digest",
                        digest(id),
                        "datasets",
                        List.of(Json.object("id", dataset, "digest", digest(dataset))),
                        "samples",
                        100)));
    }

    private static String root(String... updates) {
        List<Digest> digests = new ArrayList<>();
        for (String update : new java.util.TreeSet<>(List.of(updates))) {
            digests.add(Digest.parse("d", digest(update)));
        }
        return Merkle.rootOfDigests(digests).toString();
    }

    private Result aggregate(Identity who, int round, String model, String... updates) {
        return aggregateWithRoot(who, round, model, root(updates), updates);
    }

    private Result aggregateWithRoot(Identity who, int round, String model, String merkleRoot, String... updates) {
        return ledger.submit(
                who,
                "federation:Aggregate",
                Json.of(Json.object(
                        "federation",
                        "fl",
                        "round",
                        round,
                        "model",
                        model,
                        "digest",
                        digest(model),
                        "updates",
                        List.of(updates),
                        "merkleRoot",
                        merkleRoot)));
    }

    private void attestA() {
        ok(ledger.submit(
                stewardA,
                transientOf(
                        "consent",
                        Json.of(Json.object(
                                "subject",
                                ALICE,
                                "dataset",
                                "a-data",
                                "purposes",
                                List.of("TRAINING"),
                                "expiresAt",
                                FAR_FUTURE,
                                "formDigest",
                                digest("form")))),
                "consent:Grant"));
        ok(ledger.submit(
                stewardA,
                transientOf("subjects", Json.of(Json.object("subjects", List.of(ALICE)))),
                "consent:Attest",
                "a-data",
                "TRAINING"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> nodeKeys(Result graph) {
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> node : (List<Map<String, Object>>) graph.json().get("nodes")) {
            keys.add((String) node.get("key"));
        }
        return keys;
    }

    @Nested
    class Opening_a_federation {
        @Test
        void makes_the_caller_the_coordinator_with_sorted_members() {
            Map<String, Object> federation = ok(open(trainerA)).json();
            assertThat(federation)
                    .containsEntry("coordinator", HOSPITAL_A)
                    .containsEntry("members", List.of(HOSPITAL_A, HOSPITAL_B, RESEARCH))
                    .containsEntry("rule", "fedavg")
                    .containsEntry("initialModel", "global-v0");
        }

        @Test
        void refuses_an_initial_model_the_coordinator_does_not_own() {
            refused(open(trainerB), "PERMISSION_DENIED", "the initial model global-v0 is registered by HospitalAMSP");
        }

        @Test
        void refuses_a_second_federation_with_the_same_id() {
            ok(open(trainerA));
            refused(open(trainerA), "ALREADY_EXISTS", "federation fl was already opened");
        }

        @Test
        void refuses_a_minimum_above_the_number_of_members() {
            refused(open(trainerA, "minParticipants", 4), "INVALID_ARGUMENT", "minParticipants must be from 1 to");
        }

        @Test
        void refuses_a_purpose_other_than_training() {
            refused(open(trainerA, "purpose", "INFERENCE"), "INVALID_ARGUMENT", "purpose must be TRAINING");
        }
    }

    @Nested
    class Opening_a_round {
        @BeforeEach
        void openTheFederation() {
            ok(open(trainerA));
        }

        @Test
        void starts_from_the_initial_model_under_the_coordinator_only_policy() {
            Result opened = ok(openRound(trainerA, 1));
            assertThat(opened.json())
                    .containsEntry("status", "OPEN")
                    .containsEntry("baseModel", "global-v0")
                    .containsEntry("baseDigest", digest("global-v0"))
                    .containsEntry(
                            "deadline", opened.timestamp().plusSeconds(3600).toString());
            String roundKey = key("fedround", "fl", "0000000001");
            assertThat(OwnerEndorsementTest.policyText(
                            opened.writeSet().validationParameters().get(roundKey)))
                    .isEqualTo("OutOf(1, HospitalAMSP)");
        }

        @Test
        void is_refused_to_a_non_coordinator() {
            refused(openRound(trainerB, 1), "PERMISSION_DENIED", "only the coordinator HospitalAMSP may open a round");
        }

        @Test
        void is_refused_while_the_previous_round_is_open() {
            ok(openRound(trainerA, 1));
            refused(openRound(trainerA, 2), "FAILED_PRECONDITION", "round 1 of federation fl is still open");
        }

        @Test
        void is_refused_out_of_order() {
            refused(openRound(trainerA, 2), "FAILED_PRECONDITION", "round 1 of federation fl was never opened");
        }

        @Test
        void is_refused_twice() {
            ok(openRound(trainerA, 1));
            refused(openRound(trainerA, 1), "ALREADY_EXISTS", "round 1 of federation fl was already opened");
        }
    }

    @Nested
    class Submitting_an_update {
        @BeforeEach
        void openRoundOne() {
            ok(open(trainerA));
            ok(openRound(trainerA, 1));
        }

        @Test
        void records_the_digest_datasets_and_samples_owned_by_the_member() {
            Result submitted = ok(submit(trainerB, 1, "b-r1", "b-data"));
            assertThat(submitted.json())
                    .containsEntry("member", HOSPITAL_B)
                    .containsEntry("digest", digest("b-r1"))
                    .containsEntry("samples", 100L);
            assertThat(submitted.writeSet().puts())
                    .containsKeys(
                            key("fedupdate", "b-r1"),
                            key("fedsubmission", "fl", "0000000001", HOSPITAL_B),
                            key("fedconsumer", "b-data", "b-r1"),
                            key("artifactguard", "b-data"));
            assertThat(OwnerEndorsementTest.policyText(
                            submitted.writeSet().validationParameters().get(key("fedupdate", "b-r1"))))
                    .isEqualTo("OutOf(2, HospitalBMSP, OutOf(1, HospitalAMSP, ResearchMSP))");
        }

        @Test
        void is_refused_to_a_non_member() {
            ok(ledger.submit(
                    trainerA,
                    "federation:Open",
                    Json.of(Json.object(
                            "id",
                            "small",
                            "model",
                            "global-v0",
                            "members",
                            List.of(HOSPITAL_A),
                            "rule",
                            "fedavg",
                            "minParticipants",
                            1,
                            "purpose",
                            "TRAINING"))));
            ok(ledger.submit(
                    trainerA, "federation:OpenRound", Json.of(Json.object("federation", "small", "round", 1))));
            Result outsider = ledger.submit(
                    trainerB,
                    "federation:SubmitUpdate",
                    Json.of(Json.object(
                            "federation",
                            "small",
                            "round",
                            1,
                            "id",
                            "b-x",
                            "digest",
                            digest("b-x"),
                            "datasets",
                            List.of(Json.object("id", "b-data", "digest", digest("b-data"))),
                            "samples",
                            5)));
            refused(outsider, "PERMISSION_DENIED", "HospitalBMSP is not a member of federation small");
        }

        @Test
        void is_refused_a_second_time_in_the_same_round() {
            ok(submit(trainerB, 1, "b-r1", "b-data"));
            refused(
                    submit(trainerB, 1, "b-r1-again", "b-data"),
                    "ALREADY_EXISTS",
                    "HospitalBMSP already submitted update b-r1 in round 1");
        }

        @Test
        void is_refused_after_the_deadline() {
            ledger.passTime(Duration.ofHours(2));
            refused(submit(trainerB, 1, "b-r1", "b-data"), "FAILED_PRECONDITION", "is late");
        }

        @Test
        void is_refused_in_a_closed_round() {
            ok(submit(trainerB, 1, "b-r1", "b-data"));
            ok(submit(trainerR, 1, "r-r1", "r-data"));
            ok(aggregate(trainerA, 1, "global-v1", "b-r1", "r-r1"));
            refused(submit(trainerA, 1, "a-r1", "a-data"), "FAILED_PRECONDITION", "round 1 of federation fl is closed");
        }

        @Test
        void is_refused_in_a_round_never_opened() {
            refused(submit(trainerB, 2, "b-r2", "b-data"), "NOT_FOUND", "round 2 of federation fl was never opened");
        }

        @Test
        void is_refused_on_another_members_dataset() {
            refused(
                    submit(trainerB, 1, "b-r1", "r-data"),
                    "PERMISSION_DENIED",
                    "dataset r-data is registered by ResearchMSP");
        }

        @Test
        void is_refused_with_a_dataset_digest_that_differs_from_the_registry() {
            Result tampered = ledger.submit(
                    trainerB,
                    "federation:SubmitUpdate",
                    Json.of(Json.object(
                            "federation",
                            "fl",
                            "round",
                            1,
                            "id",
                            "b-r1",
                            "digest",
                            digest("b-r1"),
                            "datasets",
                            List.of(Json.object("id", "b-data", "digest", digest("other"))),
                            "samples",
                            5)));
            refused(tampered, "FAILED_PRECONDITION", "the member's copy differs from the registered data");
        }

        @Test
        void is_refused_on_a_consent_gated_dataset_without_an_attestation() {
            refused(
                    submit(trainerA, 1, "a-r1", "a-data"),
                    "FAILED_PRECONDITION",
                    "dataset a-data requires consent and has no consent attestation for TRAINING");
        }

        @Test
        void is_refused_on_a_consent_gated_dataset_whose_attestation_is_stale() {
            attestA();
            ok(ledger.submit(
                    stewardA,
                    transientOf(
                            "consent",
                            Json.of(Json.object("subject", ALICE, "dataset", "a-data", "reason", "withdrawn"))),
                    "consent:Revoke"));
            refused(submit(trainerA, 1, "a-r1", "a-data"), "FAILED_PRECONDITION", "is STALE");
        }

        @Test
        void relies_on_a_fresh_attestation_and_records_the_version() {
            attestA();
            Result submitted = ok(submit(trainerA, 1, "a-r1", "a-data"));
            assertThat(submitted.json().get("consents").toString())
                    .contains("a-data")
                    .contains("version=1");
            assertThat(submitted.writeSet().puts()).containsKey(key("consentuse", "a-data", "TRAINING", "a-r1"));
        }

        @Test
        void refuses_an_update_id_a_run_or_artifact_already_has() {
            refused(submit(trainerB, 1, "b-data", "b-data"), "ALREADY_EXISTS", "update id b-data is already taken");
        }
    }

    @Nested
    class Aggregating_a_round {
        @BeforeEach
        void collectTwoUpdates() {
            ok(open(trainerA));
            ok(openRound(trainerA, 1));
            ok(submit(trainerB, 1, "b-r1", "b-data"));
            ok(submit(trainerR, 1, "r-r1", "r-data"));
        }

        @Test
        void closes_the_round_with_the_new_global_model_and_the_root_of_the_updates() {
            Result aggregated = ok(aggregate(trainerA, 1, "global-v1", "r-r1", "b-r1"));
            assertThat(aggregated.json())
                    .containsEntry("status", "AGGREGATED")
                    .containsEntry("model", "global-v1")
                    .containsEntry("updates", List.of("b-r1", "r-r1"))
                    .containsEntry("merkleRoot", root("b-r1", "r-r1"))
                    .containsEntry("samples", 200L);
            assertThat(aggregated.writeSet().puts())
                    .containsKeys(
                            key("fedround", "fl", "0000000001"),
                            key("fedproducer", "global-v1", "fl:1"),
                            key("fedconsumer", "global-v0", "fl:1"));
        }

        @Test
        void is_refused_to_a_non_coordinator() {
            refused(
                    aggregate(trainerB, 1, "global-v1", "b-r1", "r-r1"),
                    "PERMISSION_DENIED",
                    "only the coordinator HospitalAMSP may aggregate");
        }

        @Test
        void is_refused_below_the_minimum_of_participants() {
            refused(
                    aggregate(trainerA, 1, "global-v1", "b-r1"),
                    "FAILED_PRECONDITION",
                    "aggregates at least 2 members' updates per round; 1 given");
        }

        @Test
        void is_refused_for_an_unknown_update() {
            refused(aggregate(trainerA, 1, "global-v1", "b-r1", "ghost"), "NOT_FOUND", "update ghost does not exist");
        }

        @Test
        void is_refused_for_an_update_of_another_round() {
            ok(aggregate(trainerA, 1, "global-v1", "b-r1", "r-r1"));
            ok(openRound(trainerA, 2));
            ok(submit(trainerB, 2, "b-r2", "b-data"));
            refused(
                    aggregate(trainerA, 2, "global-v2", "b-r2", "r-r1"),
                    "FAILED_PRECONDITION",
                    "update r-r1 belongs to round 1 of federation fl, not round 2");
        }

        @Test
        void is_refused_with_a_merkle_root_that_does_not_match() {
            refused(
                    aggregateWithRoot(trainerA, 1, "global-v1", root("b-r1"), "b-r1", "r-r1"),
                    "FAILED_PRECONDITION",
                    "is not the Merkle root of the included updates' digests");
        }

        @Test
        void is_refused_for_a_closed_round() {
            ok(aggregate(trainerA, 1, "global-v1", "b-r1", "r-r1"));
            refused(
                    aggregate(trainerA, 1, "global-v2", "b-r1", "r-r1"),
                    "FAILED_PRECONDITION",
                    "round 1 of federation fl is already closed");
        }

        @Test
        void is_refused_with_a_model_already_used_as_a_base() {
            refused(
                    aggregate(trainerA, 1, "global-v0", "b-r1", "r-r1"),
                    "FAILED_PRECONDITION",
                    "model global-v0 is the global model round 1 started from");
        }
    }

    @Nested
    class Lineage_of_a_federated_model {
        @BeforeEach
        void twoRounds() {
            attestA();
            ok(open(trainerA));
            ok(openRound(trainerA, 1));
            ok(submit(trainerA, 1, "a-r1", "a-data"));
            ok(submit(trainerB, 1, "b-r1", "b-data"));
            ok(submit(trainerR, 1, "r-r1", "r-data"));
            ok(aggregate(trainerA, 1, "global-v1", "a-r1", "b-r1", "r-r1"));
            ok(openRound(trainerA, 2));
            ok(submit(trainerB, 2, "b-r2", "b-data"));
            ok(submit(trainerR, 2, "r-r2", "r-data"));
            ok(aggregate(trainerA, 2, "global-v2", "b-r2", "r-r2"));
        }

        @Test
        void upstream_of_the_final_model_reaches_every_members_dataset_through_both_rounds() {
            Result upstream = ok(ledger.evaluate(trainerB, "lineage:Upstream", "global-v2", "32"));
            assertThat(nodeKeys(upstream))
                    .contains(
                            "aggregation:fl:2",
                            "update:b-r2",
                            "artifact:global-v1",
                            "aggregation:fl:1",
                            "update:a-r1",
                            "artifact:a-data",
                            "artifact:b-data",
                            "artifact:r-data",
                            "attestation:a-data:TRAINING",
                            "artifact:global-v0");
        }

        @Test
        void downstream_of_a_dataset_reaches_every_later_global_model() {
            Result downstream = ok(ledger.evaluate(trainerB, "lineage:Downstream", "a-data", "32"));
            assertThat(nodeKeys(downstream)).contains("update:a-r1", "aggregation:fl:1", "artifact:global-v2");
        }

        @Test
        void an_aggregation_and_an_update_are_lineage_nodes_by_name() {
            assertThat(nodeKeys(ok(ledger.evaluate(trainerB, "lineage:Upstream", "aggregation:fl:1", "1"))))
                    .contains("update:a-r1", "artifact:global-v0");
            assertThat(nodeKeys(ok(ledger.evaluate(trainerB, "lineage:Upstream", "b-r1", "1"))))
                    .contains("artifact:b-data");
        }

        @Test
        void a_members_consent_erasure_makes_the_federated_model_at_risk_and_is_reached_from_its_receipt() {
            for (String subject : List.of(ALICE)) {
                Result erased = ok(ledger.submit(
                        stewardA,
                        transientOf("consent", Json.of(Json.object("subject", subject, "dataset", "a-data"))),
                        "consent:Erase"));
                String receipt = (String) erased.json().get("id");
                assertThat(nodeKeys(ok(ledger.evaluate(trainerB, "lineage:Downstream", receipt, "32"))))
                        .contains("update:a-r1", "artifact:global-v2");
            }
            Map<String, Object> compliance = ok(ledger.evaluate(trainerB, "lineage:Compliance", "global-v2"))
                    .json();
            assertThat(compliance).containsEntry("status", "AT_RISK");
            assertThat(compliance.get("reasons").toString())
                    .contains("STALE_ATTESTATION")
                    .contains("federated update a-r1 relied on version 1");
        }

        @Test
        void history_lists_every_round_with_its_updates() {
            Map<String, Object> history =
                    ok(ledger.evaluate(trainerB, "federation:History", "fl")).json();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rounds = (List<Map<String, Object>>) history.get("rounds");
            assertThat(rounds).hasSize(2);
            assertThat(rounds.get(0).get("submitted").toString()).contains("a-r1", "b-r1", "r-r1");
            Map<String, Object> federation =
                    ok(ledger.evaluate(trainerB, "federation:Get", "fl")).json();
            assertThat(federation).containsEntry("rounds", 2L);
            assertThat(federation.get("currentRound").toString()).contains("model=global-v2");
        }

        @Test
        void a_run_may_not_take_an_update_id() {
            ok(ledger.submit(trainerB, "artifact:Register", artifact("m", "MODEL")));
            Result run = ledger.submit(
                    trainerB,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id",
                            "b-r1",
                            "inputs",
                            List.of(Json.object("id", "b-data", "digest", digest("b-data"))),
                            "outputs",
                            List.of("m"))));
            refused(run, "ALREADY_EXISTS", "run id b-r1 is taken by the federated update");
        }
    }
}
