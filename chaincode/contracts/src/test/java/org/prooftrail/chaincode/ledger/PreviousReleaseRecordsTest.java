package org.prooftrail.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.TrainingRun;

/**
 * Records exactly as release 0.1.0 (commit 41fcc83) stored them: these bytes were printed by that release's own
 * {@code LedgerCodec.encode}. Wave 2 only added fields, absent when empty, so every old record still reads, its new
 * fields read as absent, and writing it back gives the very same bytes (a peer re-encoding an old record agrees
 * with the bytes already on the channel). The grant shape is kept for the upgrade path: 0.1.0 stored one grant per
 * key, wave 2 keeps them in one list per artifact (docs/releases.md).
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

    private static <T> T readsBackUnchanged(String old, Class<T> type) {
        T record = LedgerCodec.decode(old.getBytes(UTF_8), type);
        assertThat(new String(LedgerCodec.encode(record), UTF_8)).isEqualTo(old);
        return record;
    }

    @Test
    void an_artifact_reads_without_inherited_consent() {
        Artifact artifact = readsBackUnchanged(ARTIFACT, Artifact.class);
        assertThat(artifact.getRequiresConsent()).isTrue();
        assertThat(artifact.getConsentFrom()).isNullOrEmpty();
    }

    @Test
    void an_attestation_reads_as_active_and_never_stale() {
        ConsentAttestation attestation = readsBackUnchanged(ATTESTATION, ConsentAttestation.class);
        assertThat(attestation.getStatus()).isEqualTo(AttestationStatus.ACTIVE.name());
        assertThat(attestation.getStaleReason()).isNull();
        assertThat(attestation.getStaleTxId()).isNull();
    }

    @Test
    void a_run_reads_with_its_consent_version_on_the_input_only() {
        TrainingRun run = readsBackUnchanged(RUN, TrainingRun.class);
        assertThat(run.getInputs().get(0).getConsentVersion()).isEqualTo(1L);
        assertThat(run.consentsRelied()).isEmpty();
    }

    @Test
    void a_deployment_reads_without_a_compliance_verdict() {
        Deployment deployment = readsBackUnchanged(DEPLOYMENT, Deployment.class);
        assertThat(deployment.getCompliance()).isNull();
        assertThat(deployment.getAcceptedRisk()).isNull();
    }

    @Test
    void a_grant_of_the_per_grant_keys_still_decodes_for_the_upgrade() {
        AccessGrant grant = readsBackUnchanged(GRANT, AccessGrant.class);
        assertThat(grant.getGrantee()).isEqualTo("ResearchMSP");
    }
}
