package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.identity.Role;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;

/**
 * Lineage under governance: research trains on hospital-a's dataset {@code xrays}, registered as requiring consent,
 * only with a TRAINING grant and a current consent attestation; hospital-a trains on its own {@code notes} freely.
 */
class TrainingGateTest {
    private static final String FAR_FUTURE = "2027-01-01T00:00:00Z";
    private static final String ALICE = pseudonym("alice");
    private static final String BOB = pseudonym("bob");

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainerA = user(HOSPITAL_A, Role.TRAINER);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);

    @BeforeEach
    void registerTheStory() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));
        ok(ledger.submit(curatorA, "artifact:Register", artifact("notes", "DATASET")));
        ok(ledger.submit(trainerA, "artifact:Register", artifact("model-a", "MODEL")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("train.py", "CODE")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
        for (String subject : List.of(ALICE, BOB)) {
            ok(ledger.submit(
                    stewardA,
                    transientOf(
                            "consent",
                            Json.of(Json.object(
                                    "subject",
                                    subject,
                                    "dataset",
                                    "xrays",
                                    "purposes",
                                    List.of("TRAINING"),
                                    "expiresAt",
                                    FAR_FUTURE,
                                    "formDigest",
                                    digest("form")))),
                    "consent:Grant"));
        }
    }

    private static String pseudonym(String name) {
        return Digest.sha256(name.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static Result ok(Result result) {
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result;
    }

    private static void refused(Result result, String fragment) {
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.message()).startsWith("FAILED_PRECONDITION: ").contains(fragment);
        assertThat(result.writeSet().isEmpty()).as("write set").isTrue();
    }

    private void grantTraining(List<String> purposes) {
        ok(ledger.submit(
                curatorA,
                "access:Grant",
                Json.of(Json.object(
                        "artifact", "xrays", "grantee", RESEARCH, "purposes", purposes, "expiresAt", FAR_FUTURE))));
    }

    private Result attest(List<String> subjects) {
        return ok(ledger.submit(
                stewardA,
                transientOf("subjects", Json.of(Json.object("subjects", subjects))),
                "consent:Attest",
                "xrays",
                "TRAINING"));
    }

    private Result recordRun(Identity who, String dataset, String model) {
        return ledger.submit(
                who,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id", "run-1",
                        "inputs", List.of(Json.object("id", dataset, "digest", digest(dataset))),
                        "outputs", List.of(model))));
    }

    private Result trainOnXrays() {
        return recordRun(trainer, "xrays", "model-v1");
    }

    @Nested
    class AccessGrants {
        @Test
        void refuses_cross_organisation_training_without_a_training_grant_naming_dataset_and_grant() {
            refused(
                    trainOnXrays(),
                    "training on xrays is not allowed: ResearchMSP holds no active TRAINING grant on"
                            + " HospitalAMSP's dataset xrays");
        }

        @Test
        void refuses_a_grant_for_other_purposes_only() {
            grantTraining(List.of("EVALUATION"));

            refused(trainOnXrays(), "holds no active TRAINING grant");
        }

        @Test
        void needs_no_grant_for_the_organisations_own_dataset() {
            Result result = ok(recordRun(trainerA, "notes", "model-a"));

            assertThat(result.json()).containsEntry("trainer", HOSPITAL_A);
            assertThat(inputs(result)).singleElement().satisfies(i -> assertThat(i)
                    .doesNotContainKey("consentVersion"));
        }
    }

    @Nested
    class ConsentAttestations {
        @BeforeEach
        void grant() {
            grantTraining(List.of("TRAINING"));
        }

        @Test
        void refuses_a_consent_requiring_dataset_without_an_attestation() {
            refused(
                    trainOnXrays(),
                    "dataset xrays requires consent and has no consent attestation for TRAINING; its owner"
                            + " HospitalAMSP must attest consent (consent:Attest) first");
        }

        @Test
        void refuses_a_revoked_attestation() {
            attest(List.of(ALICE, BOB));
            ok(ledger.submit(stewardA, "consent:RevokeAttestation", "xrays", "TRAINING", "forms unsigned"));

            refused(trainOnXrays(), "TRAINING consent attestation (version 1) was revoked (forms unsigned)");
        }

        @Test
        void refuses_an_attestation_that_counts_no_subject() {
            attest(List.of());

            refused(trainOnXrays(), "counts no consenting subject");
        }

        @Test
        void refuses_an_attestation_past_its_earliest_consent_expiry() {
            String expiresAt = ledger.nextTimestamp().plusSeconds(3).toString();
            String carol = pseudonym("carol");
            ok(ledger.submit(
                    stewardA,
                    transientOf(
                            "consent",
                            Json.of(Json.object(
                                    "subject",
                                    carol,
                                    "dataset",
                                    "xrays",
                                    "purposes",
                                    List.of("TRAINING"),
                                    "expiresAt",
                                    expiresAt,
                                    "formDigest",
                                    digest("form")))),
                    "consent:Grant"));
            assertThat(attest(List.of(ALICE, carol)).json()).containsEntry("validUntil", expiresAt);
            ok(ledger.submit(curatorA, "artifact:Register", artifact("filler", "OTHER")));

            refused(trainOnXrays(), "expired at " + expiresAt);
        }

        @Test
        void admits_a_granted_attested_dataset_and_records_the_consent_version_relied_on() {
            attest(List.of(ALICE));
            attest(List.of(ALICE, BOB));

            Result result = ok(trainOnXrays());

            assertThat(inputs(result))
                    .singleElement()
                    .satisfies(i -> assertThat(i).containsEntry("id", "xrays").containsEntry("consentVersion", 2L));
            assertThat(result.writeSet().puts())
                    .containsKey(new CompositeKey("consentuse", "xrays", "TRAINING", "run-1").toString());
            assertThat(inputs(ok(ledger.evaluate(curatorA, "lineage:GetRun", "run-1")))
                            .get(0))
                    .containsEntry("consentVersion", 2L);
        }
    }

    @Nested
    class Lineage {
        @BeforeEach
        void trainAndDeploy() {
            grantTraining(List.of("TRAINING"));
            attest(List.of(ALICE, BOB));
            ok(ledger.submit(
                    trainer,
                    "artifact:RecordVerification",
                    Json.of(Json.object("id", "xrays", "digest", digest("xrays"), "purpose", "TRAINING"))));
            ok(trainOnXrays());
            ok(ledger.submit(
                    deployer,
                    "lineage:RecordDeployment",
                    Json.of(Json.object("id", "triage-prod", "model", "model-v1", "environment", "production"))));
        }

        @Test
        void downstream_of_the_attestation_reaches_the_run_the_model_and_the_deployment() {
            Map<String, Object> graph = ok(ledger.evaluate(
                            curatorA, "lineage:Downstream", "attestation:xrays:TRAINING", "5"))
                    .json();

            assertThat(keys(graph))
                    .contains("run:run-1", "artifact:model-v1", "deployment:triage-prod")
                    .doesNotContain("artifact:xrays");
            assertThat(edges(graph)).contains("run:run-1 -output-> artifact:model-v1");
        }

        @Test
        void upstream_of_the_run_names_the_attestation_it_relied_on() {
            Map<String, Object> graph = ok(ledger.evaluate(curatorA, "lineage:Upstream", "run-1", "1"))
                    .json();

            assertThat(keys(graph)).contains("artifact:xrays", "attestation:xrays:TRAINING");
        }

        @Test
        void downstream_of_an_erasure_receipt_reaches_the_runs_that_counted_the_subject() {
            Result erased = ok(ledger.submit(
                    stewardA,
                    transientOf("consent", Json.of(Json.object("subject", ALICE, "dataset", "xrays"))),
                    "consent:Erase"));
            String receipt = (String) erased.json().get("id");
            assertThat(receipt).isEqualTo("erasure:xrays:" + erased.txId());

            Map<String, Object> graph = ok(ledger.evaluate(curatorA, "lineage:Downstream", receipt, "5"))
                    .json();

            assertThat(keys(graph))
                    .contains(
                            "erasure:xrays:" + erased.txId(),
                            "run:run-1",
                            "artifact:model-v1",
                            "deployment:triage-prod");
            assertThat(edges(graph)).contains("erasure:xrays:" + erased.txId() + " -counted-in-> run:run-1");
        }

        @Test
        void downstream_of_an_erasure_reaches_runs_that_counted_the_subject_before_its_consent_was_renewed() {
            ok(ledger.submit(
                    stewardA,
                    transientOf(
                            "consent",
                            Json.of(Json.object(
                                    "subject",
                                    ALICE,
                                    "dataset",
                                    "xrays",
                                    "purposes",
                                    List.of("TRAINING"),
                                    "expiresAt",
                                    "2028-01-01T00:00:00Z",
                                    "formDigest",
                                    digest("renewed form")))),
                    "consent:Grant"));
            Result erased = ok(ledger.submit(
                    stewardA,
                    transientOf("consent", Json.of(Json.object("subject", ALICE, "dataset", "xrays"))),
                    "consent:Erase"));

            assertThat(erased.json()).containsEntry("attestations", List.of("TRAINING:1"));
            Map<String, Object> graph = ok(ledger.evaluate(
                            curatorA,
                            "lineage:Downstream",
                            (String) erased.json().get("id"),
                            "5"))
                    .json();
            assertThat(keys(graph)).contains("run:run-1", "artifact:model-v1", "deployment:triage-prod");
        }

        @Test
        void refuses_an_unknown_attestation_or_erasure_id() {
            Result attestation = ledger.evaluate(curatorA, "lineage:Downstream", "attestation:xrays:EXPORT", "5");
            Result erasure = ledger.evaluate(curatorA, "lineage:Downstream", "erasure:xrays:" + "0".repeat(64), "5");

            assertThat(attestation.message()).startsWith("NOT_FOUND: ");
            assertThat(erasure.message()).startsWith("NOT_FOUND: ");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inputs(Result run) {
        return (List<Map<String, Object>>) run.json().get("inputs");
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(Map<String, Object> graph) {
        return ((List<Map<String, Object>>) graph.get("nodes"))
                .stream().map(n -> (String) n.get("key")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> edges(Map<String, Object> graph) {
        return ((List<Map<String, Object>>) graph.get("edges"))
                .stream()
                        .map(e -> e.get("from") + " -" + e.get("relation") + "-> " + e.get("to"))
                        .toList();
    }
}
