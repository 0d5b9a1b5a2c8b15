package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.Deployment;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.Page;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * The use cases on the real network of {@code network/network.sh}: three organisations, three Raft orderers, the
 * chaincode as a service, through the real gateway client ({@link FabricGatewayTransport} behind {@link ProofTrail}),
 * the real command line and the plain {@code peer} CLI; and the roles of users issued with {@code network.sh user}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsortiumIT {
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private FabricNetwork network;
    private Path hospitalA;
    private Path research;
    private ProofTrail hospitalALedger;
    private ProofTrail researchLedger;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        hospitalA = network.clientConfig("hospital-a", "Admin");
        research = network.clientConfig("research", "Admin");
        hospitalALedger = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "Admin")));
        researchLedger = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("research", "Admin")));
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void close() {
        if (hospitalALedger != null) {
            hospitalALedger.close();
        }
        if (researchLedger != null) {
            researchLedger.close();
        }
    }

    private String id(String name) {
        return "it-" + run + "-" + name;
    }

    private Path file(String name, String content) throws Exception {
        Path file = network.folder("data").resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    private ArtifactRecord registerFile(ProofTrail ledger, String id, ArtifactKind kind, Path file) {
        Fingerprint fingerprint = Fingerprinter.create().fingerprint(file);
        return ledger.register(Registration.builder(id, kind, fingerprint.digest())
                .size(fingerprint.size())
                .build());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheRegistry {

        @Test
        void registers_through_the_client_and_reads_it_back_through_the_client_the_cli_and_the_peer_cli()
                throws Exception {
            String id = id("xray");
            Path data = file("xray.csv", "patient,finding\n1,none\n");
            Digest digest = Fingerprinter.create().fingerprint(data).digest();

            ArtifactRecord registered = registerFile(hospitalALedger, id, ArtifactKind.DATASET, data);

            assertThat(registered.owner()).isEqualTo("HospitalAMSP");
            assertThat(registered.status()).isEqualTo(ArtifactStatus.ACTIVE);
            assertThat(researchLedger.get(id).digest()).isEqualTo(digest);
            assertThat(researchLedger.verify(id, digest).matches()).isTrue();

            Cli.Run show = Cli.run("show", id, "--config", research.toString(), "--json");
            assertThat(show.exitCode()).as(show.toString()).isZero();
            assertThat(show.out()).contains(digest.toString()).contains("HospitalAMSP");

            // The DESIGN's plain peer CLI query, with the variables of `network.sh env`.
            FabricNetwork.Result query = network.peer(
                    "hospital-b",
                    "chaincode",
                    "query",
                    "-C",
                    "prooftrail",
                    "-n",
                    "prooftrail",
                    "-c",
                    "{\"function\":\"artifact:Get\",\"Args\":[\"" + id + "\"]}");
            assertThat(query.exitCode()).as(query.output()).isZero();
            assertThat(Json.readObject(query.output().strip(), "the peer's answer")
                            .get("digest"))
                    .isEqualTo(digest.toString());
        }

        @Test
        void verify_on_the_cli_exits_1_and_names_the_file_that_changed() throws Exception {
            String id = id("scans");
            Path dataset = network.folder("scans");
            Files.writeString(dataset.resolve("a.txt"), "scan a\n", UTF_8);
            Files.writeString(dataset.resolve("b.txt"), "scan b\n", UTF_8);
            String config = hospitalA.toString();

            Cli.Run register =
                    Cli.run("register", dataset.toString(), "--id", id, "--kind", "DATASET", "--config", config);
            assertThat(register.exitCode()).as(register.toString()).isZero();
            Cli.Run intact = Cli.run("verify", dataset.toString(), "--id", id, "--config", research.toString());
            assertThat(intact.exitCode()).as(intact.toString()).isZero();

            Files.writeString(dataset.resolve("b.txt"), "scan b, retouched\n", UTF_8);
            Cli.Run altered = Cli.run("verify", dataset.toString(), "--id", id, "--config", research.toString());

            assertThat(altered.exitCode()).as(altered.toString()).isEqualTo(1);
            assertThat(altered.out() + altered.err()).contains("b.txt").doesNotContain("a.txt");
        }

        @Test
        void keeps_the_history_of_status_changes_and_lists_by_owner_and_kind() throws Exception {
            String id = id("notes");
            registerFile(hospitalALedger, id, ArtifactKind.REPORT, file("notes.txt", "notes\n"));

            hospitalALedger.setStatus(id, ArtifactStatus.DEPRECATED, "superseded by v2");

            List<HistoryEntry> history = researchLedger.history(id);
            assertThat(history)
                    .extracting(HistoryEntry::type)
                    .containsExactly(HistoryEntry.Type.REGISTERED, HistoryEntry.Type.STATUS_CHANGED);
            assertThat(history.get(1).status()).contains(ArtifactStatus.DEPRECATED);
            assertThat(history.get(1).reason()).contains("superseded by v2");
            Cli.Run cliHistory = Cli.run("history", id, "--config", research.toString(), "--json");
            assertThat(cliHistory.exitCode()).as(cliHistory.toString()).isZero();
            assertThat(cliHistory.out()).contains("STATUS_CHANGED", "DEPRECATED");

            assertThat(listedIds(ArtifactKind.REPORT, "HospitalAMSP")).contains(id);
            assertThat(listedIds(ArtifactKind.REPORT, "ResearchMSP")).doesNotContain(id);
            Cli.Run cliList = Cli.run(
                    "list", "--kind", "REPORT", "--owner", "HospitalAMSP", "--config", research.toString(), "--json");
            assertThat(cliList.exitCode()).as(cliList.toString()).isZero();
            assertThat(cliList.out()).contains("HospitalAMSP");
        }

        private List<String> listedIds(ArtifactKind kind, String owner) {
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            Page<ArtifactRecord> page;
            do {
                page = researchLedger.list(kind, owner, 500, bookmark);
                page.items().forEach(item -> ids.add(item.id()));
                bookmark = page.bookmark();
            } while (page.hasMore());
            return ids;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Lineage {

        @Test
        void records_a_run_and_a_deployment_and_walks_the_lineage_both_ways() throws Exception {
            String dataset = id("ecg");
            String model = id("ecg-model");
            String trainingRun = id("ecg-run");
            String deployment = id("ecg-prod");
            Path data = file("ecg.csv", "beat\n1\n");
            ArtifactRecord registered = registerFile(hospitalALedger, dataset, ArtifactKind.DATASET, data);
            registerFile(researchLedger, model, ArtifactKind.MODEL, file("model.bin", "weights " + run));
            // The deployment gate wants research's recorded check of its copy before training (else AT_RISK).
            researchLedger.recordVerification(dataset, registered.digest(), Purpose.TRAINING, "before training");
            // Research trains on hospital-a's dataset: the training gate wants hospital-a's TRAINING grant.
            hospitalALedger.grantAccess(
                    dataset,
                    "ResearchMSP",
                    null,
                    Set.of(Purpose.TRAINING),
                    Instant.now().plus(Duration.ofDays(1)));

            Cli.Run recorded = Cli.run(
                    "run",
                    "record",
                    "--config",
                    research.toString(),
                    "--id",
                    trainingRun,
                    "--input",
                    dataset + "=" + data,
                    "--param",
                    "epochs=3",
                    "--output",
                    model);
            assertThat(recorded.exitCode()).as(recorded.toString()).isZero();
            Deployment deployed = researchLedger.recordDeployment(deployment, model, "production", null);
            assertThat(deployed.modelDigest().toString()).startsWith("sha256:");

            String upstream = researchLedger.upstream(deployment, 8).json();
            assertThat(upstream).contains(dataset, model, trainingRun);
            Cli.Run downstream =
                    Cli.run("lineage", dataset, "--downstream", "--format", "json", "--config", hospitalA.toString());
            assertThat(downstream.exitCode()).as(downstream.toString()).isZero();
            assertThat(downstream.out()).contains(trainingRun, model, deployment);
            Cli.Run upstreamText = Cli.run("lineage", deployment, "--config", hospitalA.toString());
            assertThat(upstreamText.exitCode()).as(upstreamText.toString()).isZero();
            assertThat(upstreamText.out()).contains(dataset);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Events {

        @Test
        void watch_on_the_cli_prints_the_events_committed_after_its_checkpoint() throws Exception {
            // A transaction whose block and id position the checkpoint: watch prints what comes after it, so the
            // test does not depend on when the subscription opens.
            String marker = id("events-marker");
            SubmitResult mark = hospitalALedger
                    .transport()
                    .submit(
                            Transaction.ARTIFACT_REGISTER,
                            List.of("{\"id\":\"" + marker + "\",\"kind\":\"OTHER\",\"digest\":\""
                                    + Digest.sha256(marker.getBytes(UTF_8)) + "\"}"),
                            Map.of());
            Path checkpoint = network.folder("watch").resolve("checkpoint.json");
            Files.writeString(
                    checkpoint,
                    "{\"blockNumber\":" + mark.blockNumber() + ",\"transactionId\":\"" + mark.transactionId() + "\"}",
                    UTF_8);
            String id = id("events");
            CompletableFuture<Cli.Run> watch = CompletableFuture.supplyAsync(() -> Cli.run(
                    "watch",
                    "--config",
                    research.toString(),
                    "--checkpoint",
                    checkpoint.toString(),
                    "--json",
                    "--max",
                    "2",
                    "--timeout",
                    "90"));

            registerFile(hospitalALedger, id, ArtifactKind.DATASET, file("events.txt", "events " + run));
            hospitalALedger.setStatus(id, ArtifactStatus.REVOKED, "consent withdrawn");

            Cli.Run watched = watch.get(120, TimeUnit.SECONDS);
            assertThat(watched.exitCode()).as(watched.toString()).isZero();
            List<String> events = watched.out().lines().toList();
            assertThat(events).hasSize(2);
            assertThat(events.get(0))
                    .contains(EventNames.ARTIFACT_REGISTERED, id)
                    .doesNotContain(marker);
            assertThat(events.get(1)).contains(EventNames.ARTIFACT_STATUS_CHANGED, id, "REVOKED");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Roles {
        private ProofTrail curator;
        private ProofTrail auditor;
        private ProofTrail plainUser;

        @BeforeAll
        void users() throws Exception {
            if (network == null) {
                return;
            }
            network.issueUser("hospital-a", "it-curator", "curator");
            network.issueUser("hospital-a", "it-auditor", "auditor");
            curator =
                    ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "it-curator")));
            auditor =
                    ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "it-auditor")));
            plainUser = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "User1")));
        }

        @AfterAll
        void closeUsers() {
            for (ProofTrail ledger : new ProofTrail[] {curator, auditor, plainUser}) {
                if (ledger != null) {
                    ledger.close();
                }
            }
        }

        @Test
        void a_curator_issued_by_the_organisations_ca_registers() throws Exception {
            String id = id("curated");

            ArtifactRecord record = registerFile(curator, id, ArtifactKind.DATASET, file("curated.txt", "curated"));

            assertThat(record.owner()).isEqualTo("HospitalAMSP");
            assertThat(record.registeredBy()).contains("CN=it-curator", "OU=client");
        }

        @Test
        void an_auditor_may_not_register() throws Exception {
            Path data = file("audited.txt", "audited");

            assertThatThrownBy(() -> registerFile(auditor, id("audited"), ArtifactKind.DATASET, data))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("auditor");
            Cli.Run cli = Cli.run(
                    "register",
                    data.toString(),
                    "--id",
                    id("audited"),
                    "--kind",
                    "DATASET",
                    "--config",
                    network.clientConfig("hospital-a", "it-auditor").toString());
            assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
            assertThat(cli.err()).startsWith("error: PERMISSION_DENIED");
        }

        @Test
        void a_user_without_the_role_attribute_may_not_register() throws Exception {
            Path data = file("plain.txt", "plain");

            assertThatThrownBy(() -> registerFile(plainUser, id("plain"), ArtifactKind.DATASET, data))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("no prooftrail.role attribute");
        }
    }
}
