package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.ProofTrailClientException;

class GatewayConfigTest {
    @TempDir
    Path folder;

    private Crypto crypto;

    @BeforeEach
    void createCrypto() throws IOException {
        crypto = Crypto.in(folder);
    }

    private GatewayConfig.Builder complete() {
        return GatewayConfig.builder()
                .endpoint("localhost:7051")
                .tlsCaCertificate(crypto.tlsCa)
                .mspId("Org1MSP")
                .certificate(crypto.certificate)
                .privateKey(crypto.privateKey);
    }

    @Nested
    class Building {
        @Test
        void defaults_the_channel_chaincode_and_deadlines() {
            GatewayConfig config = complete().build();

            assertThat(config.channel()).isEqualTo("prooftrail");
            assertThat(config.chaincode()).isEqualTo("prooftrail");
            assertThat(config.evaluateDeadline()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.endorseDeadline()).isEqualTo(Duration.ofSeconds(15));
            assertThat(config.submitDeadline()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.commitStatusDeadline()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.serverNameOverride()).isEmpty();
        }

        @Test
        void keeps_what_it_was_given() {
            GatewayConfig config = complete()
                    .serverNameOverride("peer0.org1.example.com")
                    .channel("mychannel")
                    .chaincode("basic")
                    .commitStatusDeadline(Duration.ofMinutes(2))
                    .build();

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.tlsCaCertificateFile()).contains(crypto.tlsCa);
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
            assertThat(config.certificate()).isEqualTo(crypto.certificate);
            assertThat(config.privateKey()).isEqualTo(crypto.privateKey);
            assertThat(config.channel()).isEqualTo("mychannel");
            assertThat(config.chaincode()).isEqualTo("basic");
            assertThat(config.commitStatusDeadline()).isEqualTo(Duration.ofMinutes(2));
        }

        @Test
        void accepts_a_grpcs_url_as_endpoint() {
            assertThat(complete().endpoint("grpcs://peer0:7051").build().endpoint())
                    .isEqualTo("peer0:7051");
        }

        @Test
        void reads_the_tls_ca_certificate_from_its_file() {
            assertThat(new String(complete().build().tlsCaCertificatePem())).contains("BEGIN CERTIFICATE");
        }

        @Test
        void shows_paths_but_no_key_material() {
            String text = complete().build().toString();

            assertThat(text).contains(crypto.privateKey.toString()).doesNotContain("BEGIN PRIVATE KEY");
        }

        @Test
        void rejects_nulls_by_name() {
            assertThatThrownBy(() -> GatewayConfig.builder().mspId(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("mspId");
            assertThatThrownBy(() -> GatewayConfig.builder().privateKey(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("privateKey");
        }
    }

    @Nested
    class Validating {
        @Test
        void names_a_missing_setting() {
            assertThatThrownBy(() -> GatewayConfig.builder()
                            .endpoint("localhost:7051")
                            .tlsCaCertificate(crypto.tlsCa)
                            .certificate(crypto.certificate)
                            .privateKey(crypto.privateKey)
                            .build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("gateway config: mspId is required");
        }

        @Test
        void requires_a_named_private_key_file() {
            assertThatThrownBy(() -> GatewayConfig.builder()
                            .endpoint("localhost:7051")
                            .tlsCaCertificate(crypto.tlsCa)
                            .mspId("Org1MSP")
                            .certificate(crypto.certificate)
                            .build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("privateKey is required");
        }

        @Test
        void refuses_a_private_key_file_that_its_group_or_others_may_read() throws IOException {
            Files.setPosixFilePermissions(crypto.privateKey, PosixFilePermissions.fromString("rw-r--r--"));

            assertThatThrownBy(() -> complete().build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("private key file " + crypto.privateKey + " is accessible by its group or others"
                            + " (rw-r--r--); it must be its owner's only: chmod 600 " + crypto.privateKey);
        }

        @Test
        void accepts_a_private_key_file_that_only_its_owner_may_read() throws IOException {
            Files.setPosixFilePermissions(crypto.privateKey, PosixFilePermissions.fromString("r--------"));

            assertThat(complete().build().privateKey()).isEqualTo(crypto.privateKey);
        }

        @Test
        void names_a_missing_key_file() {
            Path missing = folder.resolve("msp/keystore/nope_sk");

            assertThatThrownBy(() -> complete().privateKey(missing).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("private key file " + missing + " does not exist");
        }

        @Test
        void names_a_folder_given_as_the_certificate() {
            assertThatThrownBy(() -> complete().certificate(folder).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("certificate file " + folder + " is not a regular file");
        }

        @Test
        void rejects_an_endpoint_without_a_port() {
            assertThatThrownBy(() -> complete().endpoint("localhost").build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'localhost' must be host:port");
        }

        @Test
        void rejects_a_plaintext_endpoint() {
            assertThatThrownBy(
                            () -> complete().endpoint("grpc://localhost:7051").build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("TLS");
        }

        @Test
        void rejects_a_port_out_of_range() {
            assertThatThrownBy(() -> complete().endpoint("localhost:70510").build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("out of range");
        }

        @Test
        void rejects_a_deadline_that_is_not_positive() {
            assertThatThrownBy(() -> complete().endorseDeadline(Duration.ZERO).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("endorseDeadline must be positive");
        }

        @Test
        void reports_config_errors_in_the_client_hierarchy_without_a_transaction() {
            assertThatThrownBy(() -> GatewayConfig.builder().build())
                    .isInstanceOf(ProofTrailClientException.class)
                    .satisfies(e -> assertThat(((ProofTrailClientException) e).transactionId())
                            .isEmpty());
        }
    }
}
