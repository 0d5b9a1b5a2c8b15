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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Role;

/**
 * Compliance computed from the whole upstream, and the deployment gate that acts on it. The story: hospital-a's
 * datasets {@code ds1} and {@code ds2}, granted to research for TRAINING; research verifies its copies, trains
 * {@code run1} on both into {@code m1}, and deploys it.
 */
class ComplianceContractTest {
    private static final String FAR_FUTURE = "2027-01-01T00:00:00Z";

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainerA = user(HOSPITAL_A, Role.TRAINER);
    private final Identity deployerA = user(HOSPITAL_A, Role.DEPLOYER);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);

    @BeforeEach
    void registerTheStory() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("ds1", "DATASET")));
        ok(ledger.submit(curatorA, "artifact:Register", artifact("ds2", "DATASET")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("m1", "MODEL")));
        for (String dataset : List.of("ds1", "ds2")) {
            ok(grant(curatorA, dataset, RESEARCH, List.of("TRAINING"), FAR_FUTURE));
        }
    }

    private Result grant(Identity owner, String artifact, String grantee, List<String> purposes, String expiresAt) {
        return ledger.submit(
                owner,
                "access:Grant",
                Json.of(Json.object(
                        "artifact", artifact, "grantee", grantee, "purposes", purposes, "expiresAt", expiresAt)));
    }

    private Result verify(Identity who, String id, String seen) {
        return ledger.submit(
                who,
                "artifact:RecordVerification",
                Json.of(Json.object("id", id, "digest", digest(seen), "purpose", "TRAINING")));
    }

    private Result train(Identity who, String run, String model, String... inputs) {
        return ledger.submit(
                who,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id",
                        run,
                        "inputs",
                        java.util.Arrays.stream(inputs)
                                .map(i -> Json.object("id", i, "digest", digest(i)))
                                .toList(),
                        "outputs",
                        List.of(model))));
    }

    /** Research verifies both datasets, then trains run1 on them into m1. */
    private void trainVerified() {
        ok(verify(trainer, "ds1", "ds1"));
        ok(verify(trainer, "ds2", "ds2"));
        ok(train(trainer, "run1", "m1", "ds1", "ds2"));
    }

    private Result deploy(Identity who, String id, String model, Object... more) {
        Map<String, Object> json = Json.object("id", id, "model", model, "environment", "production");
        json.putAll(Json.object(more));
        return ledger.submit(who, "lineage:RecordDeployment", Json.of(json));
    }

    private Map<String, Object> compliance(String id) {
        return ok(ledger.evaluate(curatorB, "lineage:Compliance", id)).json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> reasons(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("reasons");
    }

    private static List<String> codes(Map<String, Object> report) {
        return reasons(report).stream()
                .map(r -> r.get("code") + " " + r.get("node"))
                .toList();
    }

    private Map<String, Object> scan(Identity who, Object... query) {
        return ok(ledger.evaluate(who, "lineage:ComplianceScan", Json.of(Json.object(query))))
                .json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> scan) {
        return (List<Map<String, Object>>) scan.get("items");
    }

    @Nested
    class Compliance {
        @Test
        void is_clear_for_an_artifact_run_and_deployment_whose_inputs_were_verified_before_training() {
            trainVerified();
            ok(deploy(deployer, "prod", "m1"));

            for (String[] asked :
                    new String[][] {{"m1", "artifact:m1"}, {"run1", "run:run1"}, {"prod", "deployment:prod"}}) {
                Map<String, Object> report = compliance(asked[0]);
                assertThat(report)
                        .containsEntry("id", asked[0])
                        .containsEntry("node", asked[1])
                        .containsEntry("status", "CLEAR");
                assertThat(reasons(report)).isEmpty();
            }
        }

        @Test
        void is_tainted_by_a_revoked_upstream_dataset_naming_the_transaction_that_revoked_it() {
            trainVerified();
            Result revoked = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));

            Map<String, Object> report = compliance("m1");

            assertThat(report).containsEntry("status", "TAINTED");
            assertThat(reasons(report)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("severity", "TAINTED")
                    .containsEntry("code", "REVOKED_ARTIFACT")
                    .containsEntry("node", "artifact:ds1")
                    .containsEntry("txId", revoked.txId())
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("REVOKED", "bad labels")));
            assertThat(compliance("ds1")).containsEntry("status", "TAINTED");
        }

        @Test
        void is_at_risk_by_a_deprecated_upstream_dataset() {
            trainVerified();
            Result deprecated = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds2", "DEPRECATED", "superseded"));

            Map<String, Object> report = compliance("run1");

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(reasons(report)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("severity", "AT_RISK")
                    .containsEntry("code", "DEPRECATED_ARTIFACT")
                    .containsEntry("txId", deprecated.txId()));
        }

        @Test
        void is_at_risk_by_an_input_without_a_matching_verification_by_the_trainer_before_the_run() {
            ok(verify(trainer, "ds1", "ds1"));
            ok(verify(trainer, "ds2", "tampered"));
            ok(verify(curatorB, "ds2", "ds2"));
            Result run = ok(train(trainer, "run1", "m1", "ds1", "ds2"));
            ok(verify(trainer, "ds2", "ds2"));

            Map<String, Object> report = compliance("m1");

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(reasons(report)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("code", "UNVERIFIED_INPUT")
                    .containsEntry("node", "artifact:ds2")
                    .containsEntry("txId", run.txId())
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("run1", "ResearchMSP")));
        }

        @Test
        void lists_every_reason_worst_first_in_a_stable_order() {
            ok(train(trainer, "run1", "m1", "ds1", "ds2"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds2", "DEPRECATED", "superseded"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));

            Map<String, Object> report = compliance("m1");

            assertThat(codes(report))
                    .containsExactly(
                            "REVOKED_ARTIFACT artifact:ds1",
                            "DEPRECATED_ARTIFACT artifact:ds2",
                            "UNVERIFIED_INPUT artifact:ds1",
                            "UNVERIFIED_INPUT artifact:ds2");
            assertThat(ledger.evaluate(curatorB, "lineage:Compliance", "m1").payload())
                    .isEqualTo(ledger.evaluate(curatorA, "lineage:Compliance", "m1")
                            .payload());
        }

        @Test
        void is_at_risk_when_the_upstream_reaches_beyond_what_the_walk_may_read() {
            String parent = "ds1";
            for (int i = 1; i <= LineageGraphs.MAX_DEPTH + 1; i++) {
                ok(ledger.submit(
                        curatorA, "artifact:Register", artifact("copy-" + i, "DATASET", "parents", List.of(parent))));
                parent = "copy-" + i;
            }
            String deepest = parent;

            Map<String, Object> report = compliance(deepest);

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(codes(report)).containsExactly("TRUNCATED artifact:" + deepest);
            assertThat(compliance("copy-2")).containsEntry("status", "CLEAR");
        }

        @Test
        void is_refused_for_an_unknown_id() {
            refused(ledger.evaluate(curatorB, "lineage:Compliance", "ghost"), "NOT_FOUND", "ghost");
        }
    }

    @Nested
    class DeploymentGate {
        @Test
        void deploys_a_clear_model_and_records_its_status_and_the_active_deployment_index() {
            trainVerified();

            Result deployed = ok(deploy(deployer, "prod", "m1"));

            assertThat(deployed.json()).containsEntry("compliance", "CLEAR").doesNotContainKey("acceptedRisk");
            assertThat(deployed.writeSet().puts())
                    .containsKey(new CompositeKey("activedeployment", RESEARCH, "prod").toString());
            assertThat(deployed.writeSet().event().orElseThrow().getPayload().toStringUtf8())
                    .contains("\"compliance\":\"CLEAR\"");
        }

        @Test
        void refuses_a_tainted_model_listing_every_reason_even_when_the_risk_is_accepted() {
            trainVerified();
            Result revoked = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));
            Result deprecated = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds2", "DEPRECATED", "old"));

            for (Result result :
                    List.of(deploy(deployer, "prod", "m1"), deploy(deployer, "prod", "m1", "acceptRisk", "we know"))) {
                refused(result, "FAILED_PRECONDITION", "model m1 is TAINTED and may not be deployed");
                assertThat(result.message())
                        .contains("REVOKED_ARTIFACT artifact:ds1 (transaction " + revoked.txId() + ")")
                        .contains("DEPRECATED_ARTIFACT artifact:ds2 (transaction " + deprecated.txId() + ")");
            }
        }

        @Test
        void refuses_an_at_risk_model_unless_the_risk_is_accepted_and_then_records_it() {
            ok(train(trainer, "run1", "m1", "ds1", "ds2"));

            refused(deploy(deployer, "prod", "m1"), "FAILED_PRECONDITION", "model m1 is AT_RISK: UNVERIFIED_INPUT");
            Result deployed = ok(deploy(deployer, "prod", "m1", "acceptRisk", "copies checked out of band"));

            assertThat(deployed.json())
                    .containsEntry("compliance", "AT_RISK")
                    .containsEntry("acceptedRisk", "copies checked out of band");
            assertThat(reasons(Map.of("reasons", deployed.json().get("riskReasons"))))
                    .extracting(r -> r.get("code"))
                    .containsExactly("UNVERIFIED_INPUT", "UNVERIFIED_INPUT");
            assertThat(ok(ledger.evaluate(curatorA, "lineage:GetDeployment", "prod"))
                            .json())
                    .containsEntry("acceptedRisk", "copies checked out of band");
            assertThat(compliance("prod"))
                    .containsEntry("status", "AT_RISK")
                    .containsEntry("acceptedRisk", "copies checked out of band");
            assertThat(deployed.writeSet().event().orElseThrow().getPayload().toStringUtf8())
                    .contains("\"compliance\":\"AT_RISK\"");
        }

        @Test
        void records_nothing_accepted_for_a_clear_model_deployed_with_accept_risk() {
            trainVerified();

            Result deployed = ok(deploy(deployer, "prod", "m1", "acceptRisk", "just in case"));

            assertThat(deployed.json()).containsEntry("compliance", "CLEAR").doesNotContainKey("acceptedRisk");
        }

        @Test
        void deploys_another_organisations_model_only_with_its_inference_grant() {
            ok(ledger.submit(trainerA, "artifact:Register", artifact("model-a", "MODEL")));
            ok(verify(trainerA, "ds1", "ds1"));
            ok(train(trainerA, "run-a", "model-a", "ds1"));
            ok(grant(curatorA, "model-a", RESEARCH, List.of("EVALUATION"), FAR_FUTURE));

            refused(
                    deploy(deployer, "prod-a", "model-a"),
                    "FAILED_PRECONDITION",
                    "deploying model-a is not allowed: ResearchMSP holds no active INFERENCE grant on HospitalAMSP's"
                            + " model model-a");
            ok(deploy(deployerA, "own-a", "model-a"));
            ok(grant(curatorA, "model-a", RESEARCH, List.of("EVALUATION", "INFERENCE"), FAR_FUTURE));
            assertThat(ok(deploy(deployer, "prod-a", "model-a")).json()).containsEntry("compliance", "CLEAR");
        }

        @Test
        void always_retires_even_a_tainted_deployment_and_leaves_the_active_index() {
            trainVerified();
            ok(deploy(deployer, "prod", "m1"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));

            Result retired = ok(ledger.submit(deployer, "lineage:RetireDeployment", "prod", "tainted upstream"));

            assertThat(retired.json()).containsEntry("status", "RETIRED");
            assertThat(retired.writeSet().deletes())
                    .contains(new CompositeKey("activedeployment", RESEARCH, "prod").toString());
            assertThat(retired.writeSet().event().orElseThrow().getPayload().toStringUtf8())
                    .contains("\"compliance\":\"TAINTED\"");
        }
    }

    @Nested
    class ConsentRelied {
        private final String alice =
                Digest.sha256("alice".getBytes(StandardCharsets.UTF_8)).hex();

        @BeforeEach
        void governDs3() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("ds3", "DATASET", "requiresConsent", true)));
            ok(grant(curatorA, "ds3", RESEARCH, List.of("TRAINING"), FAR_FUTURE));
            ok(verify(trainer, "ds3", "ds3"));
        }

        private void consentAndAttest(String expiresAt) {
            ok(ledger.submit(
                    stewardA,
                    transientOf(
                            "consent",
                            Json.of(Json.object(
                                    "subject",
                                    alice,
                                    "dataset",
                                    "ds3",
                                    "purposes",
                                    List.of("TRAINING"),
                                    "expiresAt",
                                    expiresAt,
                                    "formDigest",
                                    digest("form")))),
                    "consent:Grant"));
            ok(ledger.submit(
                    stewardA,
                    transientOf("subjects", Json.of(Json.object("subjects", List.of(alice)))),
                    "consent:Attest",
                    "ds3",
                    "TRAINING"));
        }

        @Test
        void a_revoked_attestation_relied_on_taints_the_model() {
            consentAndAttest(FAR_FUTURE);
            ok(train(trainer, "run3", "m1", "ds3"));
            Result revoked =
                    ok(ledger.submit(stewardA, "consent:RevokeAttestation", "ds3", "TRAINING", "forms were invalid"));

            Map<String, Object> report = compliance("m1");

            assertThat(report).containsEntry("status", "TAINTED");
            assertThat(reasons(report)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("code", "REVOKED_ATTESTATION")
                    .containsEntry("node", "attestation:ds3:TRAINING")
                    .containsEntry("txId", revoked.txId())
                    .hasEntrySatisfying(
                            "message", m -> assertThat((String) m).contains("version 1", "forms were invalid")));
        }

        @Test
        void is_not_computed_for_the_attestation_itself() {
            consentAndAttest(FAR_FUTURE);

            refused(
                    ledger.evaluate(curatorB, "lineage:Compliance", "attestation:ds3:TRAINING"),
                    "INVALID_ARGUMENT",
                    "compliance is computed for an artifact, run or deployment; attestation:ds3:TRAINING is a consent"
                            + " attestation");
        }

        @Test
        void an_attestation_past_its_earliest_expiry_puts_the_model_at_risk() {
            String expiresAt = ledger.nextTimestamp().plusSeconds(4).toString();
            consentAndAttest(expiresAt);
            ok(train(trainer, "run3", "m1", "ds3"));
            assertThat(compliance("m1")).containsEntry("status", "CLEAR");
            ok(ledger.submit(curatorA, "artifact:Register", artifact("filler", "OTHER")));

            Map<String, Object> report = compliance("m1");

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(reasons(report)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("code", "STALE_ATTESTATION")
                    .hasEntrySatisfying("message", m -> assertThat((String) m).contains("expired at " + expiresAt)));
        }

        @Test
        void an_attestation_version_that_became_stale_puts_the_model_at_risk() {
            consentAndAttest(FAR_FUTURE);
            ok(train(trainer, "run3", "m1", "ds3"));
            markStale("ds3");

            Map<String, Object> report = compliance("run3");

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(codes(report)).containsExactly("STALE_ATTESTATION attestation:ds3:TRAINING");
        }
    }

    /** Writes the dataset's TRAINING attestation again as STALE, as the consent branch does on an erasure. */
    private void markStale(String dataset) {
        ledger.writeDirectly(stewardA, l -> {
            ConsentAttestation current =
                    l.consent().findAttestation(dataset, "TRAINING").orElseThrow();
            l.consent()
                    .putAttestation(
                            current.stale("a subject was erased", l.tx().txId(), l.tx().timestampText()), false);
        });
    }

    @Nested
    class Scan {
        @Test
        void is_empty_on_a_clean_ledger() {
            Map<String, Object> scan = ok(new ChaincodeHarness().evaluate(curatorA, "lineage:ComplianceScan", ""))
                    .json();

            assertThat(scan)
                    .containsEntry("items", List.of())
                    .containsEntry("needsAction", false)
                    .containsEntry("withinDays", 30L)
                    .containsEntry("truncated", false)
                    .containsKey("asOf")
                    .doesNotContainKey("owner");
        }

        @Test
        void needs_no_action_when_every_grant_expires_beyond_the_window() {
            assertThat(scan(curatorA)).containsEntry("needsAction", false);
        }

        @Test
        void lists_grants_expiring_within_the_window_of_the_owner_asked_for() {
            String soon = ledger.nextTimestamp().plusSeconds(10 * 86_400L).toString();
            Result expiring = ok(grant(curatorA, "ds1", HOSPITAL_B, List.of("READ"), soon));
            ok(ledger.submit(curatorB, "artifact:Register", artifact("notes", "DATASET")));
            ok(grant(curatorB, "notes", RESEARCH, List.of("READ"), soon));

            Map<String, Object> mine = scan(curatorA, "owner", HOSPITAL_A, "withinDays", 30);

            assertThat(mine).containsEntry("needsAction", true).containsEntry("owner", HOSPITAL_A);
            assertThat(items(mine)).singleElement().satisfies(i -> assertThat(i)
                    .containsEntry("kind", "grant")
                    .containsEntry("id", "ds1")
                    .containsEntry("owner", HOSPITAL_A)
                    .containsEntry("grantee", HOSPITAL_B)
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("expiresAt", soon)
                    .containsEntry("txId", expiring.txId())
                    .hasEntrySatisfying("action", a -> assertThat((String) a).contains("renew the grant")));
            assertThat(items(scan(curatorA, "withinDays", 30)))
                    .extracting(i -> i.get("id"))
                    .containsExactly("ds1", "notes");
            assertThat(items(scan(curatorA, "withinDays", 5))).isEmpty();
        }

        @Test
        void lists_an_expired_grant_still_active_and_forgets_revoked_and_replaced_ones() {
            String soon = ledger.nextTimestamp().plusSeconds(2).toString();
            ok(grant(curatorA, "ds1", HOSPITAL_B, List.of("READ"), soon));
            ok(grant(curatorA, "ds2", HOSPITAL_B, List.of("READ"), soon));
            ok(ledger.submit(curatorA, "access:Revoke", "ds2", HOSPITAL_B, "", "no longer needed"));

            assertThat(items(scan(curatorA, "withinDays", 0)))
                    .singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("id", "ds1").containsEntry("status", "EXPIRED"));

            ok(grant(curatorA, "ds1", HOSPITAL_B, List.of("READ"), FAR_FUTURE));
            assertThat(scan(curatorA, "withinDays", 0)).containsEntry("needsAction", false);
        }

        @Test
        void lists_active_deployments_at_risk_or_tainted_with_their_reasons_until_retired() {
            trainVerified();
            ok(deploy(deployer, "prod", "m1"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds2", "DEPRECATED", "superseded"));

            List<Map<String, Object>> items = items(scan(curatorA, "owner", RESEARCH));

            assertThat(items).singleElement().satisfies(i -> {
                assertThat(i)
                        .containsEntry("kind", "deployment")
                        .containsEntry("id", "prod")
                        .containsEntry("owner", RESEARCH)
                        .containsEntry("status", "AT_RISK")
                        .hasEntrySatisfying(
                                "action", a -> assertThat((String) a).contains("--accept-risk"));
                assertThat(reasons(i)).extracting(r -> r.get("code")).containsExactly("DEPRECATED_ARTIFACT");
            });
            assertThat(items(scan(curatorA, "owner", HOSPITAL_A))).isEmpty();

            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));
            assertThat(items(scan(curatorA))).singleElement().satisfies(i -> assertThat(i)
                    .containsEntry("status", "TAINTED")
                    .hasEntrySatisfying("action", a -> assertThat((String) a).startsWith("retire the deployment")));

            ok(ledger.submit(deployer, "lineage:RetireDeployment", "prod", "tainted"));
            assertThat(scan(curatorA)).containsEntry("needsAction", false);
        }

        @Test
        void leaves_out_a_deployment_whose_risk_was_accepted_until_a_new_reason_appears() {
            ok(train(trainer, "run1", "m1", "ds1", "ds2"));
            ok(deploy(deployer, "prod", "m1", "acceptRisk", "checked out of band"));

            assertThat(scan(curatorA)).containsEntry("needsAction", false);

            ok(ledger.submit(curatorA, "artifact:SetStatus", "ds2", "DEPRECATED", "superseded"));
            assertThat(items(scan(curatorA)))
                    .singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("id", "prod").containsEntry("status", "AT_RISK"));
        }

        @Test
        void lists_stale_attestations_and_attestations_expiring_within_the_window() {
            String alice =
                    Digest.sha256("alice".getBytes(StandardCharsets.UTF_8)).hex();
            String inTwentyDays =
                    ledger.nextTimestamp().plusSeconds(20 * 86_400L).toString();
            for (String dataset : List.of("ds3", "ds4")) {
                ok(ledger.submit(curatorA, "artifact:Register", artifact(dataset, "DATASET", "requiresConsent", true)));
                ok(ledger.submit(
                        stewardA,
                        transientOf(
                                "consent",
                                Json.of(Json.object(
                                        "subject",
                                        alice,
                                        "dataset",
                                        dataset,
                                        "purposes",
                                        List.of("TRAINING"),
                                        "expiresAt",
                                        dataset.equals("ds3") ? FAR_FUTURE : inTwentyDays,
                                        "formDigest",
                                        digest("form")))),
                        "consent:Grant"));
                ok(ledger.submit(
                        stewardA,
                        transientOf("subjects", Json.of(Json.object("subjects", List.of(alice)))),
                        "consent:Attest",
                        dataset,
                        "TRAINING"));
            }
            markStale("ds3");

            List<Map<String, Object>> items = items(scan(curatorB, "owner", HOSPITAL_A));

            assertThat(items)
                    .extracting(i -> i.get("kind") + " " + i.get("id") + " " + i.get("purpose") + " " + i.get("status"))
                    .containsExactly("attestation ds3 TRAINING STALE", "attestation ds4 TRAINING ACTIVE");
            assertThat(items.get(0))
                    .hasEntrySatisfying("action", a -> assertThat((String) a).startsWith("re-attest"));
            // The attestation publishes the day its earliest consent expires, not the subject's exact expiry.
            assertThat(items.get(1))
                    .containsEntry(
                            "expiresAt",
                            Instant.parse(inTwentyDays)
                                    .truncatedTo(ChronoUnit.DAYS)
                                    .toString());
            assertThat(items(scan(curatorB, "owner", HOSPITAL_A, "withinDays", 10)))
                    .extracting(i -> i.get("id"))
                    .containsExactly("ds3");
            assertThat(items(scan(curatorB, "owner", HOSPITAL_B))).isEmpty();
        }
    }

    @Nested
    class Events {
        @Test
        void a_status_change_names_the_active_deployments_it_affects() {
            trainVerified();
            ok(deploy(deployer, "prod", "m1"));
            ok(deploy(deployer, "staging", "m1"));
            ok(ledger.submit(deployer, "lineage:RetireDeployment", "staging", "done"));

            Result revoked = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "REVOKED", "bad labels"));

            var event = revoked.writeSet().event().orElseThrow();
            assertThat(event.getEventName()).isEqualTo("ArtifactStatusChanged");
            assertThat(event.getPayload().toStringUtf8()).contains("\"affectedDeployments\":[\"prod\"]");
        }

        @Test
        void a_status_change_with_nothing_deployed_downstream_names_none() {
            Result deprecated = ok(ledger.submit(curatorA, "artifact:SetStatus", "ds1", "DEPRECATED", "old"));

            assertThat(deprecated.writeSet().event().orElseThrow().getPayload().toStringUtf8())
                    .contains("\"affectedDeployments\":[]");
        }
    }
}
