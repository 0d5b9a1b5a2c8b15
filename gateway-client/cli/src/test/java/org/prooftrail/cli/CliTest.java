package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.GatewayUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The real commands, end to end, on an embedded ledger in a temporary folder. */
class CliTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path dataset;

    /** What one command printed and returned. */
    record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        return run(ProofTrailCli.commandLine(), args);
    }

    private Run run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.isEmpty() && !all.contains("--help") && needsHome(all.get(0))) {
            all.add("--home");
            all.add(home.toString());
        }
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static boolean needsHome(String command) {
        return List.of(
                        "register",
                        "verify",
                        "show",
                        "history",
                        "list",
                        "status",
                        "run",
                        "deploy",
                        "lineage",
                        "check-proof",
                        "watch",
                        "load")
                .contains(command);
    }

    @BeforeEach
    void createDataset() throws IOException {
        home = tmp.resolve("home");
        dataset = Files.createDirectories(tmp.resolve("xrays"));
        Files.createDirectories(dataset.resolve("images"));
        Files.writeString(dataset.resolve("labels.csv"), "p1,normal\np2,pneumonia\n");
        Files.writeString(dataset.resolve("images/p1.png"), "pixels 1");
        Files.writeString(dataset.resolve("images/p2.png"), "pixels 2");
    }

    private void register() {
        Run registered =
                cli("register", dataset.toString(), "--id", "xrays", "--kind", "DATASET", "--meta", "modality=x-ray");
        assertThat(registered.exit()).as(registered.err()).isZero();
    }

    @Nested
    class RegisterAndVerify {
        @Test
        void an_untouched_copy_verifies_and_exits_0() {
            register();

            Run verified = cli("verify", dataset.toString(), "--id", "xrays");

            assertThat(verified.exit()).isZero();
            assertThat(verified.out()).startsWith("OK xrays (ACTIVE)");
        }

        @Test
        void an_altered_file_makes_verify_exit_1_and_name_it() throws IOException {
            register();
            Files.writeString(dataset.resolve("images/p2.png"), "tampered", StandardOpenOption.APPEND);
            Files.writeString(dataset.resolve("extra.csv"), "new");
            Files.delete(dataset.resolve("labels.csv"));

            Run verified = cli("verify", dataset.toString(), "--id", "xrays");

            assertThat(verified.exit()).isEqualTo(1);
            assertThat(verified.out())
                    .startsWith("MISMATCH xrays")
                    .contains("changed: images/p2.png", "added:   extra.csv", "missing: labels.csv");
        }

        @Test
        void verify_json_lists_the_changed_files_and_record_puts_the_check_on_the_ledger() throws IOException {
            register();
            Files.writeString(dataset.resolve("labels.csv"), "p3,normal\n", StandardOpenOption.APPEND);

            Run verified =
                    cli("verify", dataset.toString(), "--id", "xrays", "--record", "--purpose", "TRAINING", "--json");

            assertThat(verified.exit()).isEqualTo(1);
            assertThat(verified.out()).contains("\"changed\":[\"labels.csv\"]", "\"match\":false", "\"recordedTxId\"");
        }

        @Test
        void show_history_and_list_print_the_record() {
            register();
            assertThat(cli("status", "xrays", "REVOKED", "--reason", "tainted").exit())
                    .isZero();

            assertThat(cli("show", "xrays").out()).contains("status:", "REVOKED", "modality=x-ray");
            assertThat(cli("history", "xrays").out()).contains("REGISTERED", "STATUS_CHANGED", "(tainted)");
            assertThat(cli("list", "--kind", "DATASET").out()).contains("xrays", "REVOKED");
            assertThat(cli("show", "xrays", "--json").out()).startsWith("{").contains("\"status\":\"REVOKED\"");
        }
    }

    @Nested
    class Lineage {
        @BeforeEach
        void trainAndDeploy() throws IOException {
            register();
            Path model = Files.writeString(tmp.resolve("model.bin"), "weights");
            assertThat(cli("register", model.toString(), "--id", "model-v1", "--kind", "MODEL")
                            .exit())
                    .isZero();
            Run checked = cli("verify", dataset.toString(), "--id", "xrays", "--record", "--purpose", "TRAINING");
            assertThat(checked.exit()).as(checked.err()).isZero();
            Run run = cli(
                    "run",
                    "record",
                    "--id",
                    "run-1",
                    "--input",
                    "xrays=" + dataset,
                    "--param",
                    "lr=0.01",
                    "--output",
                    "model-v1");
            assertThat(run.exit()).as(run.err()).isZero();
            Run deployed =
                    cli("deploy", "record", "--id", "prod", "--model", "model-v1", "--environment", "production");
            assertThat(deployed.exit()).as(deployed.err()).isZero();
        }

        @Test
        void downstream_of_the_dataset_shows_the_run_model_and_deployment_as_a_tree() {
            Run lineage = cli("lineage", "xrays", "--downstream");

            assertThat(lineage.exit()).isZero();
            assertThat(lineage.out())
                    .startsWith("artifact xrays [DATASET, ACTIVE")
                    .contains("└─ input: run run-1", "output: artifact model-v1", "deployed: deployment prod");
        }

        @Test
        void renders_dot_mermaid_and_json() {
            assertThat(cli("lineage", "prod", "--format", "dot").out())
                    .startsWith("digraph lineage {")
                    .contains("\"artifact:xrays\" -> \"run:run-1\" [label=\"input\"]");
            assertThat(cli("lineage", "prod", "--format", "mermaid").out())
                    .startsWith("flowchart LR")
                    .contains("-->|input|");
            assertThat(cli("lineage", "prod", "--json").out()).contains("\"direction\":\"upstream\"");
        }
    }

    @Nested
    class Proofs {
        @Test
        void a_proof_of_one_file_is_accepted_by_the_chain_and_a_tampered_one_refused() throws IOException {
            register();
            Run proof = cli("prove", dataset.toString(), "images/p1.png");
            assertThat(proof.exit()).as(proof.err()).isZero();
            Path proofFile = Files.writeString(tmp.resolve("proof.json"), proof.out());
            Path tampered =
                    Files.writeString(tmp.resolve("tampered.json"), proof.out().replace("\"size\":8", "\"size\":9"));

            Run accepted = cli("check-proof", proofFile.toString(), "--id", "xrays");
            Run refused = cli("check-proof", tampered.toString(), "--id", "xrays");

            assertThat(accepted.exit()).as(accepted.out() + accepted.err()).isZero();
            assertThat(accepted.out()).startsWith("INCLUDED images/p1.png in xrays");
            assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
            assertThat(refused.out()).startsWith("REFUSED");
        }
    }

    @Nested
    class ExitCodes {
        @Test
        void a_rejection_exits_1_with_its_code_on_one_line() {
            Run missing = cli("show", "nope");

            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err())
                    .isEqualTo("error: NOT_FOUND: artifact nope does not exist" + System.lineSeparator());
            assertThat(missing.out()).isEmpty();
        }

        @Test
        void usage_mistakes_exit_2() {
            assertThat(cli("register", dataset.toString(), "--kind", "DATASET").exit())
                    .isEqualTo(2);
            assertThat(cli("register", dataset.toString(), "--id", "x", "--kind", "dataset")
                            .exit())
                    .isEqualTo(2);
            assertThat(cli("verify", tmp.resolve("absent").toString(), "--id", "x")
                            .exit())
                    .isEqualTo(2);
        }

        @Test
        void a_config_naming_a_missing_file_exits_2_naming_it() throws IOException {
            Path config = Files.writeString(
                    tmp.resolve("gateway.json"),
                    "{\"endpoint\":\"localhost:7051\","
                            + "\"mspId\":\"Org1MSP\",\"tlsCaCertificate\":\"ca.pem\",\"certificate\":\"cert.pem\","
                            + "\"privateKey\":\"key.pem\"}");

            Run run = cli("show", "x", "--config", config.toString());

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("error: ").contains(".pem");
        }

        @Command(name = "unavailable")
        static final class Unavailable implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new GatewayUnavailableException("peer0 at localhost:7051 did not answer", null, null);
            }
        }

        @Command(name = "invalid")
        static final class Invalid implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new CommitFailedException("ENDORSEMENT_POLICY_FAILURE", false, "tx9", null);
            }
        }

        @Test
        void an_unreachable_ledger_exits_3_and_a_failed_commit_4() {
            CommandLine commandLine = ProofTrailCli.commandLine();
            commandLine.addSubcommand(new Unavailable());
            commandLine.addSubcommand(new Invalid());

            Run unavailable = run(commandLine, "unavailable");
            Run invalid = run(ProofTrailCli.commandLine().addSubcommand(new Invalid()), "invalid");

            assertThat(unavailable.exit()).isEqualTo(3);
            assertThat(unavailable.err()).startsWith("error: UNAVAILABLE: peer0 at localhost:7051 did not answer");
            assertThat(invalid.exit()).isEqualTo(4);
            assertThat(invalid.err())
                    .startsWith(
                            "error: COMMIT_FAILED: transaction tx9 failed validation:" + " ENDORSEMENT_POLICY_FAILURE");
        }

        @Test
        void every_command_has_help() {
            for (String command : List.of(
                    "fingerprint",
                    "register",
                    "verify",
                    "show",
                    "history",
                    "list",
                    "status",
                    "run",
                    "deploy",
                    "lineage",
                    "compliance",
                    "verifications",
                    "prove",
                    "check-proof",
                    "consent",
                    "access",
                    "watch",
                    "ledger",
                    "load",
                    "demo")) {
                Run help = cli(command, "--help");
                assertThat(help.exit()).as(command).isZero();
                assertThat(help.out()).as(command).contains("Usage: prooftrail " + command);
            }
        }
    }

    @Nested
    class Watch {
        @Test
        void prints_committed_events_and_resumes_after_its_checkpoint() throws IOException {
            register();
            Path checkpoint = tmp.resolve("watch.checkpoint");

            Run first = cli("watch", "--checkpoint", checkpoint.toString(), "--max", "1", "--timeout", "30");
            assertThat(cli("status", "xrays", "DEPRECATED", "--reason", "v2 is out")
                            .exit())
                    .isZero();
            Run second = cli("watch", "--checkpoint", checkpoint.toString(), "--max", "1", "--timeout", "30");

            assertThat(first.exit()).isZero();
            assertThat(first.out()).startsWith("#1 ArtifactRegistered").contains("id=xrays");
            assertThat(second.out()).startsWith("#2 ArtifactStatusChanged").doesNotContain("ArtifactRegistered");
        }
    }

    @Nested
    class Load {
        @Test
        void prints_one_row_per_concurrency_level_with_throughput_and_latency_percentiles() {
            Run load = cli("load", "--tx-count", "20", "--concurrency", "1,4", "--warmup", "5", "--id-prefix", "t");

            assertThat(load.exit()).as(load.err()).isZero();
            List<String> lines = load.out().lines().toList();
            assertThat(lines.get(0))
                    .startsWith("load: embedded ledger in ")
                    .contains("20 transactions per round, closed loop", "ids t-r<round>-<n>");
            assertThat(lines.get(1)).isEqualTo("warmup: 5 submitted at concurrency 4, 5 committed, 0 failed");
            assertThat(lines.get(3).split(" +"))
                    .containsExactly(
                            "concurrency",
                            "submitted",
                            "committed",
                            "failed",
                            "tps",
                            "p50",
                            "ms",
                            "p95",
                            "ms",
                            "p99",
                            "ms",
                            "max",
                            "ms",
                            "failures");
            assertThat(lines).hasSize(6);
            for (int i = 0; i < 2; i++) {
                String[] row = lines.get(4 + i).strip().split(" +");
                assertThat(row).hasSize(10);
                assertThat(row[0]).isEqualTo(i == 0 ? "1" : "4");
                assertThat(row[1]).isEqualTo("20");
                assertThat(row[2]).isEqualTo("20");
                assertThat(row[3]).isEqualTo("0");
                for (int column = 4; column < 9; column++) {
                    assertThat(Double.parseDouble(row[column]))
                            .as(lines.get(4 + i))
                            .isPositive();
                }
                assertThat(row[9]).isEqualTo("-");
            }
            assertThat(cli("show", "t-r2-19").out()).contains("OTHER");
        }

        @Test
        void json_reports_every_round_and_a_repeated_prefix_is_rejected_as_already_existing() {
            Run first = cli("load", "--tx-count", "10", "--concurrency", "2", "--warmup", "0", "--id-prefix", "t");
            assertThat(first.exit()).as(first.err()).isZero();

            Run again = cli(
                    "load", "--tx-count", "10", "--concurrency", "2", "--warmup", "0", "--id-prefix", "t", "--json");

            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).startsWith("error: NOTHING_COMMITTED:");
            assertThat(again.out())
                    .startsWith("{")
                    .contains(
                            "\"idPrefix\":\"t\"",
                            "\"mode\":\"closed-loop\"",
                            "\"concurrency\":2",
                            "\"committed\":0",
                            "\"failures\":{\"REJECTED:ALREADY_EXISTS\":10}",
                            "\"committedTps\":0.0");
        }

        @Test
        void json_has_latency_percentiles_for_committed_rounds_and_ids_default_to_a_timestamped_prefix() {
            Run load = cli("load", "--tx-count", "5", "--concurrency", "1", "--warmup", "0", "--json");

            assertThat(load.exit()).as(load.err()).isZero();
            assertThat(load.out())
                    .containsPattern("\"idPrefix\":\"load-\\d{8}T\\d{6}\\.\\d{3}Z\"")
                    .containsPattern("\"latencyMs\":\\{\"max\":[0-9.]+,\"p50\":[0-9.]+,\"p95\":[0-9.]+,\"p99\":")
                    .contains("\"committed\":5", "\"failures\":{}");
        }

        @Test
        void bad_levels_are_usage_errors() {
            Run zero = cli("load", "--concurrency", "1,0");
            Run prefix = cli("load", "--id-prefix", "bad prefix");

            assertThat(zero.exit()).isEqualTo(2);
            assertThat(zero.err())
                    .startsWith("error: INVALID_ARGUMENT: --concurrency levels must be from 1 to 1024, not 0");
            assertThat(prefix.exit()).isEqualTo(2);
        }
    }

    @Nested
    class LedgerAndDemo {
        @Test
        void ledger_verify_passes_on_an_untouched_ledger_and_fails_after_an_edit() throws IOException {
            register();
            Run intact = cli("ledger", "verify", "--home", home.toString());
            assertThat(intact.exit()).as(intact.out() + intact.err()).isZero();

            try (var files = Files.walk(home.resolve("ledger"))) {
                Path log = files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".log"))
                        .findFirst()
                        .orElseThrow();
                byte[] bytes = Files.readAllBytes(log);
                bytes[bytes.length / 2] ^= 1;
                Files.write(log, bytes);
            }
            Run tampered = cli("ledger", "verify", "--home", home.toString());

            assertThat(tampered.exit()).isEqualTo(1);
            assertThat(tampered.out()).startsWith("TAMPERED");
        }

        @Test
        void the_demo_tells_the_whole_story() {
            Run demo = cli("demo", "--workdir", tmp.resolve("demo").toString());

            assertThat(demo.exit()).as(demo.err()).isZero();
            assertThat(demo.out())
                    .contains(
                            "refused by the ledger: FAILED_PRECONDITION: training on chest-xray-v3 is not allowed",
                            "the lab's access is logged on the ledger as DENIED",
                            "requires consent and has no consent attestation for TRAINING",
                            "public attestation v1: 3 consenting subjects",
                            "access logged as ALLOWED",
                            "pre-training verification recorded: match true",
                            "compliance triage-prod: CLEAR",
                            "└─ counted-in: run run-1",
                            "attestation v1 is STALE: ",
                            "compliance triage-prod: AT_RISK",
                            "AT_RISK STALE_ATTESTATION attestation:chest-xray-v3:TRAINING",
                            "refused by the ledger: FAILED_PRECONDITION: dataset chest-xray-v3 requires consent and its"
                                    + " TRAINING consent attestation (version 1) is STALE",
                            "public attestation v2: 2 consenting subjects",
                            "run run-2: chest-xray-v3 -> triage-model-v2 (relying on consent attestation v2)",
                            "MISMATCH (recorded on the ledger)",
                            "changed: labels.csv",
                            "refused by the ledger: FAILED_PRECONDITION: input chest-xray-v3 was seen with digest",
                            "refused by the ledger: FAILED_PRECONDITION: model triage-model-v2 is TAINTED and may not be"
                                    + " deployed: REVOKED_ARTIFACT artifact:chest-xray-v3",
                            "compliance triage-prod: TAINTED",
                            "TAINTED REVOKED_ARTIFACT artifact:chest-xray-v3",
                            "deployment triage-prod: TAINTED -> retire the deployment");
            assertThat(demo.out().indexOf("compliance triage-prod: CLEAR"))
                    .isLessThan(demo.out().indexOf("compliance triage-prod: AT_RISK"))
                    .isLessThan(demo.out().indexOf("compliance triage-prod: TAINTED"));
            assertThat(demo.out()).doesNotContain("patient-0001", "unexpectedly accepted");
        }
    }

    @Test
    void fingerprint_of_a_file_matches_sha256sum() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.txt"), "hello\n");

        Run run = cli("fingerprint", file.toString(), "--json");

        assertThat(run.out())
                .contains("\"digest\":\"sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\"");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo("hello\n");
    }

    @Test
    void fingerprint_prints_the_plain_sha256_of_a_large_file_only_with_the_sha256_option() throws Exception {
        Path file = Files.write(tmp.resolve("zeros.bin"), new byte[8 * 1024 * 1024 + 1]);

        Run plain = cli("fingerprint", file.toString(), "--json");
        Run withSha = cli("fingerprint", file.toString(), "--json", "--sha256");

        // The digest is that of the chunk manifest (docs/fingerprints.md), the sha256 what sha256sum prints.
        String digest = "\"digest\":\"sha256:1669c24d2fb3f8550fe84c3ec8d1f2db95a136a6f289238e6cdb520e2347bda0\"";
        assertThat(plain.out()).contains(digest).doesNotContain("\"sha256\"");
        assertThat(withSha.out())
                .contains(digest)
                .contains("\"sha256\":\"sha256:" + sha256Hex(Files.readAllBytes(file)) + "\"");
    }

    @Test
    void fingerprint_refuses_the_sha256_option_for_a_directory() throws Exception {
        Files.createDirectories(tmp.resolve("dir"));

        Run run = cli("fingerprint", tmp.resolve("dir").toString(), "--sha256");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--sha256 is for a file");
    }

    private static String sha256Hex(byte[] content) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void a_named_subcommand_alone_parses_and_helps_as_among_all_the_others() {
        for (String[] args :
                new String[][] {{"fingerprint", "--help"}, {"verify", "--help"}, {"fingerprint", "--bad"}}) {
            Run alone = run(ProofTrailCli.commandLineFor(args), args);
            Run among = run(ProofTrailCli.commandLine(), args);
            assertThat(alone).as(String.join(" ", args)).isEqualTo(among);
            assertThat(ProofTrailCli.commandLineFor(args).getSubcommands()).containsOnlyKeys(args[0]);
        }
        assertThat(ProofTrailCli.commandLineFor(new String[] {"--help"}).getSubcommands())
                .containsKeys("fingerprint", "register", "verify", "help");
    }
}
