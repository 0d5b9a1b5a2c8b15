package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code prooftrail} launcher's choice of JVM options: C1 alone for the commands that only read the ledger,
 * both compilers for every other command, and {@code PROOFTRAIL_JAVA_OPTS} over both. The launcher runs with a
 * {@code java} first on its PATH that records the arguments it was given instead of starting a JVM (what the real
 * JVM does with them is measured by bench/embedded-ledger.sh), and with {@code PROOFTRAIL_JAR}, so nothing is built.
 */
class LauncherTest {

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path dir;

    @Test
    void commandsThatOnlyReadTheLedgerRunOnC1Alone() throws Exception {
        for (String command : List.of("show", "history", "list", "lineage", "compliance", "verifications")) {
            assertThat(javaArguments(Map.of(), command, "some-id")).as(command).contains(C1_ONLY, "-XX:+UseSerialGC");
        }
        assertThat(javaArguments(Map.of(), "--org=hospital-b", "list", "--kind", "DATASET"))
                .contains(C1_ONLY);
        assertThat(javaArguments(Map.of(), "--org", "hospital-b", "show", "x")).contains(C1_ONLY);
    }

    @Test
    void everyOtherCommandKeepsBothCompilers() throws Exception {
        for (List<String> line : List.of(
                List.of("fingerprint", "show"),
                List.of("register", "list", "--id", "history"),
                List.of("load", "--tx-count", "10"),
                List.of("ledger", "verify"),
                List.of("watch"),
                List.of("--org", "show", "load"),
                List.of("--help"),
                List.<String>of())) {
            final List<String> arguments = javaArguments(Map.of(), line.toArray(String[]::new));
            assertThat(arguments).as(line.toString()).doesNotContain(C1_ONLY).contains("-XX:+UseSerialGC");
            assertThat(arguments.subList(arguments.size() - line.size(), arguments.size()))
                    .as("the command line, unchanged")
                    .isEqualTo(line);
        }
    }

    @Test
    void javaOptionsFromTheEnvironmentReplaceTheLaunchers() throws Exception {
        assertThat(javaArguments(Map.of("PROOFTRAIL_JAVA_OPTS", "-Xmx64m"), "show", "x"))
                .contains("-Xmx64m")
                .doesNotContain(C1_ONLY, "-XX:+UseSerialGC");
        assertThat(javaArguments(Map.of("PROOFTRAIL_JAVA_OPTS", ""), "list"))
                .containsExactly("-jar", dir.resolve("prooftrail.jar").toString(), "list");
    }

    /** The arguments the launcher gives {@code java} for this command line. */
    private List<String> javaArguments(Map<String, String> environment, String... line)
            throws IOException, InterruptedException {
        final Path bin = Files.createDirectories(dir.resolve("bin"));
        final Path recorded = dir.resolve("java-arguments");
        final Path java = bin.resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + recorded + "\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        final Path jar = dir.resolve("prooftrail.jar");
        Files.writeString(jar, "not run", StandardCharsets.UTF_8);
        Files.deleteIfExists(recorded);

        final List<String> command = new ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(List.of(line));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("PROOFTRAIL_JAR", jar.toString());
        builder.environment().put("PROOFTRAIL_CDS", "0");
        builder.environment().remove("PROOFTRAIL_JAVA_OPTS");
        builder.environment().putAll(environment);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readAllLines(recorded, StandardCharsets.UTF_8);
    }

    private static Path launcher() {
        return Path.of("..", "..", "prooftrail").toAbsolutePath().normalize();
    }
}
