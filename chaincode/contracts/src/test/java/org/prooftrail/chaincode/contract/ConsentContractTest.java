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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.consent.ConsentService;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Peer;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.Role;

/**
 * Hospital-a's steward records consent to its dataset {@code xrays}; subjects are the pseudonyms (64 hex) the
 * client derives, and travel only in the transient map.
 */
class ConsentContractTest {
    private static final String COLLECTION = "consent_HospitalAMSP";
    private static final String FAR_FUTURE = "2027-01-01T00:00:00Z";
    private static final String ALICE = pseudonym("alice");
    private static final String BOB = pseudonym("bob");
    private static final String CAROL = pseudonym("carol");

    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity stewardA = user(HOSPITAL_A, Role.STEWARD);
    private final Identity stewardB = user(HOSPITAL_B, Role.STEWARD);
    private final Identity auditor = user(RESEARCH, Role.AUDITOR);

    @BeforeEach
    void registerTheDataset() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET", "requiresConsent", true)));
    }

    private static String pseudonym(String name) {
        return Digest.sha256(("pseudonym of " + name).getBytes(StandardCharsets.UTF_8))
                .hex();
    }

    private static Map<String, byte[]> consent(Object... keysAndValues) {
        return transientOf("consent", Json.of(Json.object(keysAndValues)));
    }

    private static Map<String, byte[]> grantOf(String subject, List<String> purposes, String expiresAt) {
        return consent(
                "subject", subject,
                "dataset", "xrays",
                "purposes", purposes,
                "expiresAt", expiresAt,
                "formDigest", digest("signed form of " + subject));
    }

    private static Map<String, byte[]> subjectsOf(List<String> subjects) {
        return transientOf("subjects", Json.of(Json.object("subjects", subjects)));
    }

    private Result grant(Identity who, String subject) {
        return ledger.submit(who, grantOf(subject, List.of("TRAINING"), FAR_FUTURE), "consent:Grant");
    }

    private Result check(String subject, String purpose) {
        return ledger.evaluate(stewardA, consent("subject", subject), "consent:Check", "xrays", purpose);
    }

    private Result attest(List<String> subjects) {
        return ledger.submit(stewardA, subjectsOf(subjects), "consent:Attest", "xrays", "TRAINING");
    }

    private static String consentKey(String subject) {
        return new CompositeKey("consent", "xrays", subject).toString();
    }

    private static String attestationKey() {
        return new CompositeKey("consentattestation", "xrays", "TRAINING").toString();
    }

    private static Digest expectedRoot(List<String> subjects) {
        List<Digest> leaves = subjects.stream()
                .sorted()
                .map(s -> Merkle.leafHash(HexFormat.of().parseHex(s)))
                .toList();
        return Merkle.root(leaves);
    }

    @Nested
    class Grant {
        @Test
        void writes_the_consent_only_to_the_owners_private_collection() {
            Result result = ok(grant(stewardA, ALICE));

            assertThat(result.json())
                    .containsEntry("dataset", "xrays")
                    .containsEntry("collection", COLLECTION)
                    .containsEntry("status", "GRANTED")
                    .containsOnlyKeys("collection", "dataset", "status", "txId")
                    .doesNotContainValue(ALICE);
            assertThat(result.payload()).doesNotContain(FAR_FUTURE, "TRAINING");
            assertThat(result.payload()).doesNotContain(ALICE);
            assertThat(result.writeSet().collections()).containsExactly(COLLECTION);
            assertThat(result.writeSet().privatePuts(COLLECTION)).containsOnlyKeys(consentKey(ALICE));
            assertThat(new String(
                            result.writeSet().privatePuts(COLLECTION).get(consentKey(ALICE)), StandardCharsets.UTF_8))
                    .contains(ALICE);
            assertNoPublicTraceOf(result, ALICE);
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentGranted");
        }

        @Test
        void refuses_a_subject_passed_as_an_argument_by_arity_and_writes_nothing() {
            refused(ledger.submit(stewardA, "consent:Grant", ALICE), "INVALID_ARGUMENT", "consent:Grant");
        }

        @Test
        void refuses_a_grant_without_the_transient_entry() {
            refused(ledger.submit(stewardA, "consent:Grant"), "INVALID_ARGUMENT", "the transient map has no 'consent'");
        }

        @Test
        void refuses_a_subject_that_is_not_a_pseudonym() {
            refused(
                    ledger.submit(stewardA, grantOf("patient-4711", List.of("TRAINING"), FAR_FUTURE), "consent:Grant"),
                    "INVALID_ARGUMENT",
                    "subject must be a pseudonymous reference");
            refused(
                    ledger.submit(
                            stewardA,
                            grantOf(ALICE.toUpperCase(java.util.Locale.ROOT), List.of("TRAINING"), FAR_FUTURE),
                            "consent:Grant"),
                    "INVALID_ARGUMENT",
                    "64 lowercase hex");
        }

        @Test
        void refuses_a_member_of_the_owner_who_is_not_a_steward() {
            refused(
                    ledger.submit(curatorA, grantOf(ALICE, List.of("TRAINING"), FAR_FUTURE), "consent:Grant"),
                    "PERMISSION_DENIED",
                    "consent management");
        }

        @Test
        void refuses_a_steward_of_another_organisation() {
            refused(grant(stewardB, ALICE), "PERMISSION_DENIED", "only HospitalAMSP may record consent for xrays");
        }

        @Test
        void refuses_an_expiry_in_the_past() {
            refused(
                    ledger.submit(
                            stewardA, grantOf(ALICE, List.of("TRAINING"), "2026-01-01T00:00:00Z"), "consent:Grant"),
                    "INVALID_ARGUMENT",
                    "consent.expiresAt 2026-01-01T00:00:00Z is not after the transaction's time");
        }
    }

    @Nested
    class Check {
        @Test
        void finds_a_covering_consent() {
            ok(grant(stewardA, ALICE));

            assertThat(ok(check(ALICE, "TRAINING")).json())
                    .containsEntry("consented", true)
                    .containsEntry("status", "GRANTED")
                    .containsEntry("expiresAt", FAR_FUTURE);
        }

        @Test
        void answers_false_for_a_purpose_the_consent_does_not_name() {
            ok(grant(stewardA, ALICE));

            assertThat(ok(check(ALICE, "EXPORT")).json())
                    .containsEntry("consented", false)
                    .containsEntry("status", "GRANTED");
        }

        @Test
        void answers_false_with_status_none_for_a_subject_without_consent() {
            assertThat(ok(check(BOB, "TRAINING")).json())
                    .containsEntry("consented", false)
                    .containsEntry("status", "NONE");
        }

        @Test
        void answers_false_after_the_consent_expired() {
            String expiresAt = ledger.nextTimestamp().plusSeconds(2).toString();
            ok(ledger.submit(stewardA, grantOf(ALICE, List.of("TRAINING"), expiresAt), "consent:Grant"));
            assertThat(ok(check(ALICE, "TRAINING")).json()).containsEntry("consented", true);

            Result late = ok(check(ALICE, "TRAINING"));

            assertThat(late.timestamp().toString()).isEqualTo(expiresAt);
            assertThat(late.json()).containsEntry("consented", false).containsEntry("status", "GRANTED");
        }

        @Test
        void answers_false_after_the_consent_was_revoked() {
            ok(grant(stewardA, ALICE));
            Result revoked = ok(ledger.submit(
                    stewardA, consent("subject", ALICE, "dataset", "xrays", "reason", "withdrawn"), "consent:Revoke"));
            assertNoPublicTraceOf(revoked, ALICE);

            assertThat(ok(check(ALICE, "TRAINING")).json())
                    .containsEntry("consented", false)
                    .containsEntry("status", "REVOKED");
        }

        @Test
        void fails_on_the_peer_of_an_organisation_outside_the_collection_which_still_sees_the_hash() {
            ok(grant(stewardA, ALICE));
            ok(attest(List.of(ALICE)));
            Peer hospitalB = ledger.peer(HOSPITAL_B, Set.of("consent_HospitalBMSP"));

            Result result = ledger.evaluateOn(
                    hospitalB, stewardA, consent("subject", ALICE), "consent:Check", "xrays", "TRAINING");

            assertThat(result.ok()).as(result.toString()).isFalse();
            assertThat(result.message())
                    .startsWith("FAILED_PRECONDITION")
                    .contains(COLLECTION, "evaluate on a peer of HospitalAMSP")
                    .doesNotContain(ALICE);
            assertThat(hospitalB.state().getPrivate(COLLECTION, consentKey(ALICE)))
                    .isNull();
            byte[] value = ledger.state().getPrivate(COLLECTION, consentKey(ALICE));
            assertThat(hospitalB.state().getPrivateHash(COLLECTION, consentKey(ALICE)))
                    .isEqualTo(Digest.sha256(value).bytes());
            assertThat(result.stub().getPrivateDataHash(COLLECTION, consentKey(ALICE)))
                    .isEqualTo(Digest.sha256(value).bytes());
            assertThat(ok(ledger.evaluateOn(
                                    hospitalB, auditor, Map.of(), "consent:GetAttestation", "xrays", "TRAINING"))
                            .json())
                    .containsEntry("count", 1L)
                    .containsEntry("root", expectedRoot(List.of(ALICE)).toString());
        }
    }

    @Nested
    class Subjects {
        private List<Object> page(Map<String, Object> page) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) page.get("items");
            return items;
        }

        @Test
        void lists_the_subjects_whose_consent_covers_the_purpose_now_sorted() {
            ok(grant(stewardA, CAROL));
            ok(grant(stewardA, ALICE));
            ok(grant(stewardA, BOB));
            ok(ledger.submit(stewardA, grantOf(pseudonym("dave"), List.of("EVALUATION"), FAR_FUTURE), "consent:Grant"));
            ok(ledger.submit(stewardA, consent("subject", BOB, "dataset", "xrays"), "consent:Revoke"));

            Map<String, Object> answer = ok(ledger.evaluate(
                            stewardA, "consent:Subjects", "xrays", "TRAINING", "100", ""))
                    .json();

            assertThat(page(answer))
                    .containsExactly(List.of(ALICE, CAROL).stream().sorted().toArray());
            assertThat(answer).containsEntry("bookmark", "").containsEntry("count", 2L);
        }

        @Test
        void pages_by_the_last_subject_returned_until_the_bookmark_is_empty() {
            List<String> all = List.of(ALICE, BOB, CAROL, pseudonym("dave"), pseudonym("erin")).stream()
                    .sorted()
                    .toList();
            all.forEach(subject -> ok(grant(stewardA, subject)));

            List<Object> seen = new ArrayList<>();
            List<Object> bookmarks = new ArrayList<>();
            String bookmark = "";
            do {
                Map<String, Object> answer = ok(ledger.evaluate(
                                stewardA, "consent:Subjects", "xrays", "TRAINING", "2", bookmark))
                        .json();
                seen.addAll(page(answer));
                bookmark = (String) answer.get("bookmark");
                bookmarks.add(bookmark);
            } while (!bookmark.isEmpty());

            assertThat(seen).containsExactlyElementsOf(all);
            assertThat(bookmarks).containsExactly(all.get(1), all.get(3), "");
        }

        @Test
        void refuses_a_page_size_outside_1_to_10000_and_a_bookmark_that_is_not_a_reference() {
            refused(
                    ledger.evaluate(stewardA, "consent:Subjects", "xrays", "TRAINING", "0", ""),
                    "INVALID_ARGUMENT",
                    "pageSize must be from 1 to 10000, not 0");
            refused(
                    ledger.evaluate(stewardA, "consent:Subjects", "xrays", "TRAINING", "10001", ""),
                    "INVALID_ARGUMENT",
                    "pageSize must be from 1 to 10000");
            refused(
                    ledger.evaluate(stewardA, "consent:Subjects", "xrays", "TRAINING", "ten", ""),
                    "INVALID_ARGUMENT",
                    "pageSize must be a whole number");
            refused(
                    ledger.evaluate(stewardA, "consent:Subjects", "xrays", "TRAINING", "10", "patient-1"),
                    "INVALID_ARGUMENT",
                    "bookmark is not one that a previous page of consent:Subjects returned");
        }

        @Test
        void refuses_another_organisation() {
            refused(
                    ledger.evaluate(stewardB, "consent:Subjects", "xrays", "TRAINING", "10", ""),
                    "PERMISSION_DENIED",
                    "only HospitalAMSP may list consenting subjects of xrays");
        }
    }

    /** What a submitted transaction returns is kept in the block: the private queries refuse to be submitted. */
    @Nested
    class Queries_of_private_consent {
        @BeforeEach
        void grantAndAttest() {
            ok(grant(stewardA, ALICE));
            ok(attest(List.of(ALICE)));
        }

        @Test
        void refuse_a_proposal_without_the_evaluate_marker_and_write_nothing() {
            refused(
                    ledger.submit(stewardA, consent("subject", ALICE), "consent:Check", "xrays", "TRAINING"),
                    "FAILED_PRECONDITION",
                    "consent:Check answers from private consent and is only evaluated, never submitted");
            refused(
                    ledger.submit(stewardA, "consent:Subjects", "xrays", "TRAINING", "10", ""),
                    "FAILED_PRECONDITION",
                    "consent:Subjects answers from private consent");
            refused(
                    ledger.submit(stewardA, consent("subject", ALICE), "consent:Prove", "xrays", "TRAINING"),
                    "FAILED_PRECONDITION",
                    "transient entry 'evaluate'");
        }

        @Test
        void answer_the_same_proposal_with_the_marker() {
            Map<String, byte[]> marked = new HashMap<>(consent("subject", ALICE));
            marked.put("evaluate", new byte[0]);

            assertThat(ok(ledger.submit(stewardA, marked, "consent:Check", "xrays", "TRAINING"))
                            .json())
                    .containsEntry("consented", true);
        }

        @Test
        void an_attestation_publishes_the_day_of_its_earliest_expiry_not_the_subjects_exact_expiry() {
            String exact = "2026-09-17T13:45:12.123456789Z";
            ok(ledger.submit(stewardA, grantOf(BOB, List.of("TRAINING"), exact), "consent:Grant"));

            Result attested = ok(attest(List.of(ALICE, BOB)));

            assertThat(attested.json()).containsEntry("validUntil", "2026-09-17T00:00:00Z");
            assertThat(attested.payload()).doesNotContain("13:45:12");
            attested.writeSet().puts().values().forEach(value -> assertThat(new String(value, StandardCharsets.UTF_8))
                    .doesNotContain("13:45:12"));
        }

        @Test
        void grant_and_revoke_return_no_purposes_and_no_expiry() {
            Result renewed = ok(ledger.submit(
                    stewardA, grantOf(ALICE, List.of("EVALUATION"), "2030-01-01T00:00:00Z"), "consent:Grant"));
            Result revoked = ok(ledger.submit(
                    stewardA, consent("subject", ALICE, "dataset", "xrays", "reason", "withdrawn"), "consent:Revoke"));

            for (Result result : List.of(renewed, revoked)) {
                assertThat(result.json().keySet())
                        .containsAll(List.of("collection", "dataset", "status", "txId"))
                        .isSubsetOf("collection", "dataset", "staleAttestations", "status", "txId");
                assertThat(result.payload()).doesNotContain("2030-01-01", "EVALUATION", FAR_FUTURE, ALICE);
            }
            assertThat(renewed.json().get("staleAttestations").toString()).contains("TRAINING");
        }
    }

    @Nested
    class Attest {
        @BeforeEach
        void grantThree() {
            ok(grant(stewardA, ALICE));
            ok(grant(stewardA, BOB));
            ok(grant(stewardA, CAROL));
        }

        @Test
        void refuses_more_subjects_than_one_transaction_may_check() {
            List<String> tooMany = new ArrayList<>(ConsentService.MAX_SUBJECTS + 1);
            for (int i = 0; i <= ConsentService.MAX_SUBJECTS; i++) {
                tooMany.add(String.format("%064x", i));
            }

            Result result = attest(tooMany);

            refused(
                    result,
                    "INVALID_ARGUMENT",
                    "an attestation counts at most " + ConsentService.MAX_SUBJECTS + " subjects");
        }

        @Test
        void publishes_the_count_and_the_merkle_root_of_the_sorted_subjects() {
            List<String> subjects = List.of(CAROL, ALICE, BOB);

            Result result = ok(attest(subjects));

            assertThat(result.json())
                    .containsEntry("dataset", "xrays")
                    .containsEntry("purpose", "TRAINING")
                    .containsEntry("owner", HOSPITAL_A)
                    .containsEntry("count", 3L)
                    .containsEntry("root", expectedRoot(subjects).toString())
                    .containsEntry("validUntil", FAR_FUTURE)
                    .containsEntry("version", 1L)
                    .containsEntry("status", "ACTIVE");
            assertThat(result.writeSet().puts()).containsKey(attestationKey());
            for (String subject : subjects) {
                assertNoPublicTraceOf(result, subject);
            }
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentAttested");
            assertThat(ok(ledger.evaluate(auditor, "consent:GetAttestation", "xrays", "TRAINING"))
                            .json())
                    .containsEntry("root", expectedRoot(subjects).toString());
        }

        @Test
        void puts_the_attestation_key_under_an_endorsement_policy_of_the_owner_alone() {
            Result result = ok(attest(List.of(ALICE)));

            // Set when the dataset was registered (majority-endorsed): the attestation, endorsed by the owner's peer
            // alone, may only update a key whose policy already names the owner.
            byte[] policy = ledger.state().validationParameter(attestationKey());
            assertThat(policy).isNotNull();
            assertThat(result.writeSet().validationParameters()).doesNotContainKey(attestationKey());
            StateBasedEndorsement sbe =
                    StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(policy);
            assertThat(sbe.listOrgs()).containsExactly(HOSPITAL_A);
        }

        @Test
        void versions_a_second_attestation() {
            ok(attest(List.of(ALICE)));

            Result second = ok(attest(List.of(ALICE, BOB)));

            assertThat(second.json()).containsEntry("version", 2L).containsEntry("count", 2L);
            assertThat(second.writeSet().validationParameters()).doesNotContainKey(attestationKey());
            assertThat(ok(ledger.evaluate(auditor, "consent:GetAttestation", "xrays", "TRAINING"))
                            .json())
                    .containsEntry("version", 2L);
        }

        @Test
        void refuses_a_subject_without_a_covering_consent() {
            ok(ledger.submit(stewardA, consent("subject", BOB, "dataset", "xrays"), "consent:Revoke"));

            refused(attest(List.of(ALICE, BOB)), "FAILED_PRECONDITION", "does not cover TRAINING now (status REVOKED");
        }

        @Test
        void refuses_a_subject_whose_consent_names_other_purposes() {
            String dave = pseudonym("dave");
            ok(ledger.submit(stewardA, grantOf(dave, List.of("EVALUATION"), FAR_FUTURE), "consent:Grant"));

            refused(attest(List.of(ALICE, dave)), "FAILED_PRECONDITION", "does not cover TRAINING");
        }

        @Test
        void refuses_a_subject_without_any_consent() {
            refused(attest(List.of(ALICE, pseudonym("nobody"))), "NOT_FOUND", "no consent of that subject");
        }

        @Test
        void counts_a_thousand_subjects_whose_list_exceeds_the_size_of_an_ordinary_argument() {
            List<String> many = new ArrayList<>(List.of(ALICE, BOB, CAROL));
            for (int i = 0; many.size() < 1000; i++) {
                String subject = pseudonym("subject " + i);
                ok(grant(stewardA, subject));
                many.add(subject);
            }

            Result result = ok(attest(many));

            assertThat(result.json())
                    .containsEntry("count", 1000L)
                    .containsEntry("root", expectedRoot(many).toString());
        }

        @Test
        void refuses_a_subject_list_with_a_misspelt_field_instead_of_attesting_nobody() {
            refused(
                    ledger.submit(
                            stewardA,
                            transientOf("subjects", Json.of(Json.object("subject", List.of(ALICE)))),
                            "consent:Attest",
                            "xrays",
                            "TRAINING"),
                    "INVALID_ARGUMENT",
                    "unknown field 'subject'");
        }

        @Test
        void refuses_a_subject_list_without_the_subjects_field() {
            refused(
                    ledger.submit(stewardA, transientOf("subjects", "{}"), "consent:Attest", "xrays", "TRAINING"),
                    "INVALID_ARGUMENT",
                    "transient subjects.subjects is required");
        }

        @Test
        void attests_an_explicitly_empty_list_as_a_count_of_zero() {
            assertThat(ok(attest(List.of())).json())
                    .containsEntry("count", 0L)
                    .containsEntry("root", Digest.sha256(new byte[0]).toString());
        }

        @Test
        void refuses_a_subject_listed_twice() {
            refused(attest(List.of(ALICE, ALICE)), "INVALID_ARGUMENT", "names one subject twice");
        }

        @Test
        void refuses_a_steward_of_another_organisation() {
            refused(
                    ledger.submit(stewardB, subjectsOf(List.of(ALICE)), "consent:Attest", "xrays", "TRAINING"),
                    "PERMISSION_DENIED",
                    "only HospitalAMSP may attest consent for xrays");
        }
    }

    @Nested
    class ProveAndVerify {
        private final List<String> subjects = List.of(ALICE, BOB, CAROL);

        @BeforeEach
        void attestThree() {
            subjects.forEach(s -> ok(grant(stewardA, s)));
            ok(attest(subjects));
        }

        private Map<String, Object> prove(String subject) {
            return ok(ledger.evaluate(stewardA, consent("subject", subject), "consent:Prove", "xrays", "TRAINING"))
                    .json();
        }

        private Result verify(Map<String, Object> proof) {
            String proofJson = Json.of(Json.object(
                    "leafIndex", proof.get("leafIndex"), "treeSize", proof.get("treeSize"), "path", proof.get("path")));
            return ledger.evaluate(
                    auditor,
                    "consent:VerifyInclusion",
                    "xrays",
                    "TRAINING",
                    (String) proof.get("leafDigest"),
                    proofJson);
        }

        @Test
        void accepts_the_proof_of_every_counted_subject() {
            for (String subject : subjects) {
                Map<String, Object> proof = prove(subject);
                assertThat(proof)
                        .containsEntry("root", expectedRoot(subjects).toString())
                        .containsEntry("treeSize", 3L);

                assertThat(ok(verify(proof)).json())
                        .containsEntry("included", true)
                        .doesNotContainKey("reason");
            }
        }

        @Test
        void rejects_a_tampered_proof_with_a_reason() {
            Map<String, Object> proof = new java.util.LinkedHashMap<>(prove(BOB));
            proof.put(
                    "leafDigest",
                    Merkle.leafHash(HexFormat.of().parseHex(pseudonym("mallory")))
                            .toString());

            assertThat(ok(verify(proof)).json())
                    .containsEntry("included", false)
                    .containsEntry("reason", "the proof does not lead from the leaf to the attested root");
        }

        @Test
        void rejects_a_proof_for_another_tree_size() {
            Map<String, Object> proof = new java.util.LinkedHashMap<>(prove(BOB));
            proof.put("treeSize", 4L);

            assertThat(ok(verify(proof)).json())
                    .containsEntry("included", false)
                    .containsEntry("reason", "the proof is for 4 subjects; the attestation counts 3");
        }

        @Test
        void refuses_to_prove_a_subject_not_counted() {
            String dave = pseudonym("dave");
            ok(grant(stewardA, dave));

            refused(
                    ledger.evaluate(stewardA, consent("subject", dave), "consent:Prove", "xrays", "TRAINING"),
                    "NOT_FOUND",
                    "the subject is not counted in version 1");
        }

        @Test
        void rejects_every_proof_once_the_attestation_is_revoked() {
            Map<String, Object> proof = prove(ALICE);

            Result revoked = ok(
                    ledger.submit(stewardA, "consent:RevokeAttestation", "xrays", "TRAINING", "forms found unsigned"));

            assertThat(revoked.json())
                    .containsEntry("status", "REVOKED")
                    .containsEntry("reason", "forms found unsigned")
                    .containsEntry("version", 1L);
            assertThat(ok(verify(proof)).json())
                    .containsEntry("included", false)
                    .containsEntry("reason", "the attestation was revoked");
            refused(
                    ledger.submit(stewardA, "consent:RevokeAttestation", "xrays", "TRAINING", "again"),
                    "FAILED_PRECONDITION",
                    "already revoked");
        }
    }

    @Nested
    class Erase {
        @BeforeEach
        void grantAndAttest() {
            ok(grant(stewardA, ALICE));
            ok(grant(stewardA, BOB));
            ok(attest(List.of(ALICE, BOB)));
        }

        private Result erase(String subject) {
            return ledger.submit(
                    stewardA, consent("subject", subject, "dataset", "xrays", "reason", "art. 17"), "consent:Erase");
        }

        @Test
        void purges_the_private_record_and_publishes_a_receipt_of_its_hashes() {
            byte[] valueHash = ledger.state().getPrivateHash(COLLECTION, consentKey(ALICE));

            Result result = ok(erase(ALICE));

            assertThat(result.writeSet().purges(COLLECTION))
                    .containsExactlyInAnyOrder(
                            consentKey(ALICE), new CompositeKey("attestedsubjects", "xrays", "TRAINING").toString());
            assertThat(result.writeSet().privatePuts(COLLECTION)).isEmpty();
            Map<String, Object> receipt = result.json();
            assertThat(receipt)
                    .containsEntry("id", "erasure:xrays:" + result.txId())
                    .containsEntry("dataset", "xrays")
                    .containsEntry("collection", COLLECTION)
                    .containsEntry(
                            "keyHash",
                            Digest.sha256(consentKey(ALICE).getBytes(StandardCharsets.UTF_8))
                                    .hex())
                    .containsEntry("valueHash", HexFormat.of().formatHex(valueHash))
                    .containsEntry("attestations", List.of("TRAINING:1"))
                    .containsEntry("reason", "art. 17")
                    .containsEntry("erasedByOrg", HOSPITAL_A);
            assertThat(result.writeSet().puts()).containsKey(new CompositeKey("erasurelog", "xrays").toString());
            assertNoPublicTraceOf(result, ALICE);
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("ConsentAttestationStale");
            assertThat(ok(ledger.evaluate(auditor, "consent:GetErasure", "erasure:xrays:" + result.txId()))
                            .json())
                    .containsEntry("valueHash", HexFormat.of().formatHex(valueHash));
        }

        @Test
        void leaves_nothing_a_later_check_finds() {
            ok(erase(ALICE));

            assertThat(ledger.state().getPrivate(COLLECTION, consentKey(ALICE))).isNull();
            assertThat(ledger.state().getPrivateHash(COLLECTION, consentKey(ALICE)))
                    .isNull();
            assertThat(ok(check(ALICE, "TRAINING")).json())
                    .containsEntry("consented", false)
                    .containsEntry("status", "NONE");
            assertThat(ok(check(BOB, "TRAINING")).json()).containsEntry("consented", true);
        }

        @Test
        void refuses_a_subject_without_consent() {
            refused(erase(CAROL), "NOT_FOUND", "no consent of that subject for xrays");
        }
    }

    /** No public key, value, validation parameter or event names the subject. */
    private static void assertNoPublicTraceOf(Result result, String subject) {
        result.writeSet().puts().forEach((key, value) -> {
            assertThat(key).doesNotContain(subject);
            assertThat(new String(value, StandardCharsets.UTF_8)).doesNotContain(subject);
        });
        assertThat(result.writeSet().deletes()).noneMatch(k -> k.contains(subject));
        assertThat(result.writeSet().validationParameters().keySet()).noneMatch(k -> k.contains(subject));
        result.writeSet().event().ifPresent(e -> assertThat(e.getPayload().toStringUtf8())
                .doesNotContain(subject));
        assertThat(result.payload()).doesNotContain(subject);
    }
}
