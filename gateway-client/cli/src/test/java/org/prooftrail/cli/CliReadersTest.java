package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.embedded.EmbeddedLedger;

/**
 * The embedded ledger from the command line while something else uses it: reading commands and {@code watch} take no
 * lock, one command writes at a time; and an erasure leaves nothing in the home.
 */
class CliReadersTest {
    private static final Pattern REF = Pattern.compile("\\b[0-9a-f]{64}\\b");

    @TempDir
    Path tmp;

    private Path home;
    private Path data;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        data = Files.writeString(tmp.resolve("xrays.csv"), "p1,normal\np2,pneumonia\n");
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private Run cli(String... args) {
        return cli(new StringWriter(), args);
    }

    private Run cli(Writer out, String... args) {
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** Output that counts its lines down on a latch. */
    private static final class Lines extends StringWriter {
        private final CountDownLatch[] latches;

        Lines(CountDownLatch... latches) {
            this.latches = latches;
        }

        @Override
        public void write(String text, int offset, int length) {
            super.write(text, offset, length);
            for (int i = offset; i < offset + length; i++) {
                if (text.charAt(i) == '\n') {
                    for (CountDownLatch latch : latches) {
                        latch.countDown();
                    }
                }
            }
        }
    }

    @Nested
    class Watch {
        @Test
        void keeps_running_while_register_writes_and_prints_the_new_event() throws Exception {
            ok("register", data.toString(), "--id", "first", "--kind", "DATASET");
            CountDownLatch watching = new CountDownLatch(1);
            CountDownLatch twoEvents = new CountDownLatch(2);
            Lines watchOut = new Lines(watching, twoEvents);
            Future<Run> watch = background.submit(() -> cli(watchOut, "watch", "--max", "2", "--timeout", "60"));
            assertThat(watching.await(60, TimeUnit.SECONDS))
                    .as("watch printed the first event")
                    .isTrue();

            Run register = cli("register", data.toString(), "--id", "second", "--kind", "DATASET");

            assertThat(register.exit()).as(register.err()).isZero();
            assertThat(twoEvents.await(60, TimeUnit.SECONDS))
                    .as(watchOut.toString())
                    .isTrue();
            Run watched = watch.get(60, TimeUnit.SECONDS);
            assertThat(watched.exit()).as(watched.err()).isZero();
            assertThat(watched.out().lines())
                    .hasSize(2)
                    .satisfiesExactly(
                            line -> assertThat(line)
                                    .startsWith("#1 ArtifactRegistered")
                                    .contains("first"),
                            line -> assertThat(line)
                                    .startsWith("#2 ArtifactRegistered")
                                    .contains("second"));
        }
    }

    @Nested
    class WhileAnotherProcessWrites {
        @Test
        void reading_commands_run_and_a_writing_command_is_refused_as_unavailable() {
            ok("register", data.toString(), "--id", "xrays", "--kind", "DATASET");
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                assertThat(writer.height()).isEqualTo(1);

                assertThat(ok("show", "xrays").out()).contains("xrays");
                assertThat(ok("history", "xrays").out()).contains("REGISTERED");
                assertThat(ok("list").out()).contains("xrays");
                assertThat(ok("lineage", "xrays").out()).contains("xrays");
                assertThat(ok("verify", data.toString(), "--id", "xrays").out()).startsWith("OK xrays");
                assertThat(ok("ledger", "verify").out()).startsWith("INTACT");

                Run register = cli("register", data.toString(), "--id", "other", "--kind", "DATASET");
                assertThat(register.exit()).isEqualTo(ExitCode.UNAVAILABLE);
                assertThat(register.err()).startsWith("error: UNAVAILABLE: ").contains("for writing");
            }
            assertThat(ok("register", data.toString(), "--id", "other", "--kind", "DATASET")
                            .exit())
                    .isZero();
        }
    }

    @Nested
    class Erasure {
        @Test
        void after_consent_erase_no_file_in_the_home_holds_the_subject_and_the_ledger_verifies() throws IOException {
            Path subjects = Files.writeString(tmp.resolve("subjects.txt"), "patient-1\npatient-2\npatient-3\n");
            Path one = Files.writeString(tmp.resolve("one.txt"), "patient-2\n");
            ok("register", data.toString(), "--id", "ds1", "--kind", "DATASET", "--requires-consent");
            Run granted = ok(
                    "consent",
                    "grant",
                    "--dataset",
                    "ds1",
                    "--purpose",
                    "TRAINING",
                    "--days",
                    "365",
                    "--form-digest",
                    "sha256:" + "ab".repeat(32),
                    "--subjects",
                    subjects.toString());
            List<String> refs = granted.out()
                    .lines()
                    .map(line -> {
                        Matcher ref = REF.matcher(line);
                        assertThat(ref.find()).as(line).isTrue();
                        return ref.group();
                    })
                    .toList();
            ok("consent", "attest", "--dataset", "ds1", "--purpose", "TRAINING");

            ok("consent", "erase", "--dataset", "ds1", "--reason", "withdrawn", "--subjects", one.toString());

            String erased = refs.get(1);
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(bytes).as(file.toString()).doesNotContain(erased);
                }
            }
            assertThat(ok("ledger", "verify").out()).startsWith("INTACT");
            assertThat(cli(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "ds1",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    one.toString())
                            .out())
                    .startsWith("NOT CONSENTED");
            Path others = Files.writeString(tmp.resolve("others.txt"), "patient-1\npatient-3\n");
            assertThat(ok(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "ds1",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    others.toString())
                            .out()
                            .lines())
                    .hasSize(2)
                    .allMatch(line -> line.startsWith("CONSENTED"));
        }
    }
}
