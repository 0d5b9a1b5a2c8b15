package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.plain;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.Role;

class ArtifactContractTest {
    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);

    private Result register(Identity who, String json) {
        return ledger.submit(who, "artifact:Register", json);
    }

    @Nested
    class Register {
        @Test
        void records_the_fingerprint_with_owner_registrant_and_transaction_time() {
            Result result = register(
                    curatorA,
                    artifact(
                            "chest-xray-v3",
                            "DATASET",
                            "size",
                            1024,
                            "uri",
                            "s3://bucket/chest-xray-v3",
                            "metadata",
                            Json.object("modality", "x-ray")));

            assertThat(result.ok()).as(result.toString()).isTrue();
            Map<String, Object> record =
                    ledger.evaluate(curatorB, "artifact:Get", "chest-xray-v3").json();
            assertThat(record)
                    .containsEntry("id", "chest-xray-v3")
                    .containsEntry("kind", "DATASET")
                    .containsEntry("digest", digest("chest-xray-v3"))
                    .containsEntry("size", 1024L)
                    .containsEntry("owner", HOSPITAL_A)
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("registeredAt", "2026-03-01T09:00:01Z")
                    .containsEntry("txId", result.txId())
                    .containsEntry("metadata", Map.of("modality", "x-ray"));
            assertThat((String) record.get("registeredBy")).startsWith("x509::").contains("CN=curator-user");
        }

        @Test
        void returns_the_existing_record_when_the_same_digest_is_registered_again() {
            Result first = register(curatorA, artifact("chest-xray-v3", "DATASET"));
            Result again = register(curatorA, artifact("chest-xray-v3", "DATASET"));

            assertThat(again.ok()).isTrue();
            assertThat(again.payload()).isEqualTo(first.payload());
            assertThat(again.writeSet().isEmpty()).isTrue();
        }

        @Test
        void rejects_a_second_registration_with_a_different_digest() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));

            Result result = register(
                    curatorA,
                    Json.of(Json.object("id", "chest-xray-v3", "kind", "DATASET", "digest", digest("something else"))));

            assertThat(result.message())
                    .startsWith("ALREADY_EXISTS: artifact chest-xray-v3 is already registered with digest "
                            + digest("chest-xray-v3"));
            assertThat(result.writeSet().isEmpty()).isTrue();
        }

        @Test
        void requires_every_parent_to_exist() {
            Result result = register(curatorA, artifact("cleaned", "DATASET", "parents", List.of("raw")));

            assertThat(result.message()).startsWith("NOT_FOUND: parent artifact raw of cleaned does not exist");
        }

        @Test
        void refuses_to_derive_from_a_revoked_parent() {
            register(curatorA, artifact("raw", "DATASET"));
            ledger.submit(curatorA, "artifact:SetStatus", "raw", "REVOKED", "tainted");

            Result result = register(curatorA, artifact("cleaned", "DATASET", "parents", List.of("raw")));

            assertThat(result.message()).startsWith("FAILED_PRECONDITION: parent artifact raw of cleaned is REVOKED");
        }

        @Test
        void protects_the_status_key_with_an_endorsement_policy_naming_the_owner() {
            Result result = register(curatorA, artifact("chest-xray-v3", "DATASET"));

            String stateKey = new CompositeKey("artifactstate", "chest-xray-v3").toString();
            byte[] policy = result.writeSet().validationParameters().get(stateKey);
            assertThat(policy).isNotNull();
            StateBasedEndorsement sbe =
                    StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(policy);
            assertThat(sbe.listOrgs()).containsExactly(HOSPITAL_A);
        }

        @Test
        void emits_one_event_naming_the_artifact() {
            Result result = register(curatorA, artifact("chest-xray-v3", "DATASET"));

            var event = result.writeSet().event().orElseThrow();
            assertThat(event.getEventName()).isEqualTo("ArtifactRegistered");
            assertThat(event.getPayload().toStringUtf8())
                    .isEqualTo("{\"digest\":\"" + digest("chest-xray-v3") + "\",\"id\":\"chest-xray-v3\","
                            + "\"kind\":\"DATASET\",\"owner\":\"HospitalAMSP\",\"txId\":\"" + result.txId() + "\"}");
        }

        @Test
        void is_refused_to_an_auditor() {
            Result result = register(user(HOSPITAL_A, Role.AUDITOR), artifact("x", "DATASET"));

            assertThat(result.message())
                    .startsWith("PERMISSION_DENIED: registering an artifact needs the role curator,"
                            + " trainer (or admin)");
        }

        @Test
        void is_allowed_to_an_admin_certificate_without_attributes() {
            Result result = register(plain(HOSPITAL_A, "admin"), artifact("x", "DATASET"));

            assertThat(result.ok()).as(result.toString()).isTrue();
        }

        @Test
        void names_a_role_value_prooftrail_does_not_know_but_still_lets_its_holder_read() {
            Identity typo = ChaincodeHarness.withRoleAttribute(HOSPITAL_A, "curater");
            register(curatorA, artifact("x", "DATASET"));

            Result refused = register(typo, artifact("y", "DATASET"));
            Result read = ledger.evaluate(typo, "artifact:Get", "x");

            assertThat(refused.message())
                    .startsWith("PERMISSION_DENIED: registering an artifact needs the role curator, trainer (or admin)")
                    .contains("names curater, which is not a prooftrail role");
            assertThat(read.ok()).isTrue();
        }

        @Test
        void is_refused_to_a_client_certificate_without_attributes() {
            Result result = register(plain(HOSPITAL_A, "client"), artifact("x", "DATASET"));

            assertThat(result.message()).startsWith("PERMISSION_DENIED:").contains("no prooftrail.role attribute");
        }
    }

    @Nested
    class GetAndVerify {
        @Test
        void get_of_an_unknown_id_is_not_found() {
            assertThat(ledger.evaluate(curatorA, "artifact:Get", "nope").message())
                    .isEqualTo("NOT_FOUND: artifact nope does not exist");
        }

        @Test
        void verify_reports_a_match_and_a_mismatch() {
            register(curatorA, artifact("weights", "MODEL"));

            Map<String, Object> match = ledger.evaluate(trainer, "artifact:Verify", "weights", digest("weights"))
                    .json();
            Map<String, Object> mismatch = ledger.evaluate(trainer, "artifact:Verify", "weights", digest("tampered"))
                    .json();

            assertThat(match).containsEntry("match", true).containsEntry("status", "ACTIVE");
            assertThat(mismatch)
                    .containsEntry("match", false)
                    .containsEntry("expected", digest("weights"))
                    .containsEntry("actual", digest("tampered"));
        }
    }

    @Nested
    class RecordVerification {
        @Test
        void records_a_mismatch_as_evidence() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));

            Result result = ledger.submit(
                    trainer,
                    "artifact:RecordVerification",
                    Json.of(Json.object("id", "chest-xray-v3", "digest", digest("tampered"), "purpose", "TRAINING")));

            assertThat(result.json())
                    .containsEntry("match", false)
                    .containsEntry("verifierOrg", RESEARCH)
                    .containsEntry("purpose", "TRAINING")
                    .containsEntry("expected", digest("chest-xray-v3"));
            String key = new CompositeKey("verification", "chest-xray-v3", result.txId()).toString();
            assertThat(result.writeSet().puts()).containsKey(key);
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("ArtifactVerified");
        }
    }

    @Nested
    class SetStatus {
        @Test
        void lets_the_owner_revoke_and_keeps_revocation_final() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));

            Result revoked =
                    ledger.submit(curatorA, "artifact:SetStatus", "chest-xray-v3", "REVOKED", "tainted labels");
            Result again = ledger.submit(curatorA, "artifact:SetStatus", "chest-xray-v3", "DEPRECATED", "superseded");

            assertThat(revoked.json()).containsEntry("status", "REVOKED");
            assertThat(again.message())
                    .isEqualTo("FAILED_PRECONDITION: artifact chest-xray-v3 is REVOKED and cannot become DEPRECATED:"
                            + " revocation is final");
            assertThat(ledger.evaluate(curatorB, "artifact:Get", "chest-xray-v3")
                            .json())
                    .containsEntry("status", "REVOKED");
        }

        @Test
        void refuses_another_organisation() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));

            Result result = ledger.submit(curatorB, "artifact:SetStatus", "chest-xray-v3", "REVOKED", "mine now");

            assertThat(result.message())
                    .isEqualTo("PERMISSION_DENIED: only HospitalAMSP may change the status of chest-xray-v3; the"
                            + " caller belongs to HospitalBMSP");
            assertThat(result.writeSet().isEmpty()).isTrue();
        }

        @Test
        void writes_only_the_state_key_whose_policy_was_set_at_registration() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));

            Result result = ledger.submit(curatorA, "artifact:SetStatus", "chest-xray-v3", "DEPRECATED", "v4 is out");

            assertThat(result.writeSet().puts().keySet())
                    .containsExactly(new CompositeKey("artifactstate", "chest-xray-v3").toString());
            assertThat(ledger.state()
                            .validationParameter(new CompositeKey("artifactstate", "chest-xray-v3").toString()))
                    .isNotNull();
        }
    }

    @Nested
    class History {
        @Test
        void lists_registration_and_status_changes_oldest_first() {
            register(curatorA, artifact("chest-xray-v3", "DATASET"));
            ledger.submit(curatorA, "artifact:SetStatus", "chest-xray-v3", "DEPRECATED", "v4 is out");
            ledger.submit(curatorA, "artifact:SetStatus", "chest-xray-v3", "REVOKED", "tainted");

            List<Map<String, Object>> history = ledger.evaluate(curatorB, "artifact:History", "chest-xray-v3")
                    .jsonList();

            assertThat(history)
                    .extracting(e -> e.get("type"))
                    .containsExactly("REGISTERED", "STATUS_CHANGED", "STATUS_CHANGED");
            assertThat(history).extracting(e -> e.get("status")).containsExactly("ACTIVE", "DEPRECATED", "REVOKED");
            assertThat(history)
                    .extracting(e -> e.get("timestamp"))
                    .containsExactly("2026-03-01T09:00:01Z", "2026-03-01T09:00:02Z", "2026-03-01T09:00:03Z");
        }
    }

    @Nested
    class ListArtifacts {
        @Test
        void filters_by_kind_and_owner_and_pages_with_bookmarks() {
            for (int i = 0; i < 5; i++) {
                register(curatorA, artifact("a-data-" + i, "DATASET"));
                register(curatorB, artifact("b-data-" + i, "DATASET"));
            }
            register(curatorA, artifact("a-code", "CODE"));

            Map<String, Object> first = ledger.evaluate(
                            curatorA,
                            "artifact:List",
                            Json.of(Json.object("kind", "DATASET", "owner", HOSPITAL_A, "pageSize", 3)))
                    .json();
            Map<String, Object> second = ledger.evaluate(
                            curatorA,
                            "artifact:List",
                            Json.of(Json.object(
                                    "kind",
                                    "DATASET",
                                    "owner",
                                    HOSPITAL_A,
                                    "pageSize",
                                    3,
                                    "bookmark",
                                    first.get("bookmark"))))
                    .json();

            assertThat(ids(first)).containsExactly("a-data-0", "a-data-1", "a-data-2");
            assertThat(ids(second)).containsExactly("a-data-3", "a-data-4");
            assertThat(second.get("bookmark")).isEqualTo("");
            assertThat(ids(ledger.evaluate(curatorA, "artifact:List", Json.of(Json.object("owner", HOSPITAL_B)))
                            .json()))
                    .hasSize(5)
                    .allMatch(id -> id.startsWith("b-"));
            assertThat(ids(ledger.evaluate(curatorA, "artifact:List", Json.of(Json.object("kind", "CODE")))
                            .json()))
                    .containsExactly("a-code");
            assertThat(ids(ledger.evaluate(curatorA, "artifact:List", "{}").json()))
                    .hasSize(11);
        }

        @SuppressWarnings("unchecked")
        private List<String> ids(Map<String, Object> page) {
            return ((List<Map<String, Object>>) page.get("items"))
                    .stream().map(item -> (String) item.get("id")).toList();
        }
    }

    @Nested
    class VerifyInclusion {
        private final List<Digest> leaves = List.of(
                Merkle.leafHash(bytes("a.csv")), Merkle.leafHash(bytes("b.csv")), Merkle.leafHash(bytes("c.csv")));

        private void registerDirectory() {
            register(
                    curatorA,
                    artifact(
                            "dir",
                            "DATASET",
                            "merkle",
                            Json.object("root", Merkle.root(leaves).toString(), "leaves", 3)));
        }

        @Test
        void accepts_a_proof_for_a_member_and_refuses_a_tampered_one() {
            registerDirectory();
            InclusionProof proof = Merkle.prove(leaves, 1);

            Map<String, Object> accepted = ledger.evaluate(
                            curatorB,
                            "artifact:VerifyInclusion",
                            "dir",
                            leaves.get(1).toString(),
                            proofJson(proof.leafIndex(), proof.path()))
                    .json();
            Map<String, Object> refused = ledger.evaluate(
                            curatorB,
                            "artifact:VerifyInclusion",
                            "dir",
                            Merkle.leafHash(bytes("d.csv")).toString(),
                            proofJson(proof.leafIndex(), proof.path()))
                    .json();

            assertThat(accepted).containsEntry("included", true);
            assertThat(refused)
                    .containsEntry("included", false)
                    .containsEntry("reason", "the proof does not lead from the leaf to the registered root");
        }

        @Test
        void needs_a_registered_root() {
            register(curatorA, artifact("file", "MODEL"));

            Result result = ledger.evaluate(
                    curatorB, "artifact:VerifyInclusion", "file", leaves.get(0).toString(), proofJson(0, List.of()));

            assertThat(result.message())
                    .startsWith("FAILED_PRECONDITION: artifact file was registered without a" + " Merkle root");
        }

        private String proofJson(long index, List<Digest> path) {
            return Json.of(Json.object(
                    "leafIndex",
                    index,
                    "treeSize",
                    3,
                    "path",
                    path.stream().map(Digest::toString).toList()));
        }

        private byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
