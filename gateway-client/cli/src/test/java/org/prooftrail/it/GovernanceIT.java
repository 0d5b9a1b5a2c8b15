package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.prooftrail.client.AttestationStatus;
import org.prooftrail.client.ComplianceReason;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.ComplianceScan;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.Deployment;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Purpose;

/**
 * Governance that is enforced, across organisations on the real network: the lab (research) trains on hospital-a's
 * consent-requiring dataset; the hospital erases a patient, which makes its attestation STALE on every peer; the
 * lab's retraining is refused until the hospital re-attests; a copy of the dataset cannot be registered without the
 * hospital's DERIVE grant; the hospital revokes the dataset, and the lab's next deployment is refused as TAINTED
 * while compliance and the scan say why. Steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceIT {
    private static final String HOSPITAL = "HospitalAMSP";
    private static final String LAB = "ResearchMSP";

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String dataset = "git-" + run + "-ct-scans";
    private final String copy = "git-" + run + "-ct-copy";
    private final String model1 = "git-" + run + "-model-v1";
    private final String model2 = "git-" + run + "-model-v2";
    private final String run1 = "git-" + run + "-run-1";
    private final String run2 = "git-" + run + "-run-2";
    private final String prod1 = "git-" + run + "-prod-1";
    private final String prod2 = "git-" + run + "-prod-2";
    private final List<String> patients = List.of("PAT-" + run + "-1", "PAT-" + run + "-2", "PAT-" + run + "-3");
    private final List<ProofTrail> ledgers = new ArrayList<>();

    private FabricNetwork network;
    private Pseudonyms pseudonyms;
    private Digest datasetDigest;
    private ProofTrail steward;
    private ProofTrail lab;
    private String erasureTxId;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        network.issueUser("hospital-a", "git-steward", "steward,curator");
        network.issueUser("research", "git-lab", "trainer,deployer,curator");
        steward = connect("hospital-a", "git-steward");
        lab = connect("research", "git-lab");
        pseudonyms = Pseudonyms.createOrLoad(network.folder("governance").resolve("consent-secret"));
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void close() {
        ledgers.forEach(ProofTrail::close);
    }

    private ProofTrail connect(String org, String user) throws Exception {
        ProofTrail ledger = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig(org, user)));
        ledgers.add(ledger);
        return ledger;
    }

    @Test
    @Order(1)
    void the_hospital_registers_attests_three_patients_and_grants_the_lab_training() {
        datasetDigest = Digest.sha256(("ct scans " + run).getBytes(UTF_8));
        steward.register(Registration.builder(dataset, ArtifactKind.DATASET, datasetDigest)
                .requiresConsent()
                .build());
        Instant expires = Instant.now().plus(Duration.ofDays(60));
        Digest form = Digest.sha256(("consent form " + run).getBytes(UTF_8));
        for (String patient : patients) {
            steward.grantConsent(
                    pseudonyms.of(patient), dataset, Set.of(Purpose.TRAINING, Purpose.EVALUATION), expires, form);
        }
        ConsentAttestation attestation = steward.attestConsent(dataset, Purpose.TRAINING);
        assertThat(attestation.count()).isEqualTo(3);
        assertThat(attestation.version()).isEqualTo(1);
        assertThat(attestation.status()).isEqualTo(AttestationStatus.ACTIVE);
        steward.grantAccess(dataset, LAB, null, Set.of(Purpose.TRAINING), expires);
    }

    @Test
    @Order(2)
    void the_lab_verifies_its_copy_trains_and_deploys_clear() {
        lab.recordVerification(dataset, datasetDigest, Purpose.TRAINING, "before " + run1);
        lab.register(Registration.builder(model1, ArtifactKind.MODEL, Digest.sha256(("w1 " + run).getBytes(UTF_8)))
                .build());
        lab.recordRun(runJson(run1, model1));
        assertThat(lab.getRun(run1).consents())
                .extracting(TrainingRun.ConsentReliance::version)
                .containsExactly(1L);

        Deployment deployed = lab.recordDeployment(prod1, model1, "production", null, null);
        assertThat(deployed.id()).isEqualTo(prod1);
        assertThat(lab.compliance(prod1).status()).isEqualTo(ComplianceStatus.CLEAR);
    }

    @Test
    @Order(3)
    void erasing_a_counted_patient_makes_the_attestation_stale_on_every_peer() throws Exception {
        ErasureReceipt receipt = steward.eraseConsent(pseudonyms.of(patients.get(1)), dataset, "asked to be forgotten");
        erasureTxId = receipt.transactionId();
        for (String org : FabricNetwork.ORGS) {
            FabricNetwork.Result attestation = network.peer(
                    org,
                    "chaincode",
                    "query",
                    "-C",
                    "prooftrail",
                    "-n",
                    "prooftrail",
                    "-c",
                    "{\"function\":\"consent:GetAttestation\",\"Args\":[\"" + dataset + "\",\"TRAINING\"]}");
            assertThat(attestation.exitCode()).as(attestation.output()).isZero();
            assertThat(attestation.output())
                    .as(org)
                    .contains("\"status\":\"STALE\"", "\"version\":1", "\"staleTxId\":\"" + erasureTxId + "\"");
        }
        ComplianceReport compliance = lab.compliance(prod1);
        assertThat(compliance.status()).as(compliance.json()).isEqualTo(ComplianceStatus.AT_RISK);
        assertThat(compliance.reasons())
                .extracting(ComplianceReason::code, ComplianceReason::node)
                .contains(tuple("STALE_ATTESTATION", "attestation:" + dataset + ":TRAINING"));
    }

    @Test
    @Order(4)
    void the_labs_retraining_is_refused_until_the_hospital_re_attests() {
        lab.register(Registration.builder(model2, ArtifactKind.MODEL, Digest.sha256(("w2 " + run).getBytes(UTF_8)))
                .build());
        assertRejected(() -> lab.recordRun(runJson(run2, model2)), ErrorCode.FAILED_PRECONDITION, "(version 1)");
        assertRejected(() -> lab.recordRun(runJson(run2, model2)), ErrorCode.FAILED_PRECONDITION, "STALE");

        ConsentAttestation reattested = steward.attestConsent(dataset, Purpose.TRAINING);
        assertThat(reattested.count()).isEqualTo(2);
        assertThat(reattested.version()).isEqualTo(2);
        assertThat(reattested.status()).isEqualTo(AttestationStatus.ACTIVE);
        lab.recordVerification(dataset, datasetDigest, Purpose.TRAINING, "before " + run2);
        lab.recordRun(runJson(run2, model2));
        assertThat(lab.getRun(run2).consents())
                .extracting(TrainingRun.ConsentReliance::version)
                .containsExactly(2L);
        // The first run keeps the version it relied on: history is never rewritten.
        assertThat(lab.getRun(run1).consents())
                .extracting(TrainingRun.ConsentReliance::version)
                .containsExactly(1L);
    }

    @Test
    @Order(5)
    void a_copy_of_the_dataset_needs_the_hospitals_derive_grant() {
        assertRejected(
                () -> lab.register(
                        Registration.builder(copy, ArtifactKind.DATASET, Digest.sha256(("copy " + run).getBytes(UTF_8)))
                                .parent(dataset)
                                .build()),
                ErrorCode.FAILED_PRECONDITION,
                "DERIVE");
        assertRejected(
                () -> lab.register(Registration.builder(copy, ArtifactKind.DATASET, datasetDigest)
                        .build()),
                ErrorCode.FAILED_PRECONDITION,
                dataset);
        assertRejected(() -> lab.get(copy), ErrorCode.NOT_FOUND, copy);
    }

    @Test
    @Order(6)
    void after_the_hospital_revokes_the_dataset_the_labs_deployment_is_refused_as_tainted() {
        steward.setStatus(dataset, ArtifactStatus.REVOKED, "labels found wrong");

        assertRejected(
                () -> lab.recordDeployment(prod2, model2, "production", null, null),
                ErrorCode.FAILED_PRECONDITION,
                "TAINTED");
        assertRejected(
                () -> lab.recordDeployment(prod2, model2, "production", null, "we accept the risk"),
                ErrorCode.FAILED_PRECONDITION,
                dataset);
        assertRejected(() -> lab.getDeployment(prod2), ErrorCode.NOT_FOUND, prod2);

        ComplianceReport why = lab.compliance(model2);
        assertThat(why.status()).isEqualTo(ComplianceStatus.TAINTED);
        assertThat(why.reasons())
                .extracting(ComplianceReason::code, ComplianceReason::node)
                .contains(tuple("REVOKED_ARTIFACT", "artifact:" + dataset));

        ComplianceScan scan = lab.complianceScan(LAB, 30);
        assertThat(scan.needsAction()).as(scan.json()).isTrue();
        assertThat(scan.items())
                .extracting(ComplianceScan.Item::id, ComplianceScan.Item::status)
                .contains(tuple(prod1, "TAINTED"));
    }

    private String runJson(String id, String output) {
        return Json.write(Map.of(
                "id",
                id,
                "inputs",
                List.of(Map.of("id", dataset, "digest", datasetDigest.toString())),
                "parameters",
                Map.of("epochs", "2"),
                "outputs",
                List.of(output)));
    }

    private static void assertRejected(Executable call, ErrorCode code, String mentioning) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(
                        ContractRejectedException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
                .hasMessageContaining(mentioning);
    }
}
