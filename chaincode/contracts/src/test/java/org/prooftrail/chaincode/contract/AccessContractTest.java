package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.refused;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/** Hospital-a owns the dataset {@code xrays}; research and hospital-b ask to use it. */
class AccessContractTest {
    private static final String FAR_FUTURE = "2027-01-01T00:00:00Z";

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity trainerA = user(HOSPITAL_A, Role.TRAINER);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity auditor = user(RESEARCH, Role.AUDITOR);

    @BeforeEach
    void registerTheDataset() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
    }

    private static String grantJson(String grantee, List<String> purposes, String expiresAt, Object... more) {
        Map<String, Object> map =
                Json.object("artifact", "xrays", "grantee", grantee, "purposes", purposes, "expiresAt", expiresAt);
        map.putAll(Json.object(more));
        return Json.of(map);
    }

    private Result grant(Identity who, String json) {
        return ledger.submit(who, "access:Grant", json);
    }

    private Result log(Identity who, String purpose) {
        return ledger.submit(who, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", purpose)));
    }

    private static String grantKey(String grantee, String role) {
        return new CompositeKey("accessgrants", "xrays").toString();
    }

    @Nested
    class Grant {
        @Test
        void records_the_grant_of_a_curator_for_purposes_until_an_expiry() {
            Result result = ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING", "EVALUATION"), FAR_FUTURE)));

            assertThat(result.json())
                    .containsEntry("artifact", "xrays")
                    .containsEntry("owner", HOSPITAL_A)
                    .containsEntry("grantee", RESEARCH)
                    .containsEntry("role", "*")
                    .containsEntry("purposes", List.of("EVALUATION", "TRAINING"))
                    .containsEntry("expiresAt", FAR_FUTURE)
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("txId", result.txId());
            assertThat(result.writeSet().puts()).containsKey(grantKey(RESEARCH, "*"));
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("AccessGranted");
        }

        @Test
        void lets_a_steward_grant_too() {
            ok(grant(stewardA, grantJson(RESEARCH, List.of("READ"), FAR_FUTURE)));

            assertThat(ledger.evaluate(auditor, "access:Grants", "xrays").jsonList())
                    .singleElement()
                    .satisfies(g -> assertThat(g).containsEntry("purposes", List.of("READ")));
        }

        @Test
        void writes_the_grant_into_the_grant_list_that_registration_put_under_the_owner_alone() {
            Result result = ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));

            assertThat(result.writeSet().validationParameters()).isEmpty();
            byte[] policy = ledger.state().validationParameter(grantKey(RESEARCH, "*"));
            assertThat(policy).isNotNull();
            StateBasedEndorsement sbe =
                    StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(policy);
            assertThat(sbe.listOrgs()).containsExactly(HOSPITAL_A);
        }

        @Test
        void refuses_a_grant_by_another_organisation_and_writes_nothing() {
            refused(
                    grant(curatorB, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)),
                    "PERMISSION_DENIED",
                    "only HospitalAMSP may grant access to xrays");
        }

        @Test
        void refuses_a_grant_by_a_member_of_the_owner_without_the_curator_or_steward_role() {
            refused(
                    grant(trainerA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)),
                    "PERMISSION_DENIED",
                    "granting access");
        }

        @Test
        void refuses_an_expiry_in_the_past() {
            refused(
                    grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), "2026-02-01T00:00:00Z")),
                    "INVALID_ARGUMENT",
                    "grant.expiresAt 2026-02-01T00:00:00Z is not after the transaction's time");
        }

        @Test
        void refuses_an_unknown_purpose() {
            refused(
                    grant(curatorA, grantJson(RESEARCH, List.of("MARKETING"), FAR_FUTURE)),
                    "INVALID_ARGUMENT",
                    "grant.purposes[0]");
        }

        @Test
        void refuses_a_grant_to_the_owner_itself() {
            refused(
                    grant(curatorA, grantJson(HOSPITAL_A, List.of("READ"), FAR_FUTURE)),
                    "INVALID_ARGUMENT",
                    "HospitalAMSP owns xrays and needs no grant");
        }
    }

    @Nested
    class Revoke {
        @Test
        void marks_the_grant_revoked_with_the_reason() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));

            Result result = ok(ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "study ended"));

            assertThat(result.json()).containsEntry("status", "REVOKED").containsEntry("reason", "study ended");
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("AccessRevoked");
            assertThat(ledger.evaluate(auditor, "access:Grants", "xrays").jsonList())
                    .singleElement()
                    .satisfies(g -> assertThat(g).containsEntry("status", "REVOKED"));
        }

        @Test
        void refuses_a_revocation_by_another_organisation() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));

            refused(
                    ledger.submit(curatorB, "access:Revoke", "xrays", RESEARCH, "", "mine now"),
                    "PERMISSION_DENIED",
                    "only HospitalAMSP may revoke access to xrays");
        }

        @Test
        void refuses_to_revoke_a_grant_twice() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));
            ok(ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "study ended"));

            refused(
                    ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "again"),
                    "FAILED_PRECONDITION",
                    "already revoked");
        }
    }

    @Nested
    class Log {
        @Test
        void allows_the_owner() {
            Result result = ok(log(trainerA, "TRAINING"));

            assertThat(result.json())
                    .containsEntry("decision", "ALLOWED")
                    .containsEntry("accessor", HOSPITAL_A)
                    .containsEntry("purpose", "TRAINING");
        }

        @Test
        void allows_a_grantee_within_the_granted_purposes() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));

            Result result = ok(log(trainer, "TRAINING"));

            assertThat(result.json())
                    .containsEntry("decision", "ALLOWED")
                    .containsEntry("owner", HOSPITAL_A)
                    .containsEntry("accessor", RESEARCH);
            assertThat((String) result.json().get("reason")).contains("granted by HospitalAMSP");
            assertThat(result.writeSet().event().orElseThrow().getPayload().toStringUtf8())
                    .contains("\"decision\":\"ALLOWED\"");
        }

        @Test
        void records_an_attempt_by_an_identity_without_a_prooftrail_role_as_denied() {
            Result result = log(ChaincodeHarness.plain(RESEARCH, "client"), "EXPORT");

            assertDeniedAndRecorded(result, "holds no active EXPORT grant");
        }

        @Test
        void denies_and_records_a_purpose_outside_the_grant() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("EVALUATION"), FAR_FUTURE)));

            assertDeniedAndRecorded(log(trainer, "TRAINING"), "holds no active TRAINING grant");
        }

        @Test
        void denies_and_records_an_organisation_without_any_grant() {
            assertDeniedAndRecorded(log(curatorB, "READ"), "HospitalBMSP holds no active READ grant");
        }

        @Test
        void denies_and_records_after_revocation() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));
            ok(ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "study ended"));

            assertDeniedAndRecorded(log(trainer, "TRAINING"), "holds no active TRAINING grant");
        }

        @Test
        void denies_and_records_after_the_grant_expired() {
            // the grant is committed one second before expiry; the first log comes just before it, the second at it
            String expiresAt = ledger.nextTimestamp().plusSeconds(2).toString();
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), expiresAt)));
            ok(log(trainer, "TRAINING"));

            Result late = log(trainer, "TRAINING");

            assertThat(late.timestamp().toString()).isEqualTo(expiresAt);
            assertDeniedAndRecorded(late, "holds no active TRAINING grant");
        }

        @Test
        void denies_and_records_a_caller_lacking_the_role_a_grant_is_restricted_to() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE, "role", "trainer")));

            assertThat(ok(log(trainer, "TRAINING")).json()).containsEntry("decision", "ALLOWED");
            assertDeniedAndRecorded(log(auditor, "TRAINING"), "for its roles");
        }

        @Test
        void refuses_an_unknown_artifact_and_records_nothing() {
            refused(
                    ledger.submit(trainer, "access:Log", Json.of(Json.object("artifact", "ghost", "purpose", "READ"))),
                    "NOT_FOUND",
                    "artifact ghost does not exist");
        }

        private void assertDeniedAndRecorded(Result result, String reason) {
            ok(result);
            assertThat(result.json()).containsEntry("decision", "DENIED");
            assertThat((String) result.json().get("reason")).contains(reason);
            assertThat(result.writeSet().isEmpty()).isFalse();
            assertThat(result.writeSet().puts().keySet())
                    .anyMatch(k -> k.contains("accesslog") && k.contains(result.txId()));
            var event = result.writeSet().event().orElseThrow();
            assertThat(event.getEventName()).isEqualTo("AccessLogged");
            assertThat(event.getPayload().toStringUtf8()).contains("\"decision\":\"DENIED\"");
            List<Map<String, Object>> logged = items(ledger.evaluate(
                    auditor, "access:Logs", Json.of(Json.object("artifact", "xrays", "pageSize", 500))));
            assertThat(logged)
                    .filteredOn(r -> result.txId().equals(r.get("txId")))
                    .singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("decision", "DENIED"));
        }
    }

    @Nested
    class Logs {
        @BeforeEach
        void logSomeAccesses() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));
            ok(ledger.submit(curatorB, "artifact:Register", artifact("notes", "DATASET")));
            for (int i = 0; i < 3; i++) {
                ok(log(trainer, "TRAINING"));
            }
            ok(log(curatorB, "READ"));
            ok(ledger.submit(trainer, "access:Log", Json.of(Json.object("artifact", "notes", "purpose", "READ"))));
        }

        @Test
        void pages_the_log_of_an_artifact_in_time_order_with_bookmarks() {
            Result first = ok(
                    ledger.evaluate(auditor, "access:Logs", Json.of(Json.object("artifact", "xrays", "pageSize", 3))));
            assertThat(items(first)).extracting(r -> r.get("accessor")).containsExactly(RESEARCH, RESEARCH, RESEARCH);
            String bookmark = (String) first.json().get("bookmark");
            assertThat(bookmark).isNotEmpty();

            Result second = ok(ledger.evaluate(
                    auditor,
                    "access:Logs",
                    Json.of(Json.object("artifact", "xrays", "pageSize", 3, "bookmark", bookmark))));

            assertThat(items(second)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("accessor", HOSPITAL_B)
                    .containsEntry("decision", "DENIED"));
            assertThat(second.json()).containsEntry("bookmark", "");
        }

        @Test
        void pages_the_log_of_an_accessing_organisation_across_artifacts() {
            Result first =
                    ok(ledger.evaluate(auditor, "access:Logs", Json.of(Json.object("org", RESEARCH, "pageSize", 2))));
            Result rest = ok(ledger.evaluate(
                    auditor,
                    "access:Logs",
                    Json.of(Json.object(
                            "org",
                            RESEARCH,
                            "pageSize",
                            2,
                            "bookmark",
                            first.json().get("bookmark")))));

            assertThat(items(first)).hasSize(2);
            assertThat(items(rest)).extracting(r -> r.get("artifact")).containsExactly("xrays", "notes");
            assertThat(rest.json()).containsEntry("bookmark", "");
        }

        @Test
        void refuses_a_query_naming_both_an_artifact_and_an_organisation() {
            refused(
                    ledger.evaluate(auditor, "access:Logs", Json.of(Json.object("artifact", "xrays", "org", RESEARCH))),
                    "INVALID_ARGUMENT",
                    "exactly one of artifact or org");
        }
    }

    @Nested
    class Grants {
        @Test
        void lists_every_grant_of_an_artifact_active_or_revoked() {
            ok(grant(curatorA, grantJson(RESEARCH, List.of("TRAINING"), FAR_FUTURE)));
            ok(grant(curatorA, grantJson(HOSPITAL_B, List.of("READ"), FAR_FUTURE, "role", "auditor")));
            ok(ledger.submit(curatorA, "access:Revoke", "xrays", HOSPITAL_B, "auditor", "audit done"));

            List<Map<String, Object>> grants =
                    ok(ledger.evaluate(curatorB, "access:Grants", "xrays")).jsonList();

            assertThat(grants)
                    .extracting(g -> g.get("grantee") + "/" + g.get("role") + "/" + g.get("status"))
                    .containsExactly(HOSPITAL_B + "/auditor/REVOKED", RESEARCH + "/*/ACTIVE");
        }

        @Test
        void is_empty_for_an_artifact_without_grants() {
            assertThat(ok(ledger.evaluate(curatorB, "access:Grants", "xrays")).jsonList())
                    .isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Result page) {
        assertThat(page.ok()).as(page.toString()).isTrue();
        return (List<Map<String, Object>>) page.json().get("items");
    }
}
