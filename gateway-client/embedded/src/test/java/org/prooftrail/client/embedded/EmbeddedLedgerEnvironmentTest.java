package org.prooftrail.client.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerEnvironmentTest {

    @TempDir
    Path home;

    @Test
    void refuses_to_open_in_a_peer_cli_tls_shell_with_an_explanation() throws Exception {
        final ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingRegistrar.class.getName(),
                home.toString(),
                "env");
        builder.environment().put("CORE_PEER_TLS_ENABLED", "true");
        builder.environment().remove("CORE_TLS_CLIENT_CERT_PATH");
        final Process process = builder.start();
        final byte[] stdout = process.getInputStream().readAllBytes();
        final String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(stdout).isEmpty();
        assertThat(stderr)
                .contains("GatewayUnavailableException")
                .contains("CORE_PEER_TLS_ENABLED=true")
                .contains("env -u CORE_PEER_TLS_ENABLED");
    }
}
