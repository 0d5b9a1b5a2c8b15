package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;

class ConfigEnvironmentTest {
    @TempDir
    Path folder;

    private final Map<String, String> environment = new HashMap<>();
    private Crypto crypto;

    @BeforeEach
    void setEnvironment() throws IOException {
        crypto = Crypto.in(folder);
        environment.put("PROOFTRAIL_GATEWAY_ENDPOINT", "localhost:7051");
        environment.put("PROOFTRAIL_TLS_CA", crypto.tlsCa.toString());
        environment.put("PROOFTRAIL_MSP_ID", "Org1MSP");
        environment.put("PROOFTRAIL_CERT", crypto.certificate.toString());
        environment.put("PROOFTRAIL_KEY", crypto.privateKey.toString());
    }

    @Nested
    class Reading {
        @Test
        void reads_the_required_variables_and_defaults_the_rest() {
            GatewayConfig config = GatewayConfig.fromEnvironment(environment);

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
            assertThat(config.privateKey()).isEqualTo(crypto.privateKey);
            assertThat(config.channel()).isEqualTo("prooftrail");
            assertThat(config.chaincode()).isEqualTo("prooftrail");
            assertThat(config.serverNameOverride()).isEmpty();
        }

        @Test
        void reads_the_optional_variables() {
            environment.put("PROOFTRAIL_SERVER_NAME", "peer0.org1.example.com");
            environment.put("PROOFTRAIL_CHANNEL", "mychannel");
            environment.put("PROOFTRAIL_CHAINCODE", "basic");
            environment.put("PROOFTRAIL_COMMIT_STATUS_DEADLINE", "90s");

            GatewayConfig config = GatewayConfig.fromEnvironment(environment);

            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(config.channel()).isEqualTo("mychannel");
            assertThat(config.chaincode()).isEqualTo("basic");
            assertThat(config.commitStatusDeadline()).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void resolves_relative_paths_against_the_working_folder() {
            environment.put("PROOFTRAIL_KEY", "msp/keystore/priv_sk");

            GatewayConfig config = ConfigEnvironment.read(environment, folder);

            assertThat(config.privateKey()).isEqualTo(folder.resolve("msp/keystore/priv_sk"));
        }

        @Test
        void treats_an_empty_optional_variable_as_unset() {
            environment.put("PROOFTRAIL_CHANNEL", " ");

            assertThat(GatewayConfig.fromEnvironment(environment).channel()).isEqualTo("prooftrail");
        }
    }

    @Nested
    class Errors {
        @Test
        void a_missing_variable_is_named() {
            environment.remove("PROOFTRAIL_MSP_ID");

            assertThatThrownBy(() -> GatewayConfig.fromEnvironment(environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("environment variable PROOFTRAIL_MSP_ID is not set");
        }

        /** As GatewayConfigFuzzTest found for config files: Path.resolve threw InvalidPathException. */
        @Test
        void a_file_path_with_a_nul_character_is_named() {
            environment.put("PROOFTRAIL_KEY", "key\u0000.pem");

            assertThatThrownBy(() -> GatewayConfig.fromEnvironment(environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(
                            "environment variable PROOFTRAIL_KEY is not a usable file path: Nul character not allowed");
        }

        @Test
        void a_certificate_file_that_does_not_exist_is_named() {
            Path missing = folder.resolve("nope.pem");
            environment.put("PROOFTRAIL_CERT", missing.toString());

            assertThatThrownBy(() -> GatewayConfig.fromEnvironment(environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("certificate file " + missing + " does not exist");
        }

        @Test
        void a_bad_deadline_names_its_variable() {
            environment.put("PROOFTRAIL_ENDORSE_DEADLINE", "-5s");

            assertThatThrownBy(() -> GatewayConfig.fromEnvironment(environment))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("PROOFTRAIL_ENDORSE_DEADLINE: '-5s'");
        }
    }
}
