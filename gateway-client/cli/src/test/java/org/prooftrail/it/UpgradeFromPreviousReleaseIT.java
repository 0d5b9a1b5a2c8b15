package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.LedgerMaintenance;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

/**
 * An upgrade in place on the native network: the chaincode of the previous release (the commit named in
 * {@code compat/previous-release}, built from git in a temporary worktree with its own {@code ./mvnw -o}) is deployed
 * with {@code network.sh deploy --jar --label}, writes the whole story through the gateway with release 0.1.0's
 * calls (datasets, consent, an attestation, grants, denied and allowed accesses, a verification, a run, a model, a
 * deployment); the current build is deployed over it with {@code network.sh deploy} (the next sequence of the same
 * definition), reads every record back, and the story goes on under the new rules: the owner's maintenance back-fill
 * adopts the 0.1.0 grant, the 0.1.0 attestation is of unknown freshness until the owner attests again, the old
 * deployment is at risk for it, and history runs across the boundary. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeFromPreviousReleaseIT {
    private static final String HOSPITAL_A = "HospitalAMSP";
    private static final String RESEARCH = "ResearchMSP";

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String dataset = "up-" + run + "-xrays";
    private final String model = "up-" + run + "-model";
    private final String model2 = "up-" + run + "-model-v2";
    private final String oldRun = "up-" + run + "-run";
    private final String newRun = "up-" + run + "-run-v2";
    private final String deployment = "up-" + run + "-prod";
    private final List<LedgerTransport> transports = new ArrayList<>();

    private FabricNetwork network;
    private String previousCommit;
    private Path previousJar;
    private LedgerTransport hospital;
    private LedgerTransport research;
    private String registrationTx;

    @BeforeAll
    void buildThePreviousRelease() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.running();
        Path repository = network.repository();
        previousCommit = Files.readAllLines(repository.resolve("compat/previous-release"), UTF_8)
                .get(0)
                .trim();
        previousJar = previousReleaseJar(repository);
    }

    /**
     * The previous release's chaincode server jar, built once per commit into {@code gateway-client/target/it}: a
     * temporary {@code git worktree} of the commit, its own {@code ./mvnw -o -pl chaincode -am package}, the worktree
     * removed again.
     */
    private Path previousReleaseJar(Path repository) throws Exception {
        Path cached = repository.resolve("gateway-client/target/it/previous-release-" + previousCommit + ".jar");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        FabricNetwork.Result present = network.command(repository, List.of("git", "cat-file", "-e", previousCommit));
        Assumptions.assumeTrue(
                present.exitCode() == 0,
                "commit " + previousCommit + " of compat/previous-release is not in this clone (a shallow clone?):"
                        + " fetch it to run the upgrade test");
        Path worktree = Files.createTempDirectory("prooftrail-previous-release").resolve("src");
        FabricNetwork.Result added = network.command(
                repository, List.of("git", "worktree", "add", "--detach", worktree.toString(), previousCommit));
        assertThat(added.exitCode()).as(added.output()).isZero();
        try {
            FabricNetwork.Result built = network.command(
                    worktree, List.of("./mvnw", "-B", "-o", "-q", "-pl", "chaincode", "-am", "package", "-DskipTests"));
            assertThat(built.exitCode()).as(built.output()).isZero();
            Files.createDirectories(cached.getParent());
            Files.copy(
                    worktree.resolve("chaincode/target/prooftrail-chaincode.jar"),
                    cached,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            network.command(repository, List.of("git", "worktree", "remove", "--force", worktree.toString()));
        }
        return cached;
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void close() {
        transports.forEach(LedgerTransport::close);
    }

    private LedgerTransport connect(String org) throws Exception {
        LedgerTransport transport = FabricGatewayTransport.connect(network.gatewayConfig(org, "Admin"));
        transports.add(transport);
        return transport;
    }

    private static String json(Object value) {
        return Json.write(value);
    }

    private static Map<String, Object> object(Object... entries) {
        Map<String, Object> map = new TreeMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    private static Answer submit(LedgerTransport transport, Transaction transaction, String... args) {
        return Answer.of(transport.submit(transaction, List.of(args), Map.of()).payload());
    }

    private static Answer submit(
            LedgerTransport transport,
            Transaction transaction,
            String transientKey,
            Object transientJson,
            String... a) {
        return Answer.of(transport
                .submit(
                        transaction,
                        List.of(a),
                        Map.of(transientKey, json(transientJson).getBytes(UTF_8)))
                .payload());
    }

    private Answer evaluate(LedgerTransport transport, Transaction transaction, String... args) throws Exception {
        awaitEveryPeer();
        return Answer.of(transport.evaluate(transaction, List.of(args)));
    }

    /** A chaincode answer as it came, and read as a JSON object. */
    private record Answer(String text) {
        static Answer of(byte[] payload) {
            return new Answer(new String(payload, UTF_8));
        }

        Map<String, Object> object() {
            return Json.readObject(text, "the answer");
        }

        String string(String field) {
            Object value = object().get(field);
            return value == null ? null : String.valueOf(value);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Waits until every peer has the blocks the busiest one has (a submit returns when one peer committed). */
    private void awaitEveryPeer() throws Exception {
        long target = 0;
        for (String org : FabricNetwork.ORGS) {
            target = Math.max(target, ChannelBlocks.height(network, org));
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (String org : FabricNetwork.ORGS) {
            long height;
            while ((height = ChannelBlocks.height(network, org)) < target) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("peer of " + org + " is at height " + height + ", not " + target);
                }
            }
        }
    }

    private static String digest(String name) {
        return Digest.sha256(name.getBytes(UTF_8)).toString();
    }

    private static String subject(String name) {
        return Digest.sha256(name.getBytes(UTF_8)).hex();
    }

    private String committedVersion() throws Exception {
        FabricNetwork.Result committed = network.peer(
                "hospital-a", "lifecycle", "chaincode", "querycommitted", "-C", "prooftrail", "-n", "prooftrail");
        assertThat(committed.exitCode()).as(committed.output()).isZero();
        return committed.output();
    }

    @Test
    @Order(1)
    void the_previous_release_is_deployed_from_its_own_build() throws Exception {
        String label = "prooftrail-0.1.0_" + previousCommit.substring(0, 12);
        network.script("deploy", "--jar", previousJar.toString(), "--label", label);

        assertThat(committedVersion()).contains("Version: " + label);
        hospital = connect("hospital-a");
        research = connect("research");
    }

    @Test
    @Order(2)
    void release_0_1_0_writes_the_whole_story() throws Exception {
        String expires = Instant.now().plus(Duration.ofDays(365)).toString();
        registrationTx = submit(
                        hospital,
                        Transaction.ARTIFACT_REGISTER,
                        json(object(
                                "id", dataset, "kind", "DATASET", "digest", digest(dataset), "requiresConsent", true)))
                .string("txId");
        submit(
                research,
                Transaction.ARTIFACT_REGISTER,
                json(object("id", model, "kind", "MODEL", "digest", digest(model))));
        assertThat(submit(research, Transaction.ACCESS_LOG, json(object("artifact", dataset, "purpose", "TRAINING")))
                        .string("decision"))
                .isEqualTo("DENIED");
        submit(
                hospital,
                Transaction.ACCESS_GRANT,
                json(object(
                        "artifact",
                        dataset,
                        "grantee",
                        RESEARCH,
                        "purposes",
                        List.of("TRAINING"),
                        "expiresAt",
                        expires)));
        List<String> subjects = List.of(subject("patient-1"), subject("patient-2"));
        for (String subject : subjects) {
            submit(
                    hospital,
                    Transaction.CONSENT_GRANT,
                    "consent",
                    object(
                            "subject", subject,
                            "dataset", dataset,
                            "purposes", List.of("TRAINING"),
                            "expiresAt", expires,
                            "formDigest", digest("form")));
        }
        assertThat(submit(
                                hospital,
                                Transaction.CONSENT_ATTEST,
                                "subjects",
                                object("subjects", subjects),
                                dataset,
                                "TRAINING")
                        .object())
                .containsEntry("status", "ACTIVE");
        assertThat(submit(research, Transaction.ACCESS_LOG, json(object("artifact", dataset, "purpose", "TRAINING")))
                        .string("decision"))
                .isEqualTo("ALLOWED");
        submit(
                research,
                Transaction.ARTIFACT_RECORD_VERIFICATION,
                json(object("id", dataset, "digest", digest(dataset), "purpose", "TRAINING")));
        submit(
                research,
                Transaction.LINEAGE_RECORD_RUN,
                json(object(
                        "id", oldRun,
                        "inputs", List.of(object("id", dataset, "digest", digest(dataset))),
                        "outputs", List.of(model))));
        submit(
                research,
                Transaction.LINEAGE_RECORD_DEPLOYMENT,
                json(object("id", deployment, "model", model, "environment", "production")));
    }

    @Test
    @Order(3)
    void the_client_says_what_release_0_1_0_does_not_have() throws Exception {
        assertThat(LedgerMaintenance.over(research).chaincodeFormats().maintenanceContract())
                .isFalse();
        assertThatThrownBy(() -> research.evaluate(Transaction.LINEAGE_COMPLIANCE, List.of(deployment)))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.UNIMPLEMENTED))
                .hasMessageContaining("lineage:Compliance is not available on this chaincode version");
        assertThatThrownBy(() -> LedgerMaintenance.over(hospital).upgradeArtifact(dataset))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.UNIMPLEMENTED))
                .hasMessageContaining("the chaincode has no maintenance contract");
    }

    @Test
    @Order(4)
    void the_current_build_is_deployed_over_it_and_reads_every_record() throws Exception {
        network.script("deploy");
        assertThat(committedVersion()).doesNotContain("prooftrail-0.1.0");
        assertThat(LedgerMaintenance.over(research).chaincodeFormats().recordFormat())
                .isEqualTo(2);

        assertThat(evaluate(research, Transaction.ARTIFACT_GET, dataset).object())
                .containsEntry("status", "ACTIVE")
                .containsEntry("txId", registrationTx);
        assertThat(evaluate(research, Transaction.LINEAGE_GET_RUN, oldRun).object())
                .containsEntry("trainer", RESEARCH);
        assertThat(evaluate(research, Transaction.LINEAGE_GET_DEPLOYMENT, deployment)
                        .object())
                .containsEntry("model", model);
        assertThat(evaluate(hospital, Transaction.ACCESS_LOGS, json(object("artifact", dataset)))
                        .toString())
                .contains("\"decision\":\"DENIED\"", "\"decision\":\"ALLOWED\"");
        assertThat(evaluate(research, Transaction.ARTIFACT_VERIFICATIONS, dataset)
                        .toString())
                .contains("\"match\":true");
        assertThat(evaluate(research, Transaction.CONSENT_GET_ATTESTATION, dataset, "TRAINING")
                        .object())
                .containsEntry("status", "STALE")
                .extractingByKey("staleReason")
                .asString()
                .contains("freshness is unknown");
        // The 0.1.0 grant sits under its old key until the owner adopts it.
        assertThat(evaluate(research, Transaction.ACCESS_GRANTS, dataset).toString())
                .doesNotContain(RESEARCH);
    }

    @Test
    @Order(5)
    void the_owners_maintenance_back_fill_adopts_the_grant_once() throws Exception {
        LedgerMaintenance.UpgradeReport report =
                LedgerMaintenance.over(hospital).upgradeArtifact(dataset);

        assertThat(report.grantsAdopted()).containsExactly(RESEARCH + "/* ACTIVE");
        assertThat(report.backfilled()).contains("artifactguard/" + dataset, "accessgrants/" + dataset);
        assertThatThrownBy(() -> LedgerMaintenance.over(research).upgradeArtifact(dataset))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.PERMISSION_DENIED));
        assertThat(LedgerMaintenance.over(hospital).upgradeArtifact(dataset).upToDate())
                .isTrue();
        LedgerMaintenance.over(hospital).upgradeArtifact(dataset);
        assertThat(LedgerMaintenance.over(research).upgradeArtifact(model).backfilled())
                .contains("artifactguard/" + model);
        assertThat(LedgerMaintenance.over(research)
                        .upgradeDeployment(deployment)
                        .backfilled())
                .contains("activedeployment/" + RESEARCH + "/" + deployment);
        assertThat(evaluate(research, Transaction.ACCESS_GRANTS, dataset).toString())
                .contains("\"grantee\":\"" + RESEARCH + "\"");
    }

    @Test
    @Order(6)
    void a_new_run_waits_for_a_fresh_attestation_and_the_old_deployment_is_at_risk() throws Exception {
        submit(
                research,
                Transaction.ARTIFACT_REGISTER,
                json(object("id", model2, "kind", "MODEL", "digest", digest(model2))));
        String runJson = json(object(
                "id", newRun,
                "inputs", List.of(object("id", dataset, "digest", digest(dataset))),
                "outputs", List.of(model2)));
        assertThatThrownBy(() -> submit(research, Transaction.LINEAGE_RECORD_RUN, runJson))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessageContaining("freshness is unknown");
        assertThat(evaluate(research, Transaction.LINEAGE_COMPLIANCE, deployment)
                        .object())
                .containsEntry("status", "AT_RISK");

        List<String> subjects = List.of(subject("patient-1"), subject("patient-2"));
        assertThat(submit(
                                hospital,
                                Transaction.CONSENT_ATTEST,
                                "subjects",
                                object("subjects", subjects),
                                dataset,
                                "TRAINING")
                        .object())
                .containsEntry("status", "ACTIVE")
                .containsEntry("version", 2L);
        assertThat(submit(research, Transaction.LINEAGE_RECORD_RUN, runJson).object())
                .containsEntry("trainer", RESEARCH);
        assertThat(evaluate(research, Transaction.LINEAGE_COMPLIANCE_SCAN, json(object()))
                        .toString())
                .contains(deployment);
    }

    @Test
    @Order(7)
    void history_runs_across_the_boundary() throws Exception {
        submit(hospital, Transaction.ARTIFACT_SET_STATUS, dataset, "DEPRECATED", "superseded after the upgrade");

        String history =
                evaluate(research, Transaction.ARTIFACT_HISTORY, dataset).toString();
        assertThat(history)
                .contains("\"txId\":\"" + registrationTx + "\"", "superseded after the upgrade", "VERIFIED")
                .doesNotContain("UNEXPECTED_CHANGE");
        assertThat(evaluate(research, Transaction.LINEAGE_DOWNSTREAM, dataset, "8")
                        .toString())
                .contains(oldRun, newRun, deployment, model2);
    }
}
