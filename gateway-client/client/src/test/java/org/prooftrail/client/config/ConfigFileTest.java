package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;

class ConfigFileTest {
    @TempDir
    Path folder;

    private Path configFile;

    @BeforeEach
    void createCrypto() throws IOException {
        Crypto.in(folder);
        configFile = folder.resolve("gateway.json");
    }

    private Path write(String json) throws IOException {
        return Files.writeString(configFile, json);
    }

    private static final String MINIMAL = """
            {
              "endpoint": "localhost:7051",
              "tlsCaCertificate": "tls/ca.crt",
              "mspId": "Org1MSP",
              "certificate": "msp/signcerts/cert.pem",
              "privateKey": "msp/keystore/priv_sk"
            }
            """;

    @Nested
    class Reading {
        @Test
        void resolves_relative_paths_against_the_files_folder() throws IOException {
            GatewayConfig config = GatewayConfig.fromFile(write(MINIMAL));

            assertThat(config.tlsCaCertificateFile()).contains(folder.resolve("tls/ca.crt"));
            assertThat(config.certificate()).isEqualTo(folder.resolve("msp/signcerts/cert.pem"));
            assertThat(config.privateKey()).isEqualTo(folder.resolve("msp/keystore/priv_sk"));
            assertThat(config.channel()).isEqualTo("prooftrail");
        }

        @Test
        void reads_every_key() throws IOException {
            GatewayConfig config = GatewayConfig.fromFile(write("""
                    {
                      "endpoint": "peer0.org1.example.com:7051",
                      "tlsCaCertificate": "%s",
                      "serverNameOverride": "peer0.org1.example.com",
                      "mspId": "Org1MSP",
                      "certificate": "msp/signcerts/cert.pem",
                      "privateKey": "msp/keystore/priv_sk",
                      "channel": "mychannel",
                      "chaincode": "prooftrail-dev",
                      "deadlines": { "evaluate": "2s", "endorse": "PT20S", "submit": "1500ms", "commitStatus": "2m" }
                    }
                    """.formatted(folder.resolve("tls/ca.crt"))));

            assertThat(config.endpoint()).isEqualTo("peer0.org1.example.com:7051");
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(config.channel()).isEqualTo("mychannel");
            assertThat(config.chaincode()).isEqualTo("prooftrail-dev");
            assertThat(config.evaluateDeadline()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.endorseDeadline()).isEqualTo(Duration.ofSeconds(20));
            assertThat(config.submitDeadline()).isEqualTo(Duration.ofMillis(1500));
            assertThat(config.commitStatusDeadline()).isEqualTo(Duration.ofMinutes(2));
        }
    }

    @Nested
    class Commit_resolution_and_failover {
        @Test
        void default_to_the_documented_values_and_no_failover() throws IOException {
            GatewayConfig config = GatewayConfig.fromFile(write(MINIMAL));

            assertThat(config.commitResolutionDeadline()).isEqualTo(Duration.ofSeconds(120));
            assertThat(config.commitResolutionBlocks()).isEqualTo(5);
            assertThat(config.gateways()).containsExactly(config);
        }

        @Test
        void reads_the_resolution_settings_and_the_failover_gateways_in_order() throws IOException {
            GatewayConfig config = GatewayConfig.fromFile(write("""
                    {
                      "endpoint": "localhost:7051",
                      "tlsCaCertificate": "tls/ca.crt",
                      "serverNameOverride": "peer0.org1.example.com",
                      "mspId": "Org1MSP",
                      "certificate": "msp/signcerts/cert.pem",
                      "privateKey": "msp/keystore/priv_sk",
                      "deadlines": { "commitResolution": "45s" },
                      "commitResolutionBlocks": 3,
                      "failoverGateways": [
                        { "endpoint": "localhost:9051", "tlsCaCertificate": "tls/ca.crt",
                          "serverNameOverride": "peer0.org2.example.com" },
                        { "endpoint": "grpcs://localhost:11051", "tlsCaCertificate": "tls/ca.crt" }
                      ]
                    }
                    """));

            assertThat(config.commitResolutionDeadline()).isEqualTo(Duration.ofSeconds(45));
            assertThat(config.commitResolutionBlocks()).isEqualTo(3);
            assertThat(config.gateways())
                    .extracting(GatewayConfig::endpoint)
                    .containsExactly("localhost:7051", "localhost:9051", "localhost:11051");
            assertThat(config.gateways())
                    .extracting(gateway -> gateway.serverNameOverride().orElse("-"))
                    .containsExactly("peer0.org1.example.com", "peer0.org2.example.com", "-");
            assertThat(config.gateways()).allSatisfy(gateway -> {
                assertThat(gateway.mspId()).isEqualTo("Org1MSP");
                assertThat(gateway.privateKey()).isEqualTo(folder.resolve("msp/keystore/priv_sk"));
                assertThat(gateway.commitResolutionBlocks()).isEqualTo(3);
                assertThat(gateway.gateways()).containsExactly(gateway);
            });
        }

        @Test
        void rejects_a_failover_gateway_without_an_endpoint() throws IOException {
            Path file = write(MINIMAL.replace(
                    "\"mspId\"", "\"failoverGateways\": [{\"tlsCaCertificate\": \"tls/ca.crt\"}], \"mspId\""));

            assertThatThrownBy(() -> GatewayConfig.fromFile(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'failoverGateways[0].endpoint'")
                    .hasMessageContaining("is required");
        }

        @Test
        void rejects_an_unknown_key_of_a_failover_gateway() throws IOException {
            Path file = write(MINIMAL.replace(
                    "\"mspId\"",
                    "\"failoverGateways\": [{\"endpoint\": \"h:1\", \"tlsCaCertificate\": \"tls/ca.crt\","
                            + " \"mspId\": \"X\"}], \"mspId\""));

            assertThatThrownBy(() -> GatewayConfig.fromFile(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'failoverGateways[0].mspId'")
                    .hasMessageContaining("is not a known key");
        }

        @Test
        void rejects_a_number_of_blocks_that_is_not_a_whole_number_from_1_to_1000() throws IOException {
            Path fraction = write(MINIMAL.replace("\"mspId\"", "\"commitResolutionBlocks\": 2.5, \"mspId\""));
            assertThatThrownBy(() -> GatewayConfig.fromFile(fraction))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'commitResolutionBlocks'");

            Path zero = write(MINIMAL.replace("\"mspId\"", "\"commitResolutionBlocks\": 0, \"mspId\""));
            assertThatThrownBy(() -> GatewayConfig.fromFile(zero))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("commitResolutionBlocks must be from 1 to 1000, not 0");
        }
    }

    @Nested
    class Errors {
        @Test
        void a_missing_config_file_is_named() {
            Path missing = folder.resolve("nope.json");

            assertThatThrownBy(() -> GatewayConfig.fromFile(missing))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("gateway config file " + missing + " does not exist");
        }

        @Test
        void an_unreadable_config_file_is_named() {
            assertThatThrownBy(() -> GatewayConfig.fromFile(folder))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("cannot read gateway config file " + folder);
        }

        @Test
        void a_file_that_is_not_json_is_named_in_one_line() throws IOException {
            write("{ \"endpoint\": ");

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("gateway config file " + configFile + " is not valid JSON")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void a_missing_key_is_named_with_the_file() throws IOException {
            write(MINIMAL.replace("\"mspId\": \"Org1MSP\",", ""));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'mspId' in " + configFile + " is required");
        }

        @Test
        void a_misspelt_key_is_rejected() throws IOException {
            write(MINIMAL.replace("\"mspId\"", "\"mspid\""));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("'mspid' in " + configFile + " is not a known key");
        }

        @Test
        void a_key_file_that_does_not_exist_is_named_with_the_config_file() throws IOException {
            write(MINIMAL.replace("priv_sk", "other_sk"));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("private key file " + folder.resolve("msp/keystore/other_sk") + " does not exist (in "
                            + configFile + ")");
        }

        /** Found by GatewayConfigFuzzTest: Path.resolve threw InvalidPathException, not a ConfigException. */
        @Test
        void a_file_path_with_a_nul_character_is_named() throws IOException {
            write(MINIMAL.replace("tls/ca.crt", "tls/ca\\u0000.crt"));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'tlsCaCertificate' in " + configFile
                            + " is not a usable file path: Nul character not allowed");
        }

        @Test
        void a_bad_deadline_is_named() throws IOException {
            write(MINIMAL.replace("\"mspId\"", "\"deadlines\": {\"endorse\": \"soon\"}, \"mspId\""));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("'deadlines.endorse' in " + configFile + ": 'soon' is not a duration");
        }

        @Test
        void a_value_of_the_wrong_type_is_named() throws IOException {
            write(MINIMAL.replace("\"localhost:7051\"", "7051"));

            assertThatThrownBy(() -> GatewayConfig.fromFile(configFile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'endpoint' in " + configFile + " must be a string");
        }
    }
}
