package org.prooftrail.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.AccessRecord;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.ConsentRecord;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentState;
import org.prooftrail.chaincode.record.ErasureLog;
import org.prooftrail.chaincode.record.TrainingRun;
import org.prooftrail.chaincode.record.VerificationRecord;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Records exactly as release 0.1.0 (commit 41fcc83, record format 1) stored them, and how today's code reads them: the
 * values of {@link Release010Records}, copied from a home 41fcc83's own command line wrote, and short synthetic ones
 * printed by that release's own {@code LedgerCodec.encode}.
 *
 * <p>Format 2 only added fields, absent when empty, so every old record reads, its new fields read as absent, and
 * encoding it again gives the very same bytes; storing it again adds only the format field. The one rule that reads
 * an old record differently is the attestation's: a format-1 ACTIVE attestation reads as STALE ({@link
 * RecordFormats#UNKNOWN_FRESHNESS}).
 */
class PreviousReleaseRecordsTest {
    private static final String D = "sha256:" + "ab".repeat(32);

    private static final String ARTIFACT = "{\"digest\":\"" + D + "\",\"id\":\"ds1\",\"kind\":\"DATASET\",\"merkle\":"
            + "{\"leaves\":3,\"root\":\"" + D + "\"},\"metadata\":{\"k\":\"v\"},\"owner\":\"HospitalAMSP\","
            + "\"parents\":[\"p1\"],\"registeredAt\":\"2026-03-01T09:00:00Z\",\"registeredBy\":\"x509::CN=curator\","
            + "\"requiresConsent\":true,\"size\":42,\"txId\":\"tx1\",\"uri\":\"s3://b/ds1\"}";
    private static final String ATTESTATION = "{\"attestedAt\":\"2026-03-01T09:00:00Z\",\"attestedBy\":"
            + "\"x509::CN=steward\",\"count\":3,\"dataset\":\"ds1\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\","
            + "\"root\":\"" + D + "\",\"status\":\"ACTIVE\",\"txId\":\"tx2\",\"validUntil\":\"2027-03-01T09:00:00Z\","
            + "\"version\":1}";
    private static final String RUN = "{\"code\":\"code1\",\"config\":\"cfg1\",\"environment\":{\"gpu\":\"a100\"},"
            + "\"id\":\"run1\",\"inputs\":[{\"consentVersion\":1,\"digest\":\"" + D + "\",\"id\":\"ds1\"}],"
            + "\"outputs\":[\"m1\"],\"parameters\":{\"epochs\":\"3\"},\"recordedAt\":\"2026-03-01T09:00:00Z\","
            + "\"recordedBy\":\"x509::CN=trainer\",\"trainer\":\"ResearchMSP\",\"txId\":\"tx3\"}";
    private static final String DEPLOYMENT = "{\"endpoint\":\"https://e\",\"environment\":\"production\",\"id\":"
            + "\"prod\",\"model\":\"m1\",\"modelDigest\":\"" + D + "\",\"owner\":\"ResearchMSP\",\"recordedAt\":"
            + "\"2026-03-01T09:00:00Z\",\"recordedBy\":\"x509::CN=deployer\",\"txId\":\"tx4\"}";
    private static final String GRANT = "{\"artifact\":\"ds1\",\"changedAt\":\"2026-03-01T09:00:00Z\",\"changedBy\":"
            + "\"x509::CN=curator\",\"expiresAt\":\"2027-03-01T09:00:00Z\",\"grantee\":\"ResearchMSP\",\"owner\":"
            + "\"HospitalAMSP\",\"purposes\":[\"TRAINING\"],\"role\":\"*\",\"status\":\"ACTIVE\",\"txId\":\"tx5\"}";

    static Stream<Arguments> everyRecordOfRelease010() {
        return Stream.of(
                Arguments.of("artifact (dataset)", Release010Records.ARTIFACT_DATASET, Artifact.class),
                Arguments.of("artifact (code)", Release010Records.ARTIFACT_CODE, Artifact.class),
                Arguments.of("artifact (synthetic, with parents)", ARTIFACT, Artifact.class),
                Arguments.of("artifact state (active)", Release010Records.ARTIFACT_STATE_ACTIVE, ArtifactState.class),
                Arguments.of("artifact state (revoked)", Release010Records.ARTIFACT_STATE_REVOKED, ArtifactState.class),
                Arguments.of("verification", Release010Records.VERIFICATION, VerificationRecord.class),
                Arguments.of("attestation (none yet)", Release010Records.ATTESTATION_NONE, ConsentAttestation.class),
                Arguments.of("consent record", Release010Records.CONSENT, ConsentRecord.class),
                Arguments.of("erasure log (empty)", Release010Records.ERASURE_LOG_EMPTY, ErasureLog.class),
                Arguments.of("erasure log (a receipt)", Release010Records.ERASURE_LOG, ErasureLog.class),
                Arguments.of("grant (active)", Release010Records.GRANT_ACTIVE, AccessGrant.class),
                Arguments.of("grant (revoked)", Release010Records.GRANT_REVOKED, AccessGrant.class),
                Arguments.of("grant (synthetic)", GRANT, AccessGrant.class),
                Arguments.of("access log entry (denied)", Release010Records.ACCESS_DENIED, AccessRecord.class),
                Arguments.of("access log entry (allowed)", Release010Records.ACCESS_ALLOWED, AccessRecord.class),
                Arguments.of("run", Release010Records.RUN, TrainingRun.class),
                Arguments.of("run (synthetic, with code and config)", RUN, TrainingRun.class),
                Arguments.of("deployment", Release010Records.DEPLOYMENT, Deployment.class),
                Arguments.of("deployment (synthetic)", DEPLOYMENT, Deployment.class),
                Arguments.of("deployment state", Release010Records.DEPLOYMENT_STATE, DeploymentState.class));
    }

    private static <T> T decode(String stored, Class<T> type) {
        return LedgerCodec.decode(stored.getBytes(UTF_8), type);
    }

    private static String encode(Object record) {
        return new String(LedgerCodec.encode(record), UTF_8);
    }

    private static String store(Object record) {
        return new String(LedgerCodec.store(record), UTF_8);
    }

    @Nested
    class Every_record_type_of_release_0_1_0 {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.prooftrail.chaincode.ledger.PreviousReleaseRecordsTest#everyRecordOfRelease010")
        void reads_as_format_1_and_encodes_to_the_very_same_bytes(String name, String old, Class<?> type) {
            assertThat(LedgerCodec.formatOf(old.getBytes(UTF_8))).isEqualTo(1);
            assertThat(encode(decode(old, type))).isEqualTo(old);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.prooftrail.chaincode.ledger.PreviousReleaseRecordsTest#everyRecordOfRelease010")
        void stored_again_it_gains_only_the_format_field(String name, String old, Class<?> type) {
            String stored = store(decode(old, type));

            assertThat(LedgerCodec.formatOf(stored.getBytes(UTF_8))).isEqualTo(RecordFormats.CURRENT);
            assertThat(withoutFormat(stored)).isEqualTo(old);
            assertThat(encode(decode(stored, type))).isEqualTo(old);
        }
    }

    /** The stored bytes without the top-level format field: every fixture's own keys sort around it. */
    private static String withoutFormat(String stored) {
        String field = "\"" + RecordFormats.FIELD + "\":" + RecordFormats.CURRENT;
        return stored.contains(field + ",")
                ? stored.replaceFirst(field + ",", "")
                : stored.replaceFirst("," + field, "");
    }

    @Nested
    class Artifacts {
        @Test
        void a_dataset_reads_with_its_merkle_root_and_consent_and_without_inherited_consent() {
            Artifact artifact = decode(Release010Records.ARTIFACT_DATASET, Artifact.class);
            assertThat(artifact.getRequiresConsent()).isTrue();
            assertThat(artifact.getMerkle().getLeaves()).isEqualTo(8);
            assertThat(artifact.getConsentFrom()).isNullOrEmpty();
            assertThat(artifact.getParents()).isEmpty();
        }

        @Test
        void a_synthetic_record_reads_with_its_parent() {
            assertThat(decode(ARTIFACT, Artifact.class).getParents()).containsExactly("p1");
        }

        @Test
        void a_status_change_reads_with_its_reason() {
            ArtifactState state = decode(Release010Records.ARTIFACT_STATE_REVOKED, ArtifactState.class);
            assertThat(state.getStatus()).isEqualTo("REVOKED");
            assertThat(state.getReason()).isEqualTo("file altered after registration");
        }

        @Test
        void a_verification_reads_as_a_match() {
            VerificationRecord verification = decode(Release010Records.VERIFICATION, VerificationRecord.class);
            assertThat(verification.getMatch()).isTrue();
            assertThat(verification.getPurpose()).isEqualTo("TRAINING");
        }
    }

    @Nested
    class Consent {
        @Test
        void an_active_attestation_reads_as_stale_of_unknown_freshness() {
            ConsentAttestation attestation = decode(Release010Records.ATTESTATION_ACTIVE, ConsentAttestation.class);

            assertThat(attestation.getStatus()).isEqualTo("STALE");
            assertThat(attestation.markedStale()).isTrue();
            assertThat(attestation.getStaleReason()).isEqualTo(RecordFormats.UNKNOWN_FRESHNESS);
            assertThat(attestation.getStaleTxId()).isNull();
            assertThat(attestation.getStaleAt()).isNull();
            assertThat(attestation.getVersion()).isEqualTo(1L);
            assertThat(attestation.getCount()).isEqualTo(3L);
        }

        @Test
        void the_synthetic_active_attestation_reads_as_stale_too() {
            assertThat(decode(ATTESTATION, ConsentAttestation.class).getStatus())
                    .isEqualTo("STALE");
        }

        @Test
        void an_active_attestation_stored_again_is_stored_stale_so_the_rule_does_not_depend_on_the_format_field() {
            String stored = store(decode(Release010Records.ATTESTATION_ACTIVE, ConsentAttestation.class));

            assertThat(stored).contains("\"status\":\"STALE\"", "\"v\":2");
            assertThat(decode(stored, ConsentAttestation.class).getStaleReason())
                    .isEqualTo(RecordFormats.UNKNOWN_FRESHNESS);
        }

        @Test
        void an_attestation_that_was_never_made_reads_as_none() {
            assertThat(decode(Release010Records.ATTESTATION_NONE, ConsentAttestation.class)
                            .getStatus())
                    .isEqualTo("NONE");
        }

        @Test
        void the_attested_subject_list_reads_bare_and_is_stored_in_an_envelope() {
            @SuppressWarnings("unchecked")
            List<String> subjects = decode(Release010Records.ATTESTED_SUBJECTS, List.class);
            assertThat(subjects).hasSize(3);
            String stored = store(subjects);

            assertThat(stored).isEqualTo("{\"items\":" + Release010Records.ATTESTED_SUBJECTS + ",\"v\":2}");
            Object again = decode(stored, List.class);
            assertThat(again).isEqualTo(subjects);
        }

        @Test
        void a_consent_record_reads_with_its_purposes() {
            ConsentRecord consent = decode(Release010Records.CONSENT, ConsentRecord.class);
            assertThat(consent.getStatus()).isEqualTo("GRANTED");
            assertThat(consent.getPurposes()).containsExactly("EVALUATION", "TRAINING");
        }

        @Test
        void an_erasure_log_reads_with_its_last_receipt() {
            ErasureLog log = decode(Release010Records.ERASURE_LOG, ErasureLog.class);
            assertThat(log.getCount()).isEqualTo(1L);
            assertThat(log.getLast().getAttestations()).containsExactly("TRAINING:1");
        }
    }

    @Nested
    class Access_and_lineage {
        @Test
        void a_grant_of_the_per_grant_keys_still_decodes_for_the_upgrade() {
            AccessGrant grant = decode(Release010Records.GRANT_REVOKED, AccessGrant.class);
            assertThat(grant.getGrantee()).isEqualTo("HospitalBMSP");
            assertThat(grant.getRole()).isEqualTo("auditor");
            assertThat(grant.getStatus()).isEqualTo("REVOKED");
        }

        @Test
        void a_grant_list_stored_today_is_an_envelope_of_grants() {
            AccessGrant grant = decode(Release010Records.GRANT_ACTIVE, AccessGrant.class);
            String stored = store(List.of(grant));

            assertThat(stored).isEqualTo("{\"items\":[" + Release010Records.GRANT_ACTIVE + "],\"v\":2}");
            assertThat(encode(List.of(decode(stored, AccessGrant[].class))))
                    .isEqualTo("[" + Release010Records.GRANT_ACTIVE + "]");
        }

        @Test
        void a_denied_access_reads_with_its_reason() {
            AccessRecord record = decode(Release010Records.ACCESS_DENIED, AccessRecord.class);
            assertThat(record.getDecision()).isEqualTo("DENIED");
            assertThat(record.getReason()).contains("holds no active TRAINING grant");
        }

        @Test
        void a_run_reads_with_its_consent_version_on_the_input_only() {
            TrainingRun run = decode(Release010Records.RUN, TrainingRun.class);
            assertThat(run.getInputs().get(0).getConsentVersion()).isEqualTo(1L);
            assertThat(run.consentsRelied()).isEmpty();
        }

        @Test
        void a_deployment_reads_without_a_compliance_verdict() {
            Deployment deployment = decode(Release010Records.DEPLOYMENT, Deployment.class);
            assertThat(deployment.getCompliance()).isNull();
            assertThat(deployment.getAcceptedRisk()).isNull();
            assertThat(decode(Release010Records.DEPLOYMENT_STATE, DeploymentState.class)
                            .getStatus())
                    .isEqualTo("ACTIVE");
        }
    }

    @Nested
    class A_record_of_a_newer_format {
        @ParameterizedTest(name = "{0}")
        @MethodSource("org.prooftrail.chaincode.ledger.PreviousReleaseRecordsTest#everyRecordOfRelease010")
        void is_refused_as_written_by_a_newer_chaincode_never_as_unreadable(String name, String old, Class<?> type) {
            String newer = old.substring(0, old.length() - 1) + ",\"v\":3}";

            assertThatThrownBy(() -> decode(newer, type))
                    .isInstanceOfSatisfying(ProofTrailException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.FAILED_PRECONDITION))
                    .hasMessageStartingWith("FAILED_PRECONDITION: record written by a newer chaincode: a stored "
                            + type.getSimpleName() + " has record format 3 and this chaincode reads formats 1 to 2");
        }

        @Test
        void is_refused_before_its_body_is_bound_even_when_its_shape_changed() {
            String reshaped = "{\"id\":{\"scheme\":\"urn\",\"value\":42},\"owner\":[\"A\",\"B\"],\"v\":7}";

            assertThatThrownBy(() -> decode(reshaped, Artifact.class))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessageContaining("record written by a newer chaincode")
                    .hasMessageContaining("format 7");
            assertThatThrownBy(() -> decode("{\"items\":{\"x\":1},\"v\":3}", AccessGrant[].class))
                    .hasMessageContaining("record written by a newer chaincode");
        }

        @Test
        void a_format_field_that_is_not_a_whole_positive_number_is_corruption() {
            assertThatThrownBy(() -> decode("{\"v\":\"2\"}", ArtifactState.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unreadable record format");
            assertThatThrownBy(() -> decode("{\"v\":0}", ArtifactState.class))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> decode("{\"v\":2.5}", ArtifactState.class))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Storing {
        @Test
        void refuses_a_record_that_has_a_field_named_like_the_format() {
            assertThatThrownBy(() -> LedgerCodec.store(java.util.Map.of("v", 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("field named v");
        }

        @Test
        void stores_a_map_with_the_current_format() {
            assertThat(store(java.util.Map.of("id", "a", "txId", "t")))
                    .isEqualTo("{\"id\":\"a\",\"txId\":\"t\",\"v\":2}");
        }
    }
}
