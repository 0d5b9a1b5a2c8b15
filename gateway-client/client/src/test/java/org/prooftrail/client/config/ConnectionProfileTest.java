package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;

class ConnectionProfileTest {
    @TempDir
    Path folder;

    private Crypto crypto;
    private Path profile;
    private String testNetworkProfile;

    @BeforeEach
    void copyProfile() throws IOException {
        crypto = Crypto.in(folder);
        try (InputStream in = ConnectionProfileTest.class.getResourceAsStream("connection-org1.json")) {
            testNetworkProfile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        profile = Files.writeString(folder.resolve("connection-org1.json"), testNetworkProfile);
    }

    private Path rewrite(String from, String to) throws IOException {
        assertThat(testNetworkProfile).contains(from);
        return Files.writeString(profile, testNetworkProfile.replace(from, to));
    }

    @Nested
    class Reading_the_test_networks_profile {
        @Test
        void finds_the_clients_organisation_and_its_peers() {
            ConnectionProfile connectionProfile = ConnectionProfile.read(profile);

            assertThat(connectionProfile.organization()).isEqualTo("Org1");
            assertThat(connectionProfile.mspId()).isEqualTo("Org1MSP");
            assertThat(connectionProfile.peers()).containsExactly("peer0.org1.example.com");
        }

        @Test
        void configures_the_first_peer_with_its_inline_tls_ca_and_name_override() {
            GatewayConfig config = ConnectionProfile.read(profile)
                    .gatewayConfig()
                    .certificate(crypto.certificate)
                    .privateKey(crypto.privateKey)
                    .build();

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
            assertThat(new String(config.tlsCaCertificatePem(), StandardCharsets.UTF_8))
                    .startsWith("-----BEGIN CERTIFICATE-----\nMIICJzCCAc2gAwIBAgIUTEST");
            assertThat(config.tlsCaCertificateFile()).isEmpty();
            assertThat(config.tlsCaCertificateOrigin()).contains(profile.toString());
            assertThat(config.channel()).isEqualTo("prooftrail");
        }

        @Test
        void resolves_a_tls_ca_path_against_the_profiles_folder() throws IOException {
            rewrite(
                    "\"pem\": \"-----BEGIN CERTIFICATE-----\\nMIICJzCCAc2gAwIBAgIUTEST\\n-----END CERTIFICATE-----\\n\"",
                    "\"path\": \"tls/ca.crt\"");

            GatewayConfig config = ConnectionProfile.read(profile)
                    .gatewayConfig("peer0.org1.example.com")
                    .certificate(crypto.certificate)
                    .privateKey(crypto.privateKey)
                    .build();

            assertThat(config.tlsCaCertificateFile()).contains(folder.resolve("tls/ca.crt"));
        }

        @Test
        void still_needs_the_users_key_file() {
            assertThatThrownBy(() -> ConnectionProfile.read(profile)
                            .gatewayConfig()
                            .certificate(crypto.certificate)
                            .build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("privateKey is required");
        }
    }

    @Nested
    class Errors {
        @Test
        void a_missing_profile_is_named() {
            Path missing = folder.resolve("connection-org9.json");

            assertThatThrownBy(() -> ConnectionProfile.read(missing))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("connection profile file " + missing + " does not exist");
        }

        @Test
        void a_plaintext_peer_url_is_rejected() throws IOException {
            rewrite("grpcs://localhost:7051", "grpc://localhost:7051");

            assertThatThrownBy(() -> ConnectionProfile.read(profile).gatewayConfig())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("'peers.peer0.org1.example.com.url' in " + profile + " must be a grpcs://");
        }

        /** As GatewayConfigFuzzTest found for config files: Path.resolve threw InvalidPathException. */
        @Test
        void a_tls_ca_path_with_a_nul_character_is_named() throws IOException {
            rewrite(
                    "\"pem\": \"-----BEGIN CERTIFICATE-----\\nMIICJzCCAc2gAwIBAgIUTEST\\n-----END CERTIFICATE-----\\n\"",
                    "\"path\": \"tls/ca\\u0000.crt\"");

            assertThatThrownBy(() -> ConnectionProfile.read(profile).gatewayConfig())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'peers.peer0.org1.example.com.tlsCACerts.path' in " + profile
                            + " is not a usable file path: Nul character not allowed");
        }

        @Test
        void an_unknown_peer_is_named() {
            assertThatThrownBy(() -> ConnectionProfile.read(profile).gatewayConfig("peer1.org1.example.com"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'peers.peer1.org1.example.com' in " + profile + " is not described");
        }

        @Test
        void an_organisation_without_an_msp_id_is_named() throws IOException {
            rewrite("\"mspid\": \"Org1MSP\",", "");

            assertThatThrownBy(() -> ConnectionProfile.read(profile))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'organizations.Org1.mspid' in " + profile + " is required");
        }

        @Test
        void a_peer_without_tls_certificates_is_named() throws IOException {
            rewrite(
                    "\"tlsCACerts\": {\n                \"pem\": \"-----BEGIN",
                    "\"tlsCACertz\": {\n                \"pem\": \"-----BEGIN");

            assertThatThrownBy(() -> ConnectionProfile.read(profile).gatewayConfig())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'peers.peer0.org1.example.com.tlsCACerts' in " + profile + " is required");
        }
    }
}
