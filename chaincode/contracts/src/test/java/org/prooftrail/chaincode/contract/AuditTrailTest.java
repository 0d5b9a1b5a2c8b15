package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.refused;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * The audit trail reads back: recorded verifications in {@code artifact:Verifications} and {@code History}; the
 * access log readable by the organisation it concerns and by auditors of any organisation; ids that cannot shadow
 * lineage node names.
 */
class AuditTrailTest {
    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);
    private final Identity auditorB = user(HOSPITAL_B, Role.AUDITOR);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);
    private final Identity adminB = user(HOSPITAL_B, Role.ADMIN);

    @BeforeEach
    void registerXrays() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
    }

    private Result verify(Identity who, String seen, String purpose) {
        return ledger.submit(
                who,
                "artifact:RecordVerification",
                Json.of(Json.object("id", "xrays", "digest", digest(seen), "purpose", purpose, "note", "n-" + seen)));
    }

    @Nested
    class Verifications {
        @Test
        void lists_every_recorded_verification_oldest_first_mismatches_included() {
            Result first = ok(verify(trainer, "xrays", "TRAINING"));
            Result second = ok(verify(auditorB, "tampered", "AUDIT"));

            Map<String, Object> result = ok(ledger.evaluate(curatorB, "artifact:Verifications", "xrays"))
                    .json();

            assertThat(result).containsEntry("id", "xrays");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> records = (List<Map<String, Object>>) result.get("verifications");
            assertThat(records)
                    .extracting(r -> r.get("txId") + " " + r.get("verifierOrg") + " " + r.get("match"))
                    .containsExactly(
                            first.txId() + " " + RESEARCH + " true", second.txId() + " " + HOSPITAL_B + " false");
        }

        @Test
        void is_empty_for_an_artifact_never_verified_and_refused_for_an_unknown_one() {
            assertThat(ok(ledger.evaluate(curatorB, "artifact:Verifications", "xrays"))
                            .json())
                    .containsEntry("verifications", List.of());
            refused(
                    ledger.evaluate(curatorB, "artifact:Verifications", "ghost"),
                    "NOT_FOUND",
                    "artifact ghost does not exist");
        }

        @Test
        void appear_in_the_history_as_verified_entries_beside_registration_and_status_changes() {
            Result verified = ok(verify(trainer, "xrays", "TRAINING"));
            ok(ledger.submit(curatorA, "artifact:SetStatus", "xrays", "DEPRECATED", "superseded"));
            ok(verify(auditorB, "tampered", "AUDIT"));

            List<Map<String, Object>> history =
                    ok(ledger.evaluate(curatorB, "artifact:History", "xrays")).jsonList();

            assertThat(history)
                    .extracting(e -> e.get("type") + " " + e.get("status") + " " + e.get("match"))
                    .containsExactly(
                            "REGISTERED ACTIVE null",
                            "VERIFIED ACTIVE true",
                            "STATUS_CHANGED DEPRECATED null",
                            "VERIFIED DEPRECATED false");
            assertThat(history.get(1))
                    .containsEntry("txId", verified.txId())
                    .containsEntry("org", RESEARCH)
                    .containsEntry("digest", digest("xrays"))
                    .containsEntry("purpose", "TRAINING")
                    .containsEntry("reason", "n-xrays");
            assertThat(history.get(0)).doesNotContainKeys("match", "purpose");
        }
    }

    @Nested
    class AccessLogReaders {
        @BeforeEach
        void logAccesses() {
            ok(ledger.submit(trainer, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", "TRAINING"))));
        }

        @SuppressWarnings("unchecked")
        private List<Object> items(Result page) {
            return (List<Object>) ok(page).json().get("items");
        }

        private Result logs(Identity who, Object... query) {
            return ledger.evaluate(who, "access:Logs", Json.of(Json.object(query)));
        }

        @Test
        void the_owner_reads_the_log_of_its_artifact_and_the_accessor_its_own_accesses() {
            assertThat(items(logs(curatorA, "artifact", "xrays"))).hasSize(1);
            assertThat(items(logs(trainer, "org", RESEARCH))).hasSize(1);
        }

        @Test
        void an_auditor_of_any_organisation_reads_every_log() {
            assertThat(items(logs(auditorB, "artifact", "xrays"))).hasSize(1);
            assertThat(items(logs(auditorB, "org", RESEARCH))).hasSize(1);
        }

        @Test
        void anyone_else_even_an_admin_of_another_organisation_is_refused() {
            refused(logs(curatorB, "artifact", "xrays"), "PERMISSION_DENIED", "readable by its owner HospitalAMSP");
            refused(logs(adminB, "org", RESEARCH), "PERMISSION_DENIED", "and by auditors");
            refused(logs(trainer, "artifact", "xrays"), "PERMISSION_DENIED", "{\"org\": \"ResearchMSP\"}");
        }
    }

    @Nested
    class ReservedPrefixes {
        @Test
        void refuses_artifact_run_and_deployment_ids_that_could_shadow_lineage_nodes() {
            for (String id : List.of("attestation:xrays:TRAINING", "erasure:xrays:tx", "run:r1", "deployment:d1")) {
                refused(
                        ledger.submit(curatorA, "artifact:Register", artifact(id, "DATASET")),
                        "INVALID_ARGUMENT",
                        "artifact.id '" + id + "' starts with");
            }
            refused(
                    ledger.submit(
                            trainer,
                            "lineage:RecordRun",
                            Json.of(Json.object(
                                    "id",
                                    "run:r1",
                                    "inputs",
                                    List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                                    "outputs",
                                    List.of("m")))),
                    "INVALID_ARGUMENT",
                    "run.id 'run:r1' starts with run:");
            refused(
                    ledger.submit(
                            deployer,
                            "lineage:RecordDeployment",
                            Json.of(Json.object("id", "deployment:d", "model", "m", "environment", "prod"))),
                    "INVALID_ARGUMENT",
                    "deployment.id 'deployment:d' starts with deployment:");
        }

        @Test
        void still_accepts_ids_that_merely_contain_a_colon() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("hospital-a:runs", "DATASET")));
        }
    }
}
