package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Role;

/**
 * Which key carries which key-level endorsement policy, and that every transaction relying on an organisation's
 * artifact writes that organisation's guard: Fabric validates each key against its own policy only, so these
 * policies decide what a colluding majority can commit (the real validation is proven by ColludingMajorityIT). The
 * simulator ignores policies; it records them, and the tests read them back as text such as
 * {@code OutOf(2, HospitalAMSP, OutOf(1, HospitalBMSP, ResearchMSP))} (principals are peers of those MSPs).
 */
class OwnerEndorsementTest {
    private static final String FAR_FUTURE = "2030-01-01T00:00:00Z";
    private static final String ALICE =
            Digest.sha256("alice".getBytes(StandardCharsets.UTF_8)).hex();
    private static final String OWNER_ONLY_A = "OutOf(1, HospitalAMSP)";
    private static final String A_AND_ANOTHER = "OutOf(2, HospitalAMSP, OutOf(1, HospitalBMSP, ResearchMSP))";
    private static final String A_AND_RESEARCH = "OutOf(2, HospitalAMSP, ResearchMSP)";

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity curatorB = user(HOSPITAL_B, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);

    @BeforeEach
    void everyOrganisationHasRegistered() {
        ok(ledger.submit(curatorB, "artifact:Register", artifact("b-notes", "DATASET")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("train.py", "CODE")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
    }

    private static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    /** The policies a transaction set, by key, as text. */
    private static SortedMap<String, String> policies(Result result) {
        SortedMap<String, String> policies = new TreeMap<>();
        result.writeSet().validationParameters().forEach((key, bytes) -> policies.put(key, policyText(bytes)));
        return policies;
    }

    private String committedPolicy(String key) {
        return policyText(ledger.state().validationParameter(key));
    }

    static String policyText(byte[] bytes) {
        try {
            SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(bytes);
            List<String> msps = new ArrayList<>();
            for (MSPPrincipal principal : envelope.getIdentitiesList()) {
                assertThat(principal.getPrincipalClassification()).isEqualTo(MSPPrincipal.Classification.ROLE);
                MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                assertThat(role.getRole()).isEqualTo(MSPRole.MSPRoleType.PEER);
                msps.add(role.getMspIdentifier());
            }
            return text(envelope.getRule(), msps);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a SignaturePolicyEnvelope", e);
        }
    }

    private static String text(SignaturePolicy rule, List<String> msps) {
        if (rule.hasSignedBy()) {
            return msps.get(rule.getSignedBy());
        }
        return "OutOf(" + rule.getNOutOf().getN()
                + rule.getNOutOf().getRulesList().stream()
                        .map(r -> ", " + text(r, msps))
                        .collect(Collectors.joining())
                + ")";
    }

    private Result grant(String artifact, String grantee, List<String> purposes) {
        return ok(ledger.submit(
                curatorA,
                "access:Grant",
                Json.of(Json.object(
                        "artifact", artifact, "grantee", grantee, "purposes", purposes, "expiresAt", FAR_FUTURE))));
    }

    @Nested
    class Registration {
        @Test
        void
                puts_the_record_and_its_indexes_under_the_owner_and_another_organisation_and_its_controls_under_the_owner() {
            Result result = ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));

            Map<String, String> expected = new TreeMap<>();
            expected.put(key("artifact", "xrays"), A_AND_ANOTHER);
            expected.put(key("artifactkind", "DATASET", HOSPITAL_A, "xrays"), A_AND_ANOTHER);
            expected.put(key("artifactowner", HOSPITAL_A, "xrays"), A_AND_ANOTHER);
            expected.put(key("artifactdigest", digest("xrays"), "xrays"), A_AND_ANOTHER);
            expected.put(key("artifactstate", "xrays"), OWNER_ONLY_A);
            expected.put(key("artifactguard", "xrays"), OWNER_ONLY_A);
            expected.put(key("accessgrants", "xrays"), OWNER_ONLY_A);
            expected.put(key("erasurelog", "xrays"), OWNER_ONLY_A);
            for (String purpose : List.of("AUDIT", "DERIVE", "EVALUATION", "EXPORT", "INFERENCE", "READ", "TRAINING")) {
                expected.put(key("consentattestation", "xrays", purpose), OWNER_ONLY_A);
            }
            assertThat(policies(result)).isEqualTo(expected);
            assertThat(result.writeSet().puts()).containsKey(key("member", HOSPITAL_A));
        }

        @Test
        void creates_the_consent_keys_of_a_dataset_that_does_not_require_consent_but_lists_only_one_that_does() {
            Result plain = ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
            Result governed = ok(ledger.submit(
                    curatorA, "artifact:Register", artifact("scans", "DATASET", "requiresConsent", true)));

            assertThat(plain.writeSet().puts()).doesNotContainKey(key("consentdataset", HOSPITAL_A, "xrays"));
            assertThat(policies(governed)).containsEntry(key("consentdataset", HOSPITAL_A, "scans"), A_AND_ANOTHER);
            assertThat(ledger.evaluate(curatorA, "consent:GetAttestation", "xrays", "TRAINING")
                            .message())
                    .isEqualTo("NOT_FOUND: dataset xrays has no consent attestation for TRAINING");
        }

        @Test
        void creates_no_consent_keys_for_a_model() {
            Result result = ok(ledger.submit(curatorA, "artifact:Register", artifact("model-a", "MODEL")));

            assertThat(result.writeSet().puts().keySet())
                    .noneMatch(k -> k.contains("consentattestation") || k.contains("erasurelog"));
        }

        @Test
        void seals_the_record_of_the_first_organisation_when_no_other_has_registered_yet() {
            ChaincodeHarness fresh = new ChaincodeHarness();

            Result first = ok(fresh.submit(curatorA, "artifact:Register", artifact("xrays", "OTHER")));

            assertThat(policies(first)).containsEntry(key("artifact", "xrays"), "OutOf(2, HospitalAMSP, OutOf(1))");
        }

        @Test
        void records_an_organisation_as_a_member_once() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "OTHER")));

            Result second = ok(ledger.submit(curatorA, "artifact:Register", artifact("scans", "OTHER")));

            assertThat(second.writeSet().puts().keySet()).noneMatch(k -> k.startsWith(key("member", HOSPITAL_A)));
        }

        @Test
        void a_derivation_writes_the_parents_guard_and_puts_the_edge_under_both_owners() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
            grant("xrays", RESEARCH, List.of("DERIVE"));

            Result derived = ok(ledger.submit(
                    user(RESEARCH, Role.CURATOR),
                    "artifact:Register",
                    artifact("xrays-small", "DATASET", "parents", List.of("xrays"))));

            assertThat(derived.writeSet().puts()).containsKey(key("artifactguard", "xrays"));
            assertThat(derived.writeSet().validationParameters()).doesNotContainKey(key("artifactguard", "xrays"));
            assertThat(policies(derived)).containsEntry(key("child", "xrays", "xrays-small"), A_AND_RESEARCH);
            assertThat(committedPolicy(key("artifactguard", "xrays"))).isEqualTo(OWNER_ONLY_A);
        }
    }

    @Nested
    class Reliance {
        @BeforeEach
        void hospitalAsConsentGovernedDataset() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));
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
                                    FAR_FUTURE,
                                    "formDigest",
                                    digest("form")))),
                    "consent:Grant"));
            ok(ledger.submit(
                    stewardA,
                    transientOf("subjects", Json.of(Json.object("subjects", List.of(ALICE)))),
                    "consent:Attest",
                    "xrays",
                    "TRAINING"));
            grant("xrays", RESEARCH, List.of("TRAINING", "READ"));
        }

        private Result recordRun() {
            return ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id",
                            "run-1",
                            "inputs",
                            List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                            "code",
                            "train.py",
                            "outputs",
                            List.of("model-v1"))));
        }

        @Test
        void a_run_writes_the_guard_of_every_artifact_it_names_and_puts_its_evidence_under_the_owners() {
            Result run = ok(recordRun());

            assertThat(run.writeSet().puts().keySet())
                    .filteredOn(k -> k.startsWith(key("artifactguard")))
                    .containsExactlyInAnyOrder(
                            key("artifactguard", "model-v1"),
                            key("artifactguard", "train.py"),
                            key("artifactguard", "xrays"));
            assertThat(policies(run))
                    .containsEntry(key("run", "run-1"), A_AND_RESEARCH)
                    .containsEntry(key("consumer", "xrays", "run-1"), A_AND_RESEARCH)
                    .containsEntry(
                            key("consumer", "train.py", "run-1"),
                            "OutOf(2, ResearchMSP, OutOf(1, HospitalAMSP, HospitalBMSP))")
                    .containsEntry(
                            key("producer", "model-v1", "run-1"),
                            "OutOf(2, ResearchMSP, OutOf(1, HospitalAMSP, HospitalBMSP))")
                    .containsEntry(key("consentuse", "xrays", "TRAINING", "run-1"), A_AND_RESEARCH)
                    .doesNotContainKey(key("artifactguard", "xrays"));
        }

        @Test
        void a_run_on_a_copy_writes_the_guard_of_the_upstream_dataset_too() {
            grant("xrays", RESEARCH, List.of("TRAINING", "DERIVE"));
            ok(ledger.submit(
                    user(RESEARCH, Role.CURATOR),
                    "artifact:Register",
                    artifact("xrays-small", "DATASET", "parents", List.of("xrays"))));

            Result run = ok(ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id", "run-2",
                            "inputs", List.of(Json.object("id", "xrays-small", "digest", digest("xrays-small"))),
                            "outputs", List.of("model-v1")))));

            assertThat(run.writeSet().puts())
                    .containsKey(key("artifactguard", "xrays"))
                    .containsKey(key("artifactguard", "xrays-small"));
        }

        @Test
        void a_deployment_writes_the_guard_of_its_model() {
            ok(recordRun());

            Result deployed = ok(ledger.submit(
                    deployer,
                    "lineage:RecordDeployment",
                    Json.of(Json.object(
                            "id", "dep-1", "model", "model-v1", "environment", "prod", "acceptRisk", "tested"))));

            assertThat(deployed.writeSet().puts()).containsKey(key("artifactguard", "model-v1"));
            assertThat(policies(deployed))
                    .containsEntry(
                            key("deployment", "dep-1"), "OutOf(2, ResearchMSP, OutOf(1, HospitalAMSP, HospitalBMSP))")
                    .containsEntry(key("deploymentstate", "dep-1"), "OutOf(1, ResearchMSP)");
        }

        @Test
        void a_logged_access_writes_the_owners_guard_and_puts_both_log_entries_under_owner_and_accessor() {
            Result logged = ok(
                    ledger.submit(trainer, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", "READ"))));

            assertThat(logged.writeSet().puts()).containsKey(key("artifactguard", "xrays"));
            assertThat(policies(logged).entrySet())
                    .filteredOn(e -> e.getKey().startsWith(key("accesslog"))
                            || e.getKey().startsWith(key("accesslogorg")))
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.getValue()).isEqualTo(A_AND_RESEARCH));
        }

        @Test
        void a_denied_access_is_evidence_under_the_same_policies() {
            Result logged = ok(ledger.submit(
                    curatorB, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", "EXPORT"))));

            assertThat(logged.json()).containsEntry("decision", "DENIED");
            assertThat(logged.writeSet().puts()).containsKey(key("artifactguard", "xrays"));
            assertThat(policies(logged).values()).containsOnly("OutOf(2, HospitalAMSP, HospitalBMSP)");
        }

        @Test
        void a_grant_and_a_revocation_update_the_existing_owner_only_grant_list_and_set_no_policy() {
            Result revoked = ok(ledger.submit(curatorA, "access:Revoke", "xrays", RESEARCH, "", "done"));

            assertThat(revoked.writeSet().puts()).containsKey(key("accessgrants", "xrays"));
            assertThat(revoked.writeSet().validationParameters()).isEmpty();
            assertThat(committedPolicy(key("accessgrants", "xrays"))).isEqualTo(OWNER_ONLY_A);
        }

        @Test
        void consent_transactions_write_only_keys_under_the_owner_alone() {
            Result attest = ok(ledger.submit(
                    stewardA,
                    transientOf("subjects", Json.of(Json.object("subjects", List.of(ALICE)))),
                    "consent:Attest",
                    "xrays",
                    "TRAINING"));

            assertThat(attest.writeSet().puts().keySet())
                    .allSatisfy(k -> assertThat(committedPolicy(k)).isEqualTo(OWNER_ONLY_A));
        }
    }

    @Nested
    class Forgeries {
        @BeforeEach
        void hospitalAsDataset() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
        }

        @Test
        void a_grant_key_written_outside_the_owners_grant_list_admits_nothing() {
            String forged = Json.of(Json.object(
                    "artifact", "xrays",
                    "owner", HOSPITAL_A,
                    "grantee", RESEARCH,
                    "role", "*",
                    "purposes", List.of("TRAINING", "READ"),
                    "expiresAt", FAR_FUTURE,
                    "status", "ACTIVE",
                    "grantedBy", "forged",
                    "grantedAt", "2026-03-01T09:00:00Z",
                    "txId", "forged"));
            ledger.forge(trainer, stub -> {
                stub.putState(key("accessgrant", "xrays", RESEARCH, "*"), forged.getBytes(StandardCharsets.UTF_8));
                stub.putState(key("accessgrants", "xrays", RESEARCH), forged.getBytes(StandardCharsets.UTF_8));
            });

            Result logged = ok(
                    ledger.submit(trainer, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", "READ"))));

            assertThat(logged.json()).containsEntry("decision", "DENIED");
            assertThat(ledger.evaluate(curatorA, "access:Grants", "xrays").jsonList())
                    .isEmpty();
        }

        @Test
        void a_run_written_with_bare_keys_is_shown_as_unendorsed_by_the_owner_whose_data_it_claims() {
            grant("xrays", RESEARCH, List.of("TRAINING"));
            ok(ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id", "honest",
                            "inputs", List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                            "outputs", List.of("model-v1")))));
            String claim = new String(ledger.state().get(key("run", "honest")), StandardCharsets.UTF_8)
                    .replace("\"honest\"", "\"claimed\"");
            ledger.forge(trainer, stub -> {
                stub.putState(key("run", "claimed"), claim.getBytes(StandardCharsets.UTF_8));
                stub.putState(key("consumer", "xrays", "claimed"), "INPUT".getBytes(StandardCharsets.UTF_8));
            });

            assertThat(ledger.evaluate(curatorA, "lineage:GetRun", "honest").json())
                    .containsEntry("id", "honest")
                    .doesNotContainKey("unendorsed");
            assertThat(ledger.evaluate(curatorA, "lineage:GetRun", "claimed").json())
                    .containsEntry("id", "claimed")
                    .containsEntry(
                            "unendorsed",
                            List.of(
                                    Map.of("artifact", "model-v1", "owner", RESEARCH),
                                    Map.of("artifact", "xrays", "owner", HOSPITAL_A)));
        }
    }

    @Nested
    class History {
        @BeforeEach
        void hospitalAsDataset() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));
        }

        @Test
        void shows_only_the_registration_of_an_untouched_record() {
            List<Map<String, Object>> history =
                    ledger.evaluate(curatorA, "artifact:History", "xrays").jsonList();

            assertThat(history).singleElement().satisfies(entry -> assertThat(entry)
                    .containsEntry("type", "REGISTERED")
                    .containsEntry("digest", digest("xrays"))
                    .doesNotContainKey("tampered"));
        }

        @Test
        void flags_a_rewritten_record_with_what_differs_and_keeps_the_registered_digest() {
            String rewritten = new String(ledger.state().get(key("artifact", "xrays")), StandardCharsets.UTF_8)
                    .replace(digest("xrays"), digest("something else"))
                    .replace("\"requiresConsent\":true", "\"requiresConsent\":false");
            ledger.forge(
                    trainer,
                    stub -> stub.putState(key("artifact", "xrays"), rewritten.getBytes(StandardCharsets.UTF_8)));

            List<Map<String, Object>> history =
                    ledger.evaluate(curatorA, "artifact:History", "xrays").jsonList();

            assertThat(history).hasSize(2);
            assertThat(history.get(0)).containsEntry("type", "REGISTERED").containsEntry("digest", digest("xrays"));
            assertThat(history.get(1))
                    .containsEntry("type", "UNEXPECTED_CHANGE")
                    .containsEntry("tampered", true)
                    .containsEntry("differences", List.of("digest", "requiresConsent"));
        }

        @Test
        void flags_a_deleted_record_and_still_answers_from_its_history() {
            ledger.forge(trainer, stub -> stub.delState(key("artifact", "xrays")));

            List<Map<String, Object>> history =
                    ledger.evaluate(curatorA, "artifact:History", "xrays").jsonList();

            assertThat(history).extracting(e -> e.get("type")).containsExactly("REGISTERED", "UNEXPECTED_CHANGE");
            assertThat(history.get(1)).containsEntry("differences", List.of("deleted"));
        }

        @Test
        void flags_an_identical_rewrite_as_a_change_that_differs_in_nothing() {
            byte[] same = ledger.state().get(key("artifact", "xrays"));
            ledger.forge(trainer, stub -> stub.putState(key("artifact", "xrays"), same));

            List<Map<String, Object>> history =
                    ledger.evaluate(curatorA, "artifact:History", "xrays").jsonList();

            assertThat(history.get(1))
                    .containsEntry("type", "UNEXPECTED_CHANGE")
                    .containsEntry("differences", List.of());
        }
    }
}
