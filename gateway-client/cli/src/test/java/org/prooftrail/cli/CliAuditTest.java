package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.json.Json;

/** {@code audit bundle} and {@code audit verify} end to end on an embedded ledger in a temporary folder. */
class CliAuditTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path bundle;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        Path dataset = Files.createDirectories(tmp.resolve("xrays"));
        Files.writeString(dataset.resolve("labels.csv"), "p1,normal\np2,pneumonia\n");
        ok("register", dataset.toString(), "--id", "xrays", "--kind", "DATASET");
        Path model = Files.writeString(tmp.resolve("model.bin"), "weights");
        ok("register", model.toString(), "--id", "model-v1", "--kind", "MODEL");
        ok("run", "record", "--id", "run-1", "--input", "xrays=" + dataset, "--output", "model-v1");
        ok("deploy", "record", "--id", "prod", "--model", "model-v1", "--environment", "production");
        ok("status", "xrays", "DEPRECATED", "--reason", "relabelled");
        bundle = tmp.resolve("prod.bundle.json");
        ok("audit", "bundle", "prod", "--out", bundle.toString());
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run verify(Path file, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("audit", "verify", file.toString()));
        all.addAll(List.of(more));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    @SuppressWarnings("unchecked")
    private Path rewritten(String name, java.util.function.Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> tree = Json.readObject(Files.readString(bundle, StandardCharsets.UTF_8), "bundle");
        change.accept(tree);
        return Files.writeString(tmp.resolve(name), Json.write(tree), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> tree, String... path) {
        Object node = tree;
        for (String name : path) {
            node = ((Map<String, Object>) node).get(name);
        }
        return (List<Object>) node;
    }

    @Nested
    class AnEmbeddedBundle {
        @Test
        void holds_every_record_upstream_of_the_deployment_and_verifies_offline_with_one_line_per_record() {
            Run verified = verify(bundle);

            assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            List<String> lines = verified.out().lines().toList();
            assertThat(lines.get(lines.size() - 1)).startsWith("VERIFIED 6 records of deployment:prod");
            assertThat(lines)
                    .filteredOn(line -> line.startsWith("OK "))
                    .hasSize(6)
                    .anySatisfy(line -> assertThat(line).startsWith("OK   registration xrays"))
                    .anySatisfy(line -> assertThat(line).startsWith("OK   status xrays"))
                    .anySatisfy(line -> assertThat(line).startsWith("OK   run run-1"))
                    .anySatisfy(line -> assertThat(line).startsWith("OK   deployment prod"))
                    .allSatisfy(line -> assertThat(line)
                            .contains("channel-config=ok write-set=ok data-hash=ok header-chain=ok"
                                    + " checkpoint-signature=ok"));
        }

        @Test
        void reports_every_check_in_json() {
            Run verified = verify(bundle, "--json");

            Map<String, Object> tree = Json.readObject(verified.out().strip(), "verification");
            assertThat(tree.get("ok")).isEqualTo(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> first =
                    (Map<String, Object>) list(tree, "records").get(0);
            assertThat(first).containsKeys("id", "kind", "key", "txId", "block", "org", "time", "checks");
            assertThat(first.get("org")).isEqualTo("LocalOrgMSP");
        }

        @Test
        void fails_write_set_when_a_record_claims_another_value() throws IOException {
            @SuppressWarnings("unchecked")
            Path tampered = rewritten("value.json", tree -> ((Map<String, Object>)
                            list(tree, "records").get(0))
                    .put("value", Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));

            Run failed = verify(tampered);

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("write-set=FAILED").contains("failed checks: write-set");
        }

        @Test
        void fails_data_hash_when_a_byte_of_a_log_record_is_flipped() throws IOException {
            Path tampered = rewritten("flipped.json", tree -> {
                List<Object> log = list(tree, "log", "records");
                byte[] bytes = Base64.getDecoder().decode((String) log.get(0));
                bytes[bytes.length / 2] ^= 0x01;
                log.set(0, Base64.getEncoder().encodeToString(bytes));
            });

            Run failed = verify(tampered);

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("data-hash=FAILED");
        }

        @Test
        void fails_header_chain_when_the_chain_is_cut_before_the_signed_checkpoint() throws IOException {
            Path tampered = rewritten("truncated.json", tree -> {
                List<Object> log = list(tree, "log", "records");
                log.remove(log.size() - 1);
            });

            Run failed = verify(tampered);

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out())
                    .contains("header-chain: the hash chain ends at record 5, the signed checkpoint is at record 6")
                    .containsPattern("failed checks: .*header-chain");
        }

        @Test
        void fails_checkpoint_signature_when_the_checkpoint_is_moved_back() throws IOException {
            @SuppressWarnings("unchecked")
            Path tampered = rewritten("moved.json", tree -> {
                Map<String, Object> checkpoint = (Map<String, Object>) tree.get("checkpoint");
                checkpoint.put("number", (Long) checkpoint.get("number") - 1);
            });

            Run failed = verify(tampered);

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("checkpoint-signature: the checkpoint's signature does not verify");
        }

        @Test
        void fails_channel_config_against_another_organisations_ca() throws IOException {
            Path otherHome = tmp.resolve("other");
            StringWriter ignored = new StringWriter();
            var commandLine = ProofTrailCli.commandLine();
            commandLine.setOut(new PrintWriter(ignored));
            commandLine.setErr(new PrintWriter(ignored));
            commandLine.execute("list", "--home", otherHome.toString());
            Path otherCa = otherHome.resolve("identity/LocalOrgMSP/cacerts/ca.pem");

            Run failed = verify(bundle, "--trust", otherCa.toString());

            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("channel-config: the bundle's CA").contains("not among the trusted");
            Run trusted = verify(
                    bundle,
                    "--trust",
                    home.resolve("identity/LocalOrgMSP/cacerts/ca.pem").toString());
            assertThat(trusted.exit()).as(trusted.out()).isZero();
        }
    }

    @Nested
    class TheSignedCheckpoint {
        @Test
        void makes_ledger_verify_report_a_log_cut_short_as_tampered() throws IOException {
            assertThat(cli("ledger", "verify").exit()).isZero();
            Path log = home.resolve("ledger/transactions.log");
            long records = Files.size(log);
            // Cut the last whole record off: the chain that remains is intact, the checkpoint says it went further.
            List<Long> ends = new ArrayList<>();
            byte[] bytes = Files.readAllBytes(log);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            in.position("prooftrail-txlog/2\n".length());
            while (in.remaining() > 12) {
                in.getInt();
                int length = in.getInt();
                in.getInt();
                in.position(in.position() + length + 32);
                ends.add((long) in.position());
            }
            assertThat(ends.get(ends.size() - 1)).isEqualTo(records);
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(ends.get(ends.size() - 2));
            }

            Run verified = cli("ledger", "verify");

            assertThat(verified.exit()).isEqualTo(1);
            assertThat(verified.out()).startsWith("TAMPERED ").contains("the log was cut short");
        }
    }

    @Nested
    class AReportFromABundle {
        private Run report(Path file, String... more) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var commandLine = ProofTrailCli.commandLine();
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(err));
            List<String> all = new ArrayList<>(List.of("audit", "report", "--bundle", file.toString()));
            all.addAll(List.of(more));
            int exit = commandLine.execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(), err.toString());
        }

        @Test
        void shows_every_record_with_every_check_the_offline_verification_made() {
            Run made = report(bundle, "--format", "json");

            assertThat(made.exit()).as(made.out() + made.err()).isZero();
            Map<String, Object> tree = Json.readObject(made.out().strip(), "report");
            assertThat(tree.get("subject")).isEqualTo("deployment:prod");
            List<Object> rows = list(tree, "records");
            assertThat(tree.get("allChecksHold")).isEqualTo(true);
            assertThat(rows).hasSize(6);
            assertThat(made.out())
                    .contains("checkpoint-signature")
                    .contains("header-chain")
                    .doesNotContain("FAILED")
                    .doesNotContain("not checked");
        }

        @Test
        void marks_the_failed_check_and_exits_1_for_a_tampered_bundle() throws IOException {
            @SuppressWarnings("unchecked")
            Path tampered = rewritten("value.json", tree -> ((Map<String, Object>)
                            list(tree, "records").get(0))
                    .put("value", Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));

            Run made = report(tampered, "--format", "md");

            assertThat(made.exit()).isEqualTo(1);
            assertThat(made.out()).contains("FAILED").contains("write-set");
        }

        @Test
        void refuses_an_id_together_with_a_bundle() {
            Run refused = report(bundle, "prod");

            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("exactly one of ID");
        }
    }
}
