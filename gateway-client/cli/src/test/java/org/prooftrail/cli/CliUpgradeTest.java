package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prooftrail ledger upgrade} and {@code prooftrail maintenance ...} on a copy of the home release 0.1.0 wrote
 * ({@code gateway-client/embedded/src/test/resources/previous-release/0.1.0-home}, see {@code PreviousReleaseHomeTest}).
 */
class CliUpgradeTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void copyTheFixtureHome() throws IOException {
        Path fixture = Path.of("../embedded/src/test/resources/previous-release/0.1.0-home");
        try (Stream<Path> paths = Files.walk(fixture)) {
            for (Path path : paths.toList()) {
                Path target = home.resolve(fixture.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Nested
    class Before_the_upgrade {
        @Test
        void a_command_on_the_old_home_exits_unavailable_naming_the_upgrade_command() {
            Run show = cli("show", "train-code-v1");

            assertThat(show.exit()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(show.err()).startsWith("error: UNAVAILABLE: ").contains("prooftrail ledger upgrade");
        }
    }

    @Nested
    class Ledger_upgrade {
        @Test
        void converts_the_home_once_and_then_has_nothing_to_do() {
            Run first = cli("ledger", "upgrade");

            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("UPGRADED 19 transactions from log format 1 (prooftrail 0.1.0) to 2")
                    .contains("f10c9b8b6ec592b37b7e0ddd88653ba135cd077f7923c7f8b904b21df3174af1 (format 1) is now")
                    .contains("format-1-upgrade.json");
            Run again = cli("ledger", "upgrade", "--json");
            assertThat(again.exit()).isZero();
            assertThat(again.out()).contains("\"converted\":false");
            Run verify = cli("ledger", "verify");
            assertThat(verify.out()).startsWith("INTACT ").contains("19 transactions");
        }
    }

    @Nested
    class Maintenance {
        @BeforeEach
        void upgradeTheLog() {
            assertThat(cli("ledger", "upgrade").exit()).isZero();
        }

        @Test
        void version_names_the_record_format() {
            Run version = cli("maintenance", "version");

            assertThat(version.exit()).as(version.err()).isZero();
            assertThat(version.out()).contains("record format 2 (reads formats 1 to 2)");
        }

        @Test
        void upgrade_back_fills_the_local_artifact_once() {
            Run first = cli("maintenance", "upgrade", "train-code-v1");

            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("train-code-v1: ")
                    .contains("keys back-filled")
                    .contains("grants adopted: HospitalBMSP/auditor REVOKED, ResearchMSP/* ACTIVE");
            Run again = cli("maintenance", "upgrade", "train-code-v1", "--json");
            assertThat(again.out()).contains("\"upToDate\":true");
            assertThat(cli("show", "train-code-v1").out()).contains("DEPRECATED");
        }

        @Test
        void upgrade_of_another_organisations_artifact_is_refused() {
            Run refused = cli("maintenance", "upgrade", "chest-xray-v3");

            assertThat(refused.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(refused.err())
                    .startsWith("error: PERMISSION_DENIED: only HospitalAMSP may upgrade artifact chest-xray-v3");
        }
    }
}
