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
import org.prooftrail.chaincode.access.AccessGrant;
import org.prooftrail.chaincode.access.AccessRecord;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.artifact.ArtifactState;
import org.prooftrail.chaincode.artifact.VerificationRecord;
import org.prooftrail.chaincode.consent.ConsentAttestation;
import org.prooftrail.chaincode.consent.ConsentRecord;
import org.prooftrail.chaincode.consent.ErasureLog;
import org.prooftrail.chaincode.lineage.Deployment;
import org.prooftrail.chaincode.lineage.DeploymentState;
import org.prooftrail.chaincode.lineage.TrainingRun;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Records exactly as release 0.1.0 (commit 41fcc83, record format 1) stored them, and how today's code reads them.
 * The {@code REAL_*} fixtures are values copied byte for byte from the write sets of a home that 41fcc83's own command
 * line wrote ({@code prooftrail demo}, then a code artifact registered, verified with {@code --record}, granted to two
 * organisations, one grant revoked, the artifact deprecated): the home itself is
 * {@code gateway-client/src/test/resources/previous-release/0.1.0-home} (docs/upgrading.md says how it was made). The
 * short synthetic ones were printed by that release's own {@code LedgerCodec.encode}.
 *
 * <p>Format 2 only added fields, absent when empty, so every old record reads, its new fields read as absent, and
 * encoding it again gives the very same bytes; storing it again adds only the format field. The one rule that reads
 * an old record differently is the attestation's: a format-1 ACTIVE attestation reads as STALE ({@link
 * RecordFormats#UNKNOWN_FRESHNESS}).
 */
class PreviousReleaseRecordsTest {
    /** {@code artifact/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    static final String REAL_ARTIFACT_DATASET =
            "{\"digest\":\"sha256:75763b3a079b152a5d6798cf2fb40dbec73ecff7f5b0a5a0201f8e3276df10b4\",\"id\":"
                    + "\"chest-xray-v3\",\"kind\":\"DATASET\",\"merkle\":{\"leaves\":8,\"root\":\"sha256:4dc32ff5cb1334d"
                    + "802e30f4c4cb61c1e6a74f3a5ca237d5b157c97bdbeeced78\"},\"metadata\":{\"modality\":\"x-ray\"},\"own"
                    + "er\":\"HospitalAMSP\",\"parents\":[],\"registeredAt\":\"2026-11-30T08:44:12.095975252Z\",\"regis"
                    + "teredBy\":\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::CN=ca.hospitala.p"
                    + "rooftrail.local, O=hospitala.prooftrail.local\",\"requiresConsent\":true,\"txId\":\"78cfe5c2515a"
                    + "dcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\",\"uri\":\"file:/tmp/r14-v010.MmMt/demo/ch"
                    + "est-xray-v3\"}";

    /** {@code artifact/train-code-v1} as 0.1.0 wrote it (record 14 of the fixture home). */
    static final String REAL_ARTIFACT_CODE =
            "{\"digest\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"id\":"
                    + "\"train-code-v1\",\"kind\":\"CODE\",\"metadata\":{\"lang\":\"python\"},\"owner\":\"LocalOrgMSP\","
                    + "\"parents\":[],\"registeredAt\":\"2026-11-30T08:44:24.737926582Z\",\"registeredBy\":\"x509::CN=l"
                    + "ocal-user, OU=client, O=localorg.prooftrail.local::CN=ca.localorg.prooftrail.local, O=localorg.p"
                    + "rooftrail.local\",\"size\":15,\"txId\":\"8e6a9c213aa3eed826948e07b762fe50f937b4fb1368720a71f093d"
                    + "8c00bb016\"}";

    /** {@code artifactstate/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    static final String REAL_ARTIFACT_STATE_ACTIVE =
            "{\"changedAt\":\"2026-11-30T08:44:12.095975252Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"changedByOrg\":\"HospitalAMSP\",\"id\":\"chest-xray-v3\",\"reason\":\"\",\"status\":\"AC"
                    + "TIVE\",\"txId\":\"78cfe5c2515adcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\"}";

    /** {@code artifactstate/chest-xray-v3} as 0.1.0 wrote it (record 13 of the fixture home). */
    static final String REAL_ARTIFACT_STATE_REVOKED =
            "{\"changedAt\":\"2026-11-30T08:44:18.607646050Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"changedByOrg\":\"HospitalAMSP\",\"id\":\"chest-xray-v3\",\"reason\":\"file altered after"
                    + " registration\",\"status\":\"REVOKED\",\"txId\":\"31394f4f9a2f2de7e4e1755f2a537f5a8d4e56875fbd64"
                    + "7d7763e19ad38e3aad\"}";

    /** {@code verification/train-code-v1/bfcaa45237362d1807a94d306ed174c91e18f925f13c24cece119fc7bbd9a64e} as 0.1.0 wrote it (record 15 of the fixture home). */
    static final String REAL_VERIFICATION =
            "{\"digestSeen\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"ex"
                    + "pected\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"id\":\"tr"
                    + "ain-code-v1\",\"match\":true,\"purpose\":\"TRAINING\",\"status\":\"ACTIVE\",\"txId\":\"bfcaa4523"
                    + "7362d1807a94d306ed174c91e18f925f13c24cece119fc7bbd9a64e\",\"verifiedAt\":\"2026-11-30T08:44:38.4"
                    + "84330805Z\",\"verifiedBy\":\"x509::CN=local-user, OU=client, O=localorg.prooftrail.local::CN=ca."
                    + "localorg.prooftrail.local, O=localorg.prooftrail.local\",\"verifierOrg\":\"LocalOrgMSP\"}";

    /** {@code consentattestation/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 1 of the fixture home). */
    static final String REAL_ATTESTATION_NONE =
            "{\"attestedAt\":\"2026-11-30T08:44:12.095975252Z\",\"attestedBy\":\"HospitalAMSP\",\"count\":0,"
                    + "\"dataset\":\"chest-xray-v3\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"root\":\"sha2"
                    + "56:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"status\":\"NONE\",\"txId"
                    + "\":\"78cfe5c2515adcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\",\"version\":0}";

    /** {@code consentattestation/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 8 of the fixture home). */
    static final String REAL_ATTESTATION_ACTIVE =
            "{\"attestedAt\":\"2026-11-30T08:44:18.407399142Z\",\"attestedBy\":\"x509::CN=curator-steward, OU"
                    + "=client, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail."
                    + "local\",\"count\":3,\"dataset\":\"chest-xray-v3\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAIN"
                    + "ING\",\"root\":\"sha256:5c1514a3684d7affa6f619e533f686e22a01ea167fd5567b48f793dd5efa8fea\",\"sta"
                    + "tus\":\"ACTIVE\",\"txId\":\"74b4229ae1683573e4b59332e09bb650cf458899d6ca2bfe0b001fc92c8ad21d\","
                    + "\"validUntil\":\"2028-11-29T08:44:18.360233365Z\",\"version\":1}";

    /** {@code attestedsubjects/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 8 of the fixture home). */
    static final String REAL_ATTESTED_SUBJECTS =
            "[\"0ea2da7e60ba23d9df9f7a93ed80b13bbc4eb94017f2acc2094489e30e13db6a\",\"1bfb0744fa15fa6057122c08"
                    + "fcff5b92c8a89298c2bc437b59915b9d41f4f8f3\",\"d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9"
                    + "647bc5da1294c\"]";

    /** {@code consent/chest-xray-v3/d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9647bc5da1294c} as 0.1.0 wrote it (record 5 of the fixture home). */
    static final String REAL_CONSENT =
            "{\"changedAt\":\"2026-11-30T08:44:18.362790168Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"dataset\":\"chest-xray-v3\",\"expiresAt\":\"2028-11-29T08:44:18.360233365Z\",\"formDiges"
                    + "t\":\"sha256:3773deba04c46dceea8d485779336a584ba8720bfd7c265f92997ccfa1fe827a\",\"grantedAt\":\""
                    + "2026-11-30T08:44:18.362790168Z\",\"purposes\":[\"EVALUATION\",\"TRAINING\"],\"status\":\"GRANTED"
                    + "\",\"subject\":\"d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9647bc5da1294c\",\"txId\":\"5"
                    + "ac3e91213ddee44fb829bbadd8dafa6e231b335872e6316d7f5e18bdb2a7486\"}";

    /** {@code erasurelog/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    static final String REAL_ERASURE_LOG_EMPTY = "{\"count\":0,\"dataset\":\"chest-xray-v3\"}";

    /** {@code erasurelog/chest-xray-v3} as 0.1.0 wrote it (record 12 of the fixture home). */
    static final String REAL_ERASURE_LOG =
            "{\"count\":1,\"dataset\":\"chest-xray-v3\",\"last\":{\"attestations\":[\"TRAINING:1\"],\"collect"
                    + "ion\":\"consent_HospitalAMSP\",\"dataset\":\"chest-xray-v3\",\"erasedAt\":\"2026-11-30T08:44:18."
                    + "519978186Z\",\"erasedBy\":\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::C"
                    + "N=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.local\",\"erasedByOrg\":\"HospitalAMSP\""
                    + ",\"id\":\"erasure:chest-xray-v3:c07a8e889270051cd25a34c56e5fd455f0157ead25be154ee1c9b7243572d31b"
                    + "\",\"keyHash\":\"82cd272947d62c6b47d178ffc3885440f66c9cfdfedcd2151c71c9175207a660\",\"reason\":"
                    + "\"erasure request under GDPR art. 17\",\"txId\":\"c07a8e889270051cd25a34c56e5fd455f0157ead25be154"
                    + "ee1c9b7243572d31b\",\"valueHash\":\"54ae384e9a0d146fe98861a4eaa5040794cd75c5f7be51609b280c4bbe91"
                    + "0f76\"}}";

    /** {@code accessgrant/chest-xray-v3/ResearchMSP/*} as 0.1.0 wrote it (record 4 of the fixture home). */
    static final String REAL_GRANT_ACTIVE =
            "{\"artifact\":\"chest-xray-v3\",\"changedAt\":\"2026-11-30T08:44:18.324585903Z\",\"changedBy\":"
                    + "\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.l"
                    + "ocal, O=hospitala.prooftrail.local\",\"expiresAt\":\"2027-11-30T08:44:18.323854670Z\",\"grantee"
                    + "\":\"ResearchMSP\",\"owner\":\"HospitalAMSP\",\"purposes\":[\"TRAINING\"],\"role\":\"*\",\"status"
                    + "\":\"ACTIVE\",\"txId\":\"b1e1f1c26fd149c6642bc3188f112b6d42b200c4468bdbe9988cdc1991212ac6\"}";

    /** {@code accessgrant/train-code-v1/HospitalBMSP/auditor} as 0.1.0 wrote it (record 18 of the fixture home). */
    static final String REAL_GRANT_REVOKED =
            "{\"artifact\":\"train-code-v1\",\"changedAt\":\"2026-11-30T08:44:52.153154441Z\",\"changedBy\":"
                    + "\"x509::CN=local-user, OU=client, O=localorg.prooftrail.local::CN=ca.localorg.prooftrail.local, O"
                    + "=localorg.prooftrail.local\",\"expiresAt\":\"2027-06-30T00:00:00Z\",\"grantee\":\"HospitalBMSP\""
                    + ",\"owner\":\"LocalOrgMSP\",\"purposes\":[\"READ\"],\"reason\":\"audit finished\",\"role\":\"audi"
                    + "tor\",\"status\":\"REVOKED\",\"txId\":\"6b0505cf5a1b2219b44000dee0b421764ca84d5e71c88189082e4950"
                    + "25338eea\"}";

    /** {@code accesslog/chest-xray-v3/1796028258316082843/836c6c63fd42ac008b08afbd91b6e3f291cb97084ec0fbca615b3ac973c52a35} as 0.1.0 wrote it (record 3 of the fixture home). */
    static final String REAL_ACCESS_DENIED =
            "{\"accessor\":\"ResearchMSP\",\"accessorId\":\"x509::CN=trainer-deployer, OU=client, O=research."
                    + "prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"artifact\":\""
                    + "chest-xray-v3\",\"at\":\"2026-11-30T08:44:18.316082843Z\",\"decision\":\"DENIED\",\"note\":\"tra"
                    + "ining run-2026-03-01\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"reason\":\"Research"
                    + "MSP holds no active TRAINING grant on HospitalAMSP's dataset chest-xray-v3 for its roles\",\"txI"
                    + "d\":\"836c6c63fd42ac008b08afbd91b6e3f291cb97084ec0fbca615b3ac973c52a35\"}";

    /** {@code accesslog/chest-xray-v3/1796028258421129112/71fd83664b9bb832449e97650a77414d17292d64344e8c1fe431b011287e7cd6} as 0.1.0 wrote it (record 9 of the fixture home). */
    static final String REAL_ACCESS_ALLOWED =
            "{\"accessor\":\"ResearchMSP\",\"accessorId\":\"x509::CN=trainer-deployer, OU=client, O=research."
                    + "prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"artifact\":\""
                    + "chest-xray-v3\",\"at\":\"2026-11-30T08:44:18.421129112Z\",\"decision\":\"ALLOWED\",\"note\":\"tr"
                    + "aining run-2026-03-01\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"reason\":\"granted"
                    + " by HospitalAMSP in transaction b1e1f1c26fd149c6642bc3188f112b6d42b200c4468bdbe9988cdc1991212ac6"
                    + "\",\"txId\":\"71fd83664b9bb832449e97650a77414d17292d64344e8c1fe431b011287e7cd6\"}";

    /** {@code run/run-2026-03-01} as 0.1.0 wrote it (record 10 of the fixture home). */
    static final String REAL_RUN =
            "{\"environment\":{},\"id\":\"run-2026-03-01\",\"inputs\":[{\"consentVersion\":1,\"digest\":\"sha"
                    + "256:75763b3a079b152a5d6798cf2fb40dbec73ecff7f5b0a5a0201f8e3276df10b4\",\"id\":\"chest-xray-v3\"}"
                    + "],\"outputs\":[\"triage-model-v1\"],\"parameters\":{\"epochs\":\"20\",\"lr\":\"0.001\"},\"record"
                    + "edAt\":\"2026-11-30T08:44:18.429660791Z\",\"recordedBy\":\"x509::CN=trainer-deployer, OU=client,"
                    + " O=research.prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"t"
                    + "rainer\":\"ResearchMSP\",\"txId\":\"4c44aee628ff5c637503a135ce47a44ab348eb1066bb4db2157ecaf35357"
                    + "78b7\"}";

    /** {@code deployment/triage-prod} as 0.1.0 wrote it (record 11 of the fixture home). */
    static final String REAL_DEPLOYMENT =
            "{\"endpoint\":\"https://triage.example/v1\",\"environment\":\"production\",\"id\":\"triage-prod"
                    + "\",\"model\":\"triage-model-v1\",\"modelDigest\":\"sha256:f7c6858a31e717d0ee6ac69a7990720d79b2149"
                    + "ba942340a0abe157ea052e93d\",\"owner\":\"ResearchMSP\",\"recordedAt\":\"2026-11-30T08:44:18.46015"
                    + "7940Z\",\"recordedBy\":\"x509::CN=trainer-deployer, OU=client, O=research.prooftrail.local::CN=c"
                    + "a.research.prooftrail.local, O=research.prooftrail.local\",\"txId\":\"2b193fdfcd274e718da001d06c"
                    + "fa71d4e57dd7ad6f69d864ba332eab15e1046d\"}";

    /** {@code deploymentstate/triage-prod} as 0.1.0 wrote it (record 11 of the fixture home). */
    static final String REAL_DEPLOYMENT_STATE =
            "{\"changedAt\":\"2026-11-30T08:44:18.460157940Z\",\"changedBy\":\"x509::CN=trainer-deployer, OU="
                    + "client, O=research.prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.loca"
                    + "l\",\"id\":\"triage-prod\",\"reason\":\"\",\"status\":\"ACTIVE\",\"txId\":\"2b193fdfcd274e718da0"
                    + "01d06cfa71d4e57dd7ad6f69d864ba332eab15e1046d\"}";

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
                Arguments.of("artifact (dataset)", REAL_ARTIFACT_DATASET, Artifact.class),
                Arguments.of("artifact (code)", REAL_ARTIFACT_CODE, Artifact.class),
                Arguments.of("artifact (synthetic, with parents)", ARTIFACT, Artifact.class),
                Arguments.of("artifact state (active)", REAL_ARTIFACT_STATE_ACTIVE, ArtifactState.class),
                Arguments.of("artifact state (revoked)", REAL_ARTIFACT_STATE_REVOKED, ArtifactState.class),
                Arguments.of("verification", REAL_VERIFICATION, VerificationRecord.class),
                Arguments.of("attestation (none yet)", REAL_ATTESTATION_NONE, ConsentAttestation.class),
                Arguments.of("consent record", REAL_CONSENT, ConsentRecord.class),
                Arguments.of("erasure log (empty)", REAL_ERASURE_LOG_EMPTY, ErasureLog.class),
                Arguments.of("erasure log (a receipt)", REAL_ERASURE_LOG, ErasureLog.class),
                Arguments.of("grant (active)", REAL_GRANT_ACTIVE, AccessGrant.class),
                Arguments.of("grant (revoked)", REAL_GRANT_REVOKED, AccessGrant.class),
                Arguments.of("grant (synthetic)", GRANT, AccessGrant.class),
                Arguments.of("access log entry (denied)", REAL_ACCESS_DENIED, AccessRecord.class),
                Arguments.of("access log entry (allowed)", REAL_ACCESS_ALLOWED, AccessRecord.class),
                Arguments.of("run", REAL_RUN, TrainingRun.class),
                Arguments.of("run (synthetic, with code and config)", RUN, TrainingRun.class),
                Arguments.of("deployment", REAL_DEPLOYMENT, Deployment.class),
                Arguments.of("deployment (synthetic)", DEPLOYMENT, Deployment.class),
                Arguments.of("deployment state", REAL_DEPLOYMENT_STATE, DeploymentState.class));
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
            Artifact artifact = decode(REAL_ARTIFACT_DATASET, Artifact.class);
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
            ArtifactState state = decode(REAL_ARTIFACT_STATE_REVOKED, ArtifactState.class);
            assertThat(state.getStatus()).isEqualTo("REVOKED");
            assertThat(state.getReason()).isEqualTo("file altered after registration");
        }

        @Test
        void a_verification_reads_as_a_match() {
            VerificationRecord verification = decode(REAL_VERIFICATION, VerificationRecord.class);
            assertThat(verification.getMatch()).isTrue();
            assertThat(verification.getPurpose()).isEqualTo("TRAINING");
        }
    }

    @Nested
    class Consent {
        @Test
        void an_active_attestation_reads_as_stale_of_unknown_freshness() {
            ConsentAttestation attestation = decode(REAL_ATTESTATION_ACTIVE, ConsentAttestation.class);

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
            String stored = store(decode(REAL_ATTESTATION_ACTIVE, ConsentAttestation.class));

            assertThat(stored).contains("\"status\":\"STALE\"", "\"v\":2");
            assertThat(decode(stored, ConsentAttestation.class).getStaleReason())
                    .isEqualTo(RecordFormats.UNKNOWN_FRESHNESS);
        }

        @Test
        void an_attestation_that_was_never_made_reads_as_none() {
            assertThat(decode(REAL_ATTESTATION_NONE, ConsentAttestation.class).getStatus())
                    .isEqualTo("NONE");
        }

        @Test
        void the_attested_subject_list_reads_bare_and_is_stored_in_an_envelope() {
            @SuppressWarnings("unchecked")
            List<String> subjects = decode(REAL_ATTESTED_SUBJECTS, List.class);
            assertThat(subjects).hasSize(3);
            String stored = store(subjects);

            assertThat(stored).isEqualTo("{\"items\":" + REAL_ATTESTED_SUBJECTS + ",\"v\":2}");
            Object again = decode(stored, List.class);
            assertThat(again).isEqualTo(subjects);
        }

        @Test
        void a_consent_record_reads_with_its_purposes() {
            ConsentRecord consent = decode(REAL_CONSENT, ConsentRecord.class);
            assertThat(consent.getStatus()).isEqualTo("GRANTED");
            assertThat(consent.getPurposes()).containsExactly("EVALUATION", "TRAINING");
        }

        @Test
        void an_erasure_log_reads_with_its_last_receipt() {
            ErasureLog log = decode(REAL_ERASURE_LOG, ErasureLog.class);
            assertThat(log.getCount()).isEqualTo(1L);
            assertThat(log.getLast().getAttestations()).containsExactly("TRAINING:1");
        }
    }

    @Nested
    class Access_and_lineage {
        @Test
        void a_grant_of_the_per_grant_keys_still_decodes_for_the_upgrade() {
            AccessGrant grant = decode(REAL_GRANT_REVOKED, AccessGrant.class);
            assertThat(grant.getGrantee()).isEqualTo("HospitalBMSP");
            assertThat(grant.getRole()).isEqualTo("auditor");
            assertThat(grant.getStatus()).isEqualTo("REVOKED");
        }

        @Test
        void a_grant_list_stored_today_is_an_envelope_of_grants() {
            AccessGrant grant = decode(REAL_GRANT_ACTIVE, AccessGrant.class);
            String stored = store(List.of(grant));

            assertThat(stored).isEqualTo("{\"items\":[" + REAL_GRANT_ACTIVE + "],\"v\":2}");
            assertThat(encode(List.of(decode(stored, AccessGrant[].class)))).isEqualTo("[" + REAL_GRANT_ACTIVE + "]");
        }

        @Test
        void a_denied_access_reads_with_its_reason() {
            AccessRecord record = decode(REAL_ACCESS_DENIED, AccessRecord.class);
            assertThat(record.getDecision()).isEqualTo("DENIED");
            assertThat(record.getReason()).contains("holds no active TRAINING grant");
        }

        @Test
        void a_run_reads_with_its_consent_version_on_the_input_only() {
            TrainingRun run = decode(REAL_RUN, TrainingRun.class);
            assertThat(run.getInputs().get(0).getConsentVersion()).isEqualTo(1L);
            assertThat(run.consentsRelied()).isEmpty();
        }

        @Test
        void a_deployment_reads_without_a_compliance_verdict() {
            Deployment deployment = decode(REAL_DEPLOYMENT, Deployment.class);
            assertThat(deployment.getCompliance()).isNull();
            assertThat(deployment.getAcceptedRisk()).isNull();
            assertThat(decode(REAL_DEPLOYMENT_STATE, DeploymentState.class).getStatus())
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
