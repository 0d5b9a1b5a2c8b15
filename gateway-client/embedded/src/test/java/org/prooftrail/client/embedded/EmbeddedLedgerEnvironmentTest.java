package org.prooftrail.client.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerEnvironmentTest {

    @TempDir
    Path home;

    @Test
    void runs_in_a_peer_cli_tls_shell_since_the_contracts_read_no_peer_environment() throws Exception {
        final ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StdinRegistrar.class.getName(),
                home.toString());
        builder.environment().put("CORE_PEER_TLS_ENABLED", "true");
        builder.environment().remove("CORE_TLS_CLIENT_CERT_PATH");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        final Process process = builder.start();
        process.getOutputStream().write("peer-shell\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        final String stdout;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            stdout = String.join("\n", out.lines().toList());
        }

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout).isEqualTo("ready\npeer-shell");
        try (EmbeddedLedger ledger = EmbeddedLedger.openShared(home)) {
            assertThat(Artifacts.get(ledger, "peer-shell")).contains("\"id\":\"peer-shell\"");
        }
    }
}
