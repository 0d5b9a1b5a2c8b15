package org.prooftrail.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.protocol.Transaction;

/**
 * The real fabric-gateway stack (gateway, contract, TLS over grpc-netty-shaded) with a real identity, pointed at a
 * port where nothing listens: no Fabric network is needed to see how connection failures surface.
 */
class FabricConnectionTest {
    @TempDir
    Path folder;

    private Path certificate;
    private Path privateKey;

    @BeforeEach
    void createIdentity() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=User1@org1.example.com, O=org1.example.com");
        Instant now = Instant.now();
        X509Certificate x509 = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofDays(1))),
                                Date.from(now.plus(Duration.ofDays(1))),
                                name,
                                keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        certificate = Files.writeString(folder.resolve("cert.pem"), Identities.toPemString(x509));
        privateKey = Files.writeString(folder.resolve("priv_sk"), Identities.toPemString(keys.getPrivate()));
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private GatewayConfig.Builder config(int port) {
        return GatewayConfig.builder()
                .endpoint("127.0.0.1:" + port)
                .tlsCaCertificate(certificate)
                .serverNameOverride("peer0.org1.example.com")
                .mspId("Org1MSP")
                .certificate(certificate)
                .privateKey(privateKey)
                .evaluateDeadline(Duration.ofSeconds(3))
                .endorseDeadline(Duration.ofSeconds(3));
    }

    @Nested
    class Connecting {
        @Test
        void an_unreachable_peer_shows_at_the_first_query_naming_the_endpoint() throws IOException {
            int port = closedPort();

            try (FabricGatewayTransport transport =
                    FabricGatewayTransport.connect(config(port).build())) {
                assertThat(transport.describe()).contains("127.0.0.1:" + port).contains("Org1MSP");
                assertThatThrownBy(() -> transport.evaluate(Transaction.ARTIFACT_GET, List.of("x")))
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("127.0.0.1:" + port);
            }
        }

        @Test
        void an_unreachable_peer_shows_at_endorsement_with_the_transaction_id() throws IOException {
            try (FabricGatewayTransport transport =
                    FabricGatewayTransport.connect(config(closedPort()).build())) {
                assertThatThrownBy(() ->
                                transport.submit(Transaction.ARTIFACT_REGISTER, List.of("{}"), java.util.Map.of()))
                        .isInstanceOf(GatewayUnavailableException.class)
                        .satisfies(e -> assertThat(((GatewayUnavailableException) e).transactionId())
                                .hasValueSatisfying(txId -> assertThat(txId).hasSize(64)));
            }
        }
    }

    @Nested
    class Unusable_crypto_files {
        @Test
        void a_certificate_file_that_is_not_pem_is_named() throws IOException {
            Path notPem = Files.writeString(folder.resolve("cert.txt"), "not a certificate");

            assertThatThrownBy(() -> FabricGatewayTransport.connect(
                            config(7051).certificate(notPem).build()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("certificate file " + notPem + " is not a PEM X.509 certificate");
        }

        @Test
        void a_key_file_that_is_not_pem_is_named() throws IOException {
            Path notPem = Files.writeString(folder.resolve("key.txt"), "not a key");
            Files.setPosixFilePermissions(notPem, PosixFilePermissions.fromString("rw-------"));

            assertThatThrownBy(() -> FabricGatewayTransport.connect(
                            config(7051).privateKey(notPem).build()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("private key file " + notPem + " is not a PEM private key");
        }

        @Test
        void a_tls_ca_file_that_is_not_pem_is_named() throws IOException {
            Path notPem = Files.writeString(folder.resolve("ca.txt"), "not a CA");

            assertThatThrownBy(() -> FabricGatewayTransport.connect(
                            config(7051).tlsCaCertificate(notPem).build()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("TLS CA certificate from file " + notPem + " is not a PEM certificate");
        }
    }
}
