package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
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
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Role;

/**
 * Lineage under governance: research trains on hospital-a's dataset {@code xrays}, registered as requiring consent,
 * only with a TRAINING grant and a current consent attestation; hospital-a trains on its own {@code notes} freely.
 */
class TrainingGateTest {
    private static final String FAR_FUTURE = "2027-01-01T00:00:00Z";
    private static final String ALICE = pseudonym("alice");
    private static final String BOB = pseudonym("bob");
    private static final String CAROL = pseudonym("carol");

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainerA = user(HOSPITAL_A, Role.TRAINER);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity curatorR = user(RESEARCH, Role.CURATOR);
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
        return recordRun(who, "run-1", dataset, model);
    }

    private Result recordRun(Identity who, String id, String dataset, String model) {
        return ledger.submit(
                who,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id", id,
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

    @Nested
    class StaleAttestations {
        @BeforeEach
        void grantAndAttest() {
            grantTraining(List.of("TRAINING"));
            attest(List.of(ALICE, BOB));
        }

        @Test
        void revoking_a_counted_consent_makes_the_attestation_stale_and_the_gate_refuses_it() {
            Result revoked = ok(revokeConsent(ALICE));

            assertThat(revoked.writeSet().puts()).containsKey(attestationKey("TRAINING"));
            assertThat(revoked.json())
                    .containsEntry("staleAttestations", List.of(Map.of("purpose", "TRAINING", "version", 1L)));
            assertThat(attestation())
                    .containsEntry("status", "STALE")
                    .containsEntry("version", 1L)
                    .containsEntry("count", 2L)
                    .containsEntry("staleReason", "a counted subject's consent was revoked")
                    .containsEntry("staleTxId", revoked.txId())
                    .containsEntry("staleAt", revoked.timestamp().toString());
            refused(
                    trainOnXrays(),
                    "dataset xrays requires consent and its TRAINING consent attestation (version 1) is STALE: a"
                            + " counted subject's consent was revoked in transaction " + revoked.txId()
                            + "; its owner HospitalAMSP must re-attest (consent:Attest)");
        }

        @Test
        void a_revocation_that_stales_announces_it_in_its_one_event_without_the_subject() {
            Result revoked = ok(revokeConsent(ALICE));

            assertThat(revoked.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentAttestationStale");
            assertThat(eventPayload(revoked))
                    .isEqualTo(Map.of(
                            "dataset", "xrays",
                            "collection", "consent_HospitalAMSP",
                            "attestations", List.of(Map.of("purpose", "TRAINING", "version", 1L)),
                            "cause", "ConsentRevoked",
                            "txId", revoked.txId()));
            assertThat(new String(
                            revoked.writeSet()
                                    .event()
                                    .orElseThrow()
                                    .getPayload()
                                    .toByteArray(),
                            StandardCharsets.UTF_8))
                    .doesNotContain(ALICE);
        }

        @Test
        void erasing_a_counted_consent_makes_the_attestation_stale_and_the_gate_refuses_it() {
            Result erased = ok(eraseConsent(ALICE));

            assertThat(attestation())
                    .containsEntry("status", "STALE")
                    .containsEntry("staleReason", "a counted subject's consent was erased")
                    .containsEntry("staleTxId", erased.txId());
            assertThat(eventPayload(erased))
                    .containsEntry("cause", "ConsentErased")
                    .containsEntry("receipt", "erasure:xrays:" + erased.txId())
                    .containsEntry("attestations", List.of(Map.of("purpose", "TRAINING", "version", 1L)));
            assertThat(erased.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentAttestationStale");
            refused(
                    trainOnXrays(),
                    "(version 1) is STALE: a counted subject's consent was erased in transaction " + erased.txId());
        }

        @Test
        void a_consent_no_attestation_counts_leaves_them_active_and_keeps_its_own_event() {
            grantConsent(CAROL, FAR_FUTURE);

            Result revoked = ok(revokeConsent(CAROL));

            assertThat(revoked.writeSet().puts()).doesNotContainKey(attestationKey("TRAINING"));
            assertThat(revoked.json()).doesNotContainKey("staleAttestations");
            assertThat(revoked.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentRevoked");
            assertThat(attestation()).containsEntry("status", "ACTIVE");
            ok(trainOnXrays());
        }

        @Test
        void renewing_a_counted_consent_without_the_purpose_makes_the_attestation_stale() {
            Result renewed = ok(grantConsent(ALICE, List.of("EVALUATION"), FAR_FUTURE));

            assertThat(attestation())
                    .containsEntry("status", "STALE")
                    .containsEntry("staleReason", "a counted subject's consent was renewed without TRAINING")
                    .containsEntry("staleTxId", renewed.txId());
            assertThat(eventPayload(renewed)).containsEntry("cause", "ConsentGranted");
            assertThat(renewed.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentAttestationStale");
        }

        @Test
        void renewing_a_counted_consent_to_expire_earlier_makes_the_attestation_stale() {
            ok(grantConsent(ALICE, List.of("TRAINING"), "2026-12-01T00:00:00Z"));

            assertThat(attestation())
                    .containsEntry("status", "STALE")
                    .containsEntry(
                            "staleReason",
                            "a counted subject's consent was renewed to expire before the attestation's validUntil")
                    .doesNotContainValue("2026-12-01T00:00:00Z");
            assertThat(attestation().toString()).doesNotContain("2026-12-01");
        }

        @Test
        void renewing_a_counted_consent_for_longer_keeps_the_attestation_active() {
            Result renewed = ok(grantConsent(ALICE, List.of("TRAINING", "EVALUATION"), "2028-01-01T00:00:00Z"));

            assertThat(attestation()).containsEntry("status", "ACTIVE");
            assertThat(renewed.writeSet().puts()).doesNotContainKey(attestationKey("TRAINING"));
            assertThat(renewed.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentGranted");
        }

        @Test
        void an_attestation_reaching_its_earliest_expiry_reads_as_stale_without_any_write() {
            String expiresAt = ledger.nextTimestamp().plusSeconds(3).toString();
            grantConsent(CAROL, expiresAt);
            attest(List.of(ALICE, CAROL));
            assertThat(attestation()).containsEntry("status", "ACTIVE");

            Result read = ok(ledger.evaluate(curatorA, "consent:GetAttestation", "xrays", "TRAINING"));

            assertThat(read.timestamp()).isAfterOrEqualTo(java.time.Instant.parse(expiresAt));
            assertThat(read.json())
                    .containsEntry("status", "STALE")
                    .containsEntry("version", 2L)
                    .containsEntry("staleReason", "expired at " + expiresAt)
                    .containsEntry("staleAt", expiresAt)
                    .doesNotContainKey("staleTxId");
            assertThat(read.writeSet().isEmpty()).isTrue();
            refused(
                    trainOnXrays(),
                    "(version 2) is STALE: expired at " + expiresAt + "; its owner HospitalAMSP"
                            + " must re-attest (consent:Attest)");
        }

        @Test
        void re_attesting_without_the_withdrawn_subject_admits_again() {
            ok(revokeConsent(ALICE));

            Result reattested = attest(List.of(BOB));

            assertThat(reattested.json())
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("version", 2L)
                    .containsEntry("count", 1L)
                    .doesNotContainKeys("staleReason", "staleTxId", "staleAt");
            assertThat(inputs(ok(trainOnXrays())).get(0)).containsEntry("consentVersion", 2L);
        }

        @Test
        void a_run_recorded_before_keeps_the_version_it_relied_on() {
            ok(trainOnXrays());
            ok(revokeConsent(ALICE));
            attest(List.of(BOB));
            ok(ledger.submit(trainer, "artifact:Register", artifact("model-v2", "MODEL")));
            ok(recordRun(trainer, "run-2", "xrays", "model-v2"));

            Map<String, Object> first =
                    ok(ledger.evaluate(curatorA, "lineage:GetRun", "run-1")).json();
            Map<String, Object> second =
                    ok(ledger.evaluate(curatorA, "lineage:GetRun", "run-2")).json();

            assertThat(first.get("consents"))
                    .isEqualTo(List.of(Map.of("dataset", "xrays", "purpose", "TRAINING", "version", 1L)));
            assertThat(inputs(first).get(0)).containsEntry("consentVersion", 1L);
            assertThat(second.get("consents"))
                    .isEqualTo(List.of(Map.of("dataset", "xrays", "purpose", "TRAINING", "version", 2L)));
        }

        @Test
        void a_stale_attestation_can_still_be_revoked() {
            ok(revokeConsent(ALICE));

            Result revoked =
                    ok(ledger.submit(stewardA, "consent:RevokeAttestation", "xrays", "TRAINING", "audit finding"));

            assertThat(revoked.json()).containsEntry("status", "REVOKED").containsEntry("version", 1L);
            refused(trainOnXrays(), "(version 1) was revoked (audit finding)");
        }

        @Test
        void an_inclusion_proof_against_a_stale_attestation_is_not_accepted() {
            Map<String, Object> proof = ok(ledger.evaluate(
                            stewardA,
                            transientOf("consent", Json.of(Json.object("subject", BOB))),
                            "consent:Prove",
                            "xrays",
                            "TRAINING"))
                    .json();
            ok(revokeConsent(ALICE));

            Map<String, Object> answer = ok(ledger.evaluate(
                            curatorA,
                            "consent:VerifyInclusion",
                            "xrays",
                            "TRAINING",
                            (String) proof.get("leafDigest"),
                            Json.of(Json.object(
                                    "leafIndex", proof.get("leafIndex"),
                                    "treeSize", proof.get("treeSize"),
                                    "path", proof.get("path")))))
                    .json();

            assertThat(answer)
                    .containsEntry("included", false)
                    .containsEntry("reason", "the attestation is STALE: a counted subject's consent was revoked");
        }
    }

    @Nested
    class DerivedCopies {
        @Test
        void refuses_a_copy_of_another_organisations_dataset_without_a_derive_grant() {
            grantTraining(List.of("TRAINING"));

            refused(
                    registerCopy("lab-xrays", "xrays"),
                    "registering lab-xrays derived from xrays is not allowed: ResearchMSP holds no active DERIVE"
                            + " grant on HospitalAMSP's dataset xrays for its roles; the owner HospitalAMSP can grant DERIVE with"
                            + " access:Grant");
        }

        @Test
        void a_granted_copy_inherits_the_consent_governance_and_its_own_consent_keys_stay_empty() {
            grantTraining(List.of("DERIVE"));

            Result copy = ok(registerCopy("lab-xrays", "xrays"));
            Result copyOfCopy = ok(registerCopy("lab-xrays-small", "lab-xrays"));

            assertThat(copy.json())
                    .containsEntry("consentFrom", List.of("xrays"))
                    .doesNotContainKey("requiresConsent");
            assertThat(copyOfCopy.json()).containsEntry("consentFrom", List.of("xrays"));
            assertThat(copy.writeSet().puts().keySet()).noneMatch(k -> k.contains("consentdataset"));
            assertThat(ledger.evaluate(curatorA, "consent:GetAttestation", "lab-xrays", "TRAINING")
                            .message())
                    .isEqualTo("FAILED_PRECONDITION: lab-xrays derives from consent-requiring dataset xrays, whose"
                            + " consent governs it: consent is recorded and attested on xrays by its owner, not on"
                            + " lab-xrays");
            refused(
                    ledger.submit(
                            user(RESEARCH, Role.STEWARD),
                            transientOf("subjects", Json.of(Json.object("subjects", List.of()))),
                            "consent:Attest",
                            "lab-xrays",
                            "TRAINING"),
                    "lab-xrays derives from consent-requiring dataset xrays");
        }

        @Test
        void training_on_the_copy_needs_the_owners_training_grant() {
            grantTraining(List.of("DERIVE"));
            ok(registerCopy("lab-xrays", "xrays"));
            attest(List.of(ALICE, BOB));

            refused(
                    recordRun(trainer, "run-1", "lab-xrays", "model-v1"),
                    "training on lab-xrays, which derives from xrays, is not allowed: ResearchMSP holds no active"
                            + " TRAINING grant on HospitalAMSP's dataset xrays for its roles; the owner can grant it"
                            + " with access:Grant");
        }

        @Test
        void training_on_the_copy_needs_a_fresh_attestation_of_the_source() {
            grantTraining(List.of("DERIVE", "TRAINING"));
            ok(registerCopy("lab-xrays", "xrays"));
            refused(
                    recordRun(trainer, "run-1", "lab-xrays", "model-v1"),
                    "dataset xrays, upstream of input lab-xrays, requires consent and has no consent attestation");
            attest(List.of(ALICE, BOB));
            Result revoked = ok(revokeConsent(ALICE));

            refused(
                    recordRun(trainer, "run-1", "lab-xrays", "model-v1"),
                    "dataset xrays, upstream of input lab-xrays, requires consent and its TRAINING consent"
                            + " attestation (version 1) is STALE: a counted subject's consent was revoked in"
                            + " transaction " + revoked.txId());
        }

        @Test
        void an_admitted_run_on_the_copy_records_the_source_attestation_and_its_consent_use() {
            grantTraining(List.of("DERIVE", "TRAINING"));
            ok(registerCopy("lab-xrays", "xrays"));
            attest(List.of(ALICE, BOB));

            Result run = ok(recordRun(trainer, "run-1", "lab-xrays", "model-v1"));

            assertThat(run.json().get("consents"))
                    .isEqualTo(List.of(Map.of("dataset", "xrays", "purpose", "TRAINING", "version", 1L)));
            assertThat(inputs(run).get(0)).doesNotContainKey("consentVersion");
            assertThat(run.writeSet().puts())
                    .containsKey(new CompositeKey("consentuse", "xrays", "TRAINING", "run-1").toString());
            assertThat(keys(ok(ledger.evaluate(curatorA, "lineage:Downstream", "attestation:xrays:TRAINING", "3"))
                            .json()))
                    .contains("run:run-1", "artifact:model-v1");
            assertThat(keys(ok(ledger.evaluate(curatorA, "lineage:Upstream", "run-1", "1"))
                            .json()))
                    .contains("artifact:lab-xrays", "attestation:xrays:TRAINING");
            Result erased = ok(eraseConsent(ALICE));
            assertThat(keys(ok(ledger.evaluate(curatorA, "lineage:Downstream", "erasure:xrays:" + erased.txId(), "3"))
                            .json()))
                    .contains("run:run-1", "artifact:model-v1");
        }
    }

    @Nested
    class RegisteredDigests {
        @Test
        void refuses_another_organisations_consent_governed_digest_under_a_new_id() {
            refused(
                    registerWithDigest(curatorR, "my-xrays", "xrays"),
                    "digest " + digest("xrays") + " is already registered as xrays by HospitalAMSP, whose use is"
                            + " governed by consent; the same data under a new id would escape its governance:"
                            + " register my-xrays with xrays as a parent (\"parents\", CLI --parent xrays), which needs"
                            + " a DERIVE grant from HospitalAMSP (access:Grant)");
        }

        @Test
        void refuses_another_organisations_digest_even_without_consent() {
            refused(
                    registerWithDigest(curatorR, "my-notes", "notes"),
                    "is already registered as notes by HospitalAMSP;");
        }

        @Test
        void refuses_the_owners_own_consent_governed_digest_under_a_new_id() {
            Result result = registerWithDigest(curatorA, "xrays-again", "xrays");

            refused(result, "is already registered as xrays by HospitalAMSP, whose use is governed by consent");
            assertThat(result.message()).doesNotContain("DERIVE");
        }

        @Test
        void lets_an_organisation_register_its_own_ungoverned_digest_twice() {
            ok(registerWithDigest(curatorA, "notes-again", "notes"));
        }

        @Test
        void admits_the_digest_when_derived_from_the_original_with_a_derive_grant() {
            grantTraining(List.of("DERIVE"));

            Result copy = ok(ledger.submit(
                    curatorR,
                    "artifact:Register",
                    artifact("my-xrays", "DATASET", "digest", digest("xrays"), "parents", List.of("xrays"))));

            assertThat(copy.json()).containsEntry("consentFrom", List.of("xrays"));
            ok(ledger.submit(
                    curatorR,
                    "artifact:Register",
                    artifact("my-xrays-2", "DATASET", "digest", digest("xrays"), "parents", List.of("my-xrays"))));
        }

        @Test
        void keeps_an_identical_re_registration_of_the_same_id_idempotent() {
            Result again = ok(ledger.submit(
                    curatorA, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));

            assertThat(again.writeSet().isEmpty()).isTrue();
        }

        @Test
        void indexes_each_registration_by_its_digest() {
            Result result = ok(ledger.submit(curatorR, "artifact:Register", artifact("fresh", "DATASET")));

            assertThat(result.writeSet().puts())
                    .containsKey(new CompositeKey("artifactdigest", digest("fresh"), "fresh").toString());
        }
    }

    @Nested
    class UpstreamThroughRuns {
        @BeforeEach
        void trainAFirstModel() {
            grantTraining(List.of("TRAINING"));
            attest(List.of(ALICE, BOB));
            ok(trainOnXrays());
            ok(ledger.submit(trainer, "artifact:Register", artifact("model-v2", "MODEL")));
        }

        @Test
        void fine_tuning_a_model_relies_on_the_consent_of_the_data_it_was_trained_on() {
            Result run = ok(recordRun(trainer, "run-2", "model-v1", "model-v2"));

            assertThat(run.json().get("consents"))
                    .isEqualTo(List.of(Map.of("dataset", "xrays", "purpose", "TRAINING", "version", 1L)));
            assertThat(run.writeSet().puts())
                    .containsKey(new CompositeKey("consentuse", "xrays", "TRAINING", "run-2").toString());
        }

        @Test
        void refuses_a_copy_of_the_trained_model_under_a_new_id_that_would_shed_its_lineage() {
            Result copy = ledger.submit(
                    trainer, "artifact:Register", artifact("model-copy", "MODEL", "digest", digest("model-v1")));

            refused(
                    copy,
                    "digest " + digest("model-v1") + " is already registered as model-v1 by ResearchMSP, which has"
                            + " recorded lineage (parents or the run that produced it); the same data under a new id"
                            + " would escape its governance: register model-copy with model-v1 as a parent");
            assertThat(copy.message()).doesNotContain("DERIVE");
        }

        @Test
        void a_copy_of_the_trained_model_named_as_derived_is_still_gated_by_the_consent_upstream() {
            ok(ledger.submit(
                    trainer,
                    "artifact:Register",
                    artifact("model-copy", "MODEL", "digest", digest("model-v1"), "parents", List.of("model-v1"))));
            ok(revokeConsent(ALICE));

            refused(
                    ledger.submit(
                            trainer,
                            "lineage:RecordRun",
                            Json.of(Json.object(
                                    "id",
                                    "run-2",
                                    "inputs",
                                    List.of(Json.object("id", "model-copy", "digest", digest("model-v1"))),
                                    "outputs",
                                    List.of("model-v2")))),
                    "dataset xrays, upstream of input model-copy, requires consent and its TRAINING consent"
                            + " attestation (version 1) is STALE");
        }

        @Test
        void refuses_fine_tuning_once_the_upstream_attestation_is_stale() {
            ok(eraseConsent(ALICE));

            refused(
                    recordRun(trainer, "run-2", "model-v1", "model-v2"),
                    "dataset xrays, upstream of input model-v1, requires consent and its TRAINING consent"
                            + " attestation (version 1) is STALE: a counted subject's consent was erased");
        }

        @Test
        void refuses_fine_tuning_once_the_upstream_training_grant_is_revoked() {
            ok(ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "study ended"));

            refused(
                    recordRun(trainer, "run-2", "model-v1", "model-v2"),
                    "training on model-v1, which derives from xrays, is not allowed: ResearchMSP holds no active"
                            + " TRAINING grant");
        }
    }

    @Nested
    class UpstreamBounds {
        @BeforeEach
        void registerALongChainOfCopies() {
            String parent = "notes";
            for (int generation = 1; generation <= LineageGraphs.MAX_DEPTH + 1; generation++) {
                ok(registerCopyBy(curatorA, "gen-" + generation, parent));
                parent = "gen-" + generation;
            }
        }

        @Test
        void checks_an_upstream_of_as_many_generations_as_lineage_walks() {
            ok(recordRun(trainerA, "run-1", "gen-" + LineageGraphs.MAX_DEPTH, "model-a"));
        }

        @Test
        void refuses_an_upstream_deeper_than_it_can_check_rather_than_admit_it_unchecked() {
            refused(
                    recordRun(trainerA, "run-1", "gen-" + (LineageGraphs.MAX_DEPTH + 1), "model-a"),
                    "the upstream of input gen-33 has more than 32 generations, beyond what the training gate checks");
        }
    }

    private Result revokeConsent(String subject) {
        return ledger.submit(
                stewardA,
                transientOf("consent", Json.of(Json.object("subject", subject, "dataset", "xrays"))),
                "consent:Revoke");
    }

    private Result eraseConsent(String subject) {
        return ledger.submit(
                stewardA,
                transientOf("consent", Json.of(Json.object("subject", subject, "dataset", "xrays"))),
                "consent:Erase");
    }

    private void grantConsent(String subject, String expiresAt) {
        ok(grantConsent(subject, List.of("TRAINING"), expiresAt));
    }

    private Result grantConsent(String subject, List<String> purposes, String expiresAt) {
        return ledger.submit(
                stewardA,
                transientOf(
                        "consent",
                        Json.of(Json.object(
                                "subject",
                                subject,
                                "dataset",
                                "xrays",
                                "purposes",
                                purposes,
                                "expiresAt",
                                expiresAt,
                                "formDigest",
                                digest("form")))),
                "consent:Grant");
    }

    private Map<String, Object> attestation() {
        return ok(ledger.evaluate(curatorA, "consent:GetAttestation", "xrays", "TRAINING"))
                .json();
    }

    private static String attestationKey(String purpose) {
        return new CompositeKey("consentattestation", "xrays", purpose).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> eventPayload(Result result) {
        return new com.owlike.genson.Genson()
                .deserialize(
                        result.writeSet().event().orElseThrow().getPayload().toStringUtf8(), Map.class);
    }

    private Result registerCopy(String id, String parent) {
        return registerCopyBy(curatorR, id, parent);
    }

    private Result registerCopyBy(Identity who, String id, String parent) {
        return ledger.submit(who, "artifact:Register", artifact(id, "DATASET", "parents", List.of(parent)));
    }

    private Result registerWithDigest(Identity who, String id, String digestOf) {
        return ledger.submit(who, "artifact:Register", artifact(id, "DATASET", "digest", digest(digestOf)));
    }

    private static List<Map<String, Object>> inputs(Result run) {
        return inputs(run.json());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inputs(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("inputs");
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
