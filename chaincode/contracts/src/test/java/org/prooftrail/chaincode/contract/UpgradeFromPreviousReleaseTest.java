package org.prooftrail.chaincode.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.refused;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.ledger.Policies;
import org.prooftrail.chaincode.ledger.RecordFormats;
import org.prooftrail.chaincode.ledger.Release010Records;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.chaincode.simulation.TransactionSimulator;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Role;

/**
 * A channel that release 0.1.0 wrote, read and continued by today's contracts: the world state holds exactly the keys,
 * values and key-level policies 0.1.0 wrote for its demo story (a consent-requiring dataset of hospital-a with a
 * per-grant TRAINING grant to research, an attestation, a denied and an allowed access, a run, a model, a deployment),
 * values copied byte for byte from a home 41fcc83 wrote ({@link Release010Records}). Then the chaincode is "upgraded"
 * (the same world state, today's router), and the story goes on under today's rules.
 */
class UpgradeFromPreviousReleaseTest {
    private static final byte[] PRESENT = {0x00};
    private static final List<String> PURPOSES_OF_0_1_0 =
            List.of("AUDIT", "EVALUATION", "EXPORT", "INFERENCE", "READ", "TRAINING");
    private static final String DATASET = "chest-xray-v3";
    private static final String DATASET_DIGEST =
            "sha256:75763b3a079b152a5d6798cf2fb40dbec73ecff7f5b0a5a0201f8e3276df10b4";

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);
    private final Identity auditor = user(HOSPITAL_A, Role.AUDITOR);

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    private static String attestationNone(String purpose) {
        return Release010Records.ATTESTATION_NONE.replace(
                "\"purpose\":\"TRAINING\"", "\"purpose\":\"" + purpose + "\"");
    }

    @BeforeEach
    void release010WroteTheDemoStory() {
        ledger.forge(curatorA, stub -> {
            put(stub, key("artifact", DATASET), Release010Records.ARTIFACT_DATASET, null);
            put(stub, key("artifactstate", DATASET), Release010Records.ARTIFACT_STATE_ACTIVE, HOSPITAL_A);
            put(stub, key("artifactkind", "DATASET", HOSPITAL_A, DATASET), PRESENT, null);
            put(stub, key("artifactowner", HOSPITAL_A, DATASET), PRESENT, null);
            for (String purpose : PURPOSES_OF_0_1_0) {
                put(stub, key("consentattestation", DATASET, purpose), attestationNone(purpose), HOSPITAL_A);
            }
            put(stub, key("erasurelog", DATASET), Release010Records.ERASURE_LOG_EMPTY, HOSPITAL_A);
        });
        ledger.forge(trainer, stub -> {
            put(stub, key("artifact", "triage-model-v1"), Release010Records.ARTIFACT_MODEL, null);
            put(stub, key("artifactstate", "triage-model-v1"), Release010Records.ARTIFACT_STATE_MODEL, RESEARCH);
            put(stub, key("artifactkind", "MODEL", RESEARCH, "triage-model-v1"), PRESENT, null);
            put(stub, key("artifactowner", RESEARCH, "triage-model-v1"), PRESENT, null);
        });
        ledger.forge(trainer, stub -> {
            String tx = "836c6c63fd42ac008b08afbd91b6e3f291cb97084ec0fbca615b3ac973c52a35";
            put(stub, key("accesslog", DATASET, "1796028258316082843", tx), Release010Records.ACCESS_DENIED, null);
            put(stub, key("accesslogorg", RESEARCH, "1796028258316082843", tx), Release010Records.ACCESS_DENIED, null);
        });
        ledger.forge(
                curatorA,
                stub -> put(
                        stub, key("accessgrant", DATASET, RESEARCH, "*"), Release010Records.GRANT_ACTIVE, HOSPITAL_A));
        ledger.forge(
                stewardA,
                stub -> put(
                        stub,
                        key("consentattestation", DATASET, "TRAINING"),
                        Release010Records.ATTESTATION_ACTIVE,
                        null));
        ledger.forge(trainer, stub -> {
            String tx = "71fd83664b9bb832449e97650a77414d17292d64344e8c1fe431b011287e7cd6";
            put(stub, key("accesslog", DATASET, "1796028258421129112", tx), Release010Records.ACCESS_ALLOWED, null);
            put(stub, key("accesslogorg", RESEARCH, "1796028258421129112", tx), Release010Records.ACCESS_ALLOWED, null);
        });
        ledger.forge(trainer, stub -> {
            put(stub, key("run", "run-2026-03-01"), Release010Records.RUN, null);
            put(stub, key("consumer", DATASET, "run-2026-03-01"), "INPUT".getBytes(UTF_8), null);
            put(stub, key("producer", "triage-model-v1", "run-2026-03-01"), PRESENT, null);
        });
        ledger.forge(deployer, stub -> {
            put(stub, key("deployment", "triage-prod"), Release010Records.DEPLOYMENT, null);
            put(stub, key("deploymentstate", "triage-prod"), Release010Records.DEPLOYMENT_STATE, RESEARCH);
            put(stub, key("deployed", "triage-model-v1", "triage-prod"), PRESENT, null);
        });
        // 0.1.0 wrote this story on 2026-11-30; the upgraded chaincode continues the next day.
        ledger.passTime(Duration.between(ChaincodeHarness.START, Instant.parse("2026-12-01T09:00:00Z")));
        ok(ledger.submit(
                trainer,
                "artifact:Register",
                Json.of(Json.object("id", "triage-model-v2", "kind", "MODEL", "digest", "sha256:" + "ef".repeat(32)))));
    }

    private static void put(TransactionSimulator stub, String key, String value, String ownerOnly) {
        put(stub, key, value.getBytes(UTF_8), ownerOnly);
    }

    private static void put(TransactionSimulator stub, String key, byte[] value, String ownerOnly) {
        stub.putState(key, value);
        if (ownerOnly != null) {
            stub.setStateValidationParameter(key, Policies.ownerOnly(ownerOnly));
        }
    }

    private Result upgrade(Identity who, String id) {
        return ledger.submit(who, "maintenance:Upgrade", id);
    }

    private Result recordRun(String id) {
        return ledger.submit(
                trainer,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id", id,
                        "inputs", List.of(Json.object("id", DATASET, "digest", DATASET_DIGEST)),
                        "outputs", List.of("triage-model-v2"))));
    }

    private void reattest() {
        String subject = Digest.sha256("patient-0004".getBytes(UTF_8)).hex();
        ok(ledger.submit(
                stewardA,
                transientOf(
                        "consent",
                        Json.of(Json.object(
                                "subject",
                                subject,
                                "dataset",
                                DATASET,
                                "purposes",
                                List.of("TRAINING"),
                                "expiresAt",
                                "2028-01-01T00:00:00Z",
                                "formDigest",
                                "sha256:" + "cd".repeat(32)))),
                "consent:Grant"));
        ok(ledger.submit(
                stewardA,
                transientOf("subjects", Json.of(Json.object("subjects", List.of(subject)))),
                "consent:Attest",
                DATASET,
                "TRAINING"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> backfilled(Result result) {
        return (List<String>) result.json().get("backfilled");
    }

    @Nested
    class Reading_what_0_1_0_wrote {
        @Test
        void every_record_reads_under_the_new_contracts() {
            assertThat(ok(ledger.evaluate(auditor, "artifact:Get", DATASET)).json())
                    .containsEntry("digest", DATASET_DIGEST)
                    .containsEntry("status", "ACTIVE");
            assertThat(ok(ledger.evaluate(auditor, "lineage:GetRun", "run-2026-03-01"))
                            .json())
                    .containsEntry("trainer", RESEARCH);
            assertThat(ok(ledger.evaluate(auditor, "lineage:GetDeployment", "triage-prod"))
                            .json())
                    .containsEntry("model", "triage-model-v1");
            assertThat(ok(ledger.evaluate(auditor, "access:Logs", Json.of(Json.object("artifact", DATASET))))
                            .payload())
                    .contains("\"decision\":\"DENIED\"", "\"decision\":\"ALLOWED\"");
            assertThat(ok(ledger.evaluate(auditor, "lineage:Downstream", DATASET, "8"))
                            .payload())
                    .contains("triage-prod");
        }

        @Test
        void the_attestation_reads_stale_of_unknown_freshness() {
            assertThat(ok(ledger.evaluate(auditor, "consent:GetAttestation", DATASET, "TRAINING"))
                            .json())
                    .containsEntry("status", "STALE")
                    .containsEntry("staleReason", RecordFormats.UNKNOWN_FRESHNESS)
                    .containsEntry("version", 1L);
        }

        @Test
        void the_grant_under_its_0_1_0_key_is_not_read_until_the_owner_upgrades() {
            refused(recordRun("run-after"), "FAILED_PRECONDITION", "ResearchMSP holds no active TRAINING grant");
        }

        @Test
        void the_old_deployment_is_at_risk_for_the_attestation_of_unknown_freshness() {
            Map<String, Object> report = ok(ledger.evaluate(auditor, "lineage:Compliance", "triage-prod"))
                    .json();

            assertThat(report).containsEntry("status", "AT_RISK");
            assertThat(ledger.evaluate(auditor, "lineage:Compliance", "triage-prod")
                            .payload())
                    .contains("STALE_ATTESTATION", "freshness is unknown");
        }
    }

    @Nested
    class The_owners_maintenance_transaction {
        @Test
        void is_refused_to_another_organisation_with_nothing_written() {
            refused(upgrade(trainer, DATASET), "PERMISSION_DENIED", "only HospitalAMSP may upgrade artifact");
            refused(upgrade(curatorA, "ghost"), "NOT_FOUND", "ghost");
            refused(
                    ledger.submit(trainer, "maintenance:UpgradeDeployment", "triage-prod"),
                    "PERMISSION_DENIED",
                    "needs the role deployer");
        }

        @Test
        void back_fills_the_guard_the_grant_list_the_consent_keys_and_the_policies() {
            Result result = ok(upgrade(curatorA, DATASET));

            assertThat(backfilled(result))
                    .contains(
                            "member/HospitalAMSP",
                            "artifact/" + DATASET + " (policy)",
                            "artifactdigest/" + DATASET_DIGEST + "/" + DATASET,
                            "artifactguard/" + DATASET,
                            "accessgrants/" + DATASET,
                            "grantexpiry/ResearchMSP/*",
                            "accessgrant/" + DATASET + " (1 deleted)",
                            "consentattestation/" + DATASET + "/DERIVE",
                            "consentdataset/HospitalAMSP/" + DATASET,
                            "artifactstate/" + DATASET)
                    .doesNotContain("consentattestation/" + DATASET + "/TRAINING", "erasurelog/" + DATASET);
            assertThat(result.payload()).contains("\"grantsAdopted\":[{\"grantee\":\"ResearchMSP\",\"role\":\"*\"");
            assertThat(ledger.state().validationParameter(key("accessgrants", DATASET)))
                    .isEqualTo(Policies.ownerOnly(HOSPITAL_A));
            assertThat(ledger.state().validationParameter(key("artifactguard", DATASET)))
                    .isEqualTo(Policies.ownerOnly(HOSPITAL_A));
            assertThat(ledger.state().validationParameter(key("artifact", DATASET)))
                    .isNotNull();
            assertThat(ledger.state().get(key("accessgrant", DATASET, RESEARCH, "*")))
                    .isNull();
            assertThat(new String(ledger.state().get(key("artifactstate", DATASET)), UTF_8))
                    .contains("\"v\":2");
        }

        @Test
        void run_again_reports_up_to_date_and_writes_nothing() {
            ok(upgrade(curatorA, DATASET));

            Result again = ok(upgrade(curatorA, DATASET));

            assertThat(again.json()).containsEntry("upToDate", true);
            assertThat(backfilled(again)).isEmpty();
            assertThat(again.writeSet().isEmpty()).as("write set").isTrue();
        }

        @Test
        void leaves_no_spurious_status_change_in_the_history() {
            ok(upgrade(curatorA, DATASET));

            assertThat(ok(ledger.evaluate(auditor, "artifact:History", DATASET)).payload())
                    .contains("REGISTERED")
                    .doesNotContain("STATUS_CHANGED", "UNEXPECTED_CHANGE");
        }

        @Test
        void brings_an_old_deployment_into_the_compliance_scan() {
            String scan = Json.of(Json.object());
            assertThat(ok(ledger.evaluate(auditor, "lineage:ComplianceScan", scan))
                            .payload())
                    .doesNotContain("triage-prod");

            Result result = ok(ledger.submit(deployer, "maintenance:UpgradeDeployment", "triage-prod"));

            assertThat(backfilled(result)).contains("activedeployment/ResearchMSP/triage-prod");
            assertThat(ok(ledger.evaluate(auditor, "lineage:ComplianceScan", scan))
                            .payload())
                    .contains("triage-prod");
            assertThat(ok(ledger.submit(deployer, "maintenance:UpgradeDeployment", "triage-prod"))
                            .writeSet()
                            .isEmpty())
                    .isTrue();
        }
    }

    @Nested
    class Continuing_the_story_under_the_new_rules {
        @BeforeEach
        void upgradeTheDataset() {
            ok(upgrade(curatorA, DATASET));
        }

        @Test
        void a_new_run_needs_a_fresh_attestation_first() {
            refused(recordRun("run-after"), "FAILED_PRECONDITION", "freshness is unknown");

            reattest();

            Map<String, Object> run = ok(recordRun("run-after")).json();
            assertThat(run).containsEntry("trainer", RESEARCH);
            assertThat(ok(ledger.evaluate(auditor, "consent:GetAttestation", DATASET, "TRAINING"))
                            .json())
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("version", 2L);
        }

        @Test
        void history_spans_both_releases() {
            reattest();
            ok(recordRun("run-after"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", DATASET, "DEPRECATED", "superseded"));

            String history =
                    ok(ledger.evaluate(auditor, "artifact:History", DATASET)).payload();
            assertThat(history)
                    .contains("\"txId\":\"78cfe5c2515adcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\"")
                    .contains("\"type\":\"STATUS_CHANGED\"", "superseded");
            assertThat(ok(ledger.evaluate(auditor, "lineage:Downstream", DATASET, "8"))
                            .payload())
                    .contains("run-2026-03-01", "run-after", "triage-prod");
        }

        @Test
        void the_version_says_which_record_formats_the_chaincode_reads() {
            assertThat(ok(ledger.evaluate(auditor, "maintenance:Version")).json())
                    .containsEntry("recordFormat", 2L)
                    .containsEntry("readsRecordFormatsFrom", 1L);
        }
    }

    /**
     * What a chaincode answers for a function it does not have, the answers a client of another release meets (the
     * client library turns both into {@code UNIMPLEMENTED}, see {@code ChaincodeVersionSkew}).
     */
    @Nested
    class A_function_of_another_release {
        @Test
        void in_a_contract_this_release_has_is_refused_naming_the_functions_it_has() {
            Result result = ledger.evaluate(auditor, "lineage:RecordRound", "{}");

            assertThat(result.ok()).isFalse();
            assertThat(result.message())
                    .startsWith("INVALID_ARGUMENT: lineage:RecordRound is not a function of the lineage contract");
        }

        @Test
        void in_a_contract_this_release_does_not_have_is_refused_by_the_contract_api() {
            Result result = ledger.evaluate(auditor, "registry:RecordRound", "{}");

            assertThat(result.ok()).isFalse();
            assertThat(result.message()).isEqualTo("Undefined contract called");
        }
    }
}
