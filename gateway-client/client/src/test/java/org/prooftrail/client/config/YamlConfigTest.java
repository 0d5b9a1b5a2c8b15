package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;

/** Config files and connection profiles in YAML, read through the same JSON tree as JSON files. */
class YamlConfigTest {
    @TempDir
    Path folder;

    private Crypto crypto;

    @BeforeEach
    void crypto() throws IOException {
        crypto = Crypto.in(folder);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    @Nested
    class Reading {
        @Test
        void a_yaml_profile_with_a_tls_ca_path_resolves_it_against_the_profiles_folder() throws IOException {
            Path profile = write("ccp.yaml", """
                    client:
                      organization: HospitalA
                    organizations:
                      HospitalA:
                        mspid: HospitalAMSP
                        peers: [peer0.hospital-a.prooftrail.example]
                    peers:
                      peer0.hospital-a.prooftrail.example:
                        url: grpcs://localhost:7051
                        tlsCACerts:
                          path: tls/ca.crt
                        grpcOptions:
                          ssl-target-name-override: peer0.hospital-a.prooftrail.example
                    """);

            GatewayConfig config = ConnectionProfile.read(profile)
                    .gatewayConfig()
                    .certificate(crypto.certificate)
                    .privateKey(crypto.privateKey)
                    .build();

            assertThat(ConnectionProfile.isProfile(profile)).isTrue();
            assertThat(config.mspId()).isEqualTo("HospitalAMSP");
            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.tlsCaCertificateFile()).contains(crypto.tlsCa);
            assertThat(config.serverNameOverride()).contains("peer0.hospital-a.prooftrail.example");
        }

        @Test
        void a_gateway_config_may_be_yaml_and_is_no_profile() throws IOException {
            Path config = write(
                    "gateway.yml",
                    "endpoint: localhost:7051\ntlsCaCertificate: tls/ca.crt\nmspId: Org1MSP\n"
                            + "certificate: msp/signcerts/cert.pem\nprivateKey: msp/keystore/priv_sk\n"
                            + "deadlines:\n  evaluate: 2s\n");

            GatewayConfig read = GatewayConfig.fromFile(config);

            assertThat(ConnectionProfile.isProfile(config)).isFalse();
            assertThat(read.certificate()).isEqualTo(crypto.certificate);
            assertThat(read.evaluateDeadline()).hasSeconds(2);
        }

        @Test
        void a_number_where_a_string_belongs_is_named() throws IOException {
            Path config = write("gateway.yaml", "endpoint: 7051\n");

            assertThatThrownBy(() -> GatewayConfig.fromFile(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'endpoint' in " + config + " must be a string");
        }
    }

    @Nested
    class Errors {
        @Test
        void a_document_that_is_not_a_mapping_is_refused() throws IOException {
            Path config = write("ccp.yaml", "- peers\n- organizations\n");

            assertThatThrownBy(() -> ConnectionProfile.read(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("connection profile file " + config + " must hold a JSON or YAML object (a mapping)");
        }

        @Test
        void yaml_that_does_not_parse_is_named_in_one_line() throws IOException {
            Path config = write("ccp.yaml", "peers: [unclosed\n");

            assertThatThrownBy(() -> ConnectionProfile.read(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(
                            "connection profile file " + config + " is neither valid JSON nor valid YAML: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void a_duplicate_key_is_refused_rather_than_one_value_silently_winning() throws IOException {
            Path config = write("gateway.yaml", "endpoint: localhost:7051\nendpoint: localhost:9051\n");

            assertThatThrownBy(() -> GatewayConfig.fromFile(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("duplicate key endpoint");
        }

        @Test
        void an_alias_bomb_is_refused_before_it_expands() throws IOException {
            StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            for (char level = 'b'; level <= 'k'; level++) {
                char previous = (char) (level - 1);
                bomb.append(level)
                        .append(": &")
                        .append(level)
                        .append(" [*")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append(", *")
                        .append(previous)
                        .append("]\n");
            }
            Path config = write("ccp.yaml", bomb.toString());

            assertThatThrownBy(() -> ConnectionProfile.read(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is neither valid JSON nor valid YAML")
                    .hasMessageContaining("aliases");
        }
    }
}
