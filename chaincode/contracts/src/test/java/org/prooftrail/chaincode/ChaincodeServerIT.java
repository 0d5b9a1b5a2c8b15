package org.prooftrail.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.Identity;

/**
 * The shaded jar started as a chaincode-as-a-service process, the way a peer's external builder expects it: it
 * listens on {@code CHAINCODE_SERVER_ADDRESS}, serves both contracts, and refuses to start without what it needs.
 */
class ChaincodeServerIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Nested
    class WithoutTls {
        @Test
        void listens_on_the_server_address_and_serves_both_contracts() throws Exception {
            int port = freePort();
            Path log = start(Map.of(
                    "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port, "CORE_CHAINCODE_ID_NAME", "prooftrail:test"));

            awaitListening(port, log);

            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output)
                    .contains("starting prooftrail chaincode prooftrail:test as a service on 127.0.0.1:" + port)
                    .contains("Metadata follows:")
                    .contains("\"name\": \"artifact\"")
                    .contains("\"name\": \"lineage\"")
                    .contains("endorsing proposals timestamped within PT5M of this clock");
            assertThat(process.isAlive()).isTrue();
        }

        @Test
        void exits_2_naming_the_variable_when_the_clock_tolerance_is_not_a_duration() throws Exception {
            Path log = start(Map.of(
                    "CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + freePort(),
                    "CORE_CHAINCODE_ID_NAME", "prooftrail:test",
                    "PROOFTRAIL_CLOCK_TOLERANCE", "5 minutes"));

            assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS))
                    .as("exited")
                    .isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("error: PROOFTRAIL_CLOCK_TOLERANCE must be an ISO-8601 duration such as PT5M or whole"
                            + " seconds such as 300, not '5 minutes'")
                    .doesNotContain("Exception");
        }

        @Test
        void exits_2_naming_the_variable_when_the_chaincode_id_is_missing() throws Exception {
            Path log = start(Map.of("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + freePort()));

            assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS))
                    .as("exited")
                    .isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("CORE_CHAINCODE_ID_NAME");
        }
    }

    @Nested
    class WithTls {
        private final CertificateAuthority authority =
                CertificateAuthority.create("HospitalAMSP", "hospital-a.prooftrail.test");
        private final Identity server = authority.issue("prooftrail-chaincode", "peer");

        private final Identity peer = authority.issue("peer0", "peer");

        @Test
        void presents_the_certificate_from_the_tls_files_to_a_peer_with_a_certificate_of_the_client_ca()
                throws Exception {
            int port = freePort();
            Path log = start(tlsEnvironment(port));

            awaitListening(port, log);

            Handshake handshake = handshake(port, peer);
            assertThat(handshake.accepted())
                    .as("a peer with a client certificate is served")
                    .isTrue();
            assertThat(handshake.serverCertificate()).isEqualTo(server.certificate());
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("isTlsEnabled:true")
                    .contains("mutual TLS: clients must present a certificate issued by");
        }

        @Test
        void refuses_a_client_without_a_certificate() throws Exception {
            int port = freePort();
            Path log = start(tlsEnvironment(port));
            awaitListening(port, log);

            assertThat(handshake(port, null).accepted()).isFalse();
        }

        @Test
        void refuses_a_client_whose_certificate_another_ca_issued() throws Exception {
            int port = freePort();
            Path log = start(tlsEnvironment(port));
            awaitListening(port, log);
            Identity stranger = CertificateAuthority.create("HospitalBMSP", "hospital-b.prooftrail.test")
                    .issue("peer0", "peer");

            assertThat(handshake(port, stranger).accepted()).isFalse();
        }

        @Test
        void takes_the_client_ca_from_chaincode_tls_client_ca_file_when_set() throws Exception {
            int port = freePort();
            CertificateAuthority other = CertificateAuthority.create("HospitalBMSP", "hospital-b.prooftrail.test");
            Map<String, String> env = new HashMap<>(tlsEnvironment(port));
            env.put(
                    "CHAINCODE_TLS_CLIENT_CA_FILE",
                    Files.writeString(dir.resolve("clients.crt"), other.certificatePem())
                            .toString());
            Path log = start(env);
            awaitListening(port, log);

            assertThat(handshake(port, other.issue("peer0", "peer")).accepted()).isTrue();
            assertThat(handshake(port, peer).accepted()).isFalse();
        }

        @Test
        void exits_2_naming_the_tls_variables_the_shim_requires() throws Exception {
            int port = freePort();
            Map<String, String> env = new HashMap<>(tlsEnvironment(port));
            env.remove("CORE_TLS_CLIENT_KEY_PATH");
            env.remove("CORE_TLS_CLIENT_CERT_PATH");
            Path log = start(env);

            assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS))
                    .as("exited")
                    .isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("CORE_TLS_CLIENT_KEY_PATH, CORE_TLS_CLIENT_CERT_PATH are not set")
                    .doesNotContain("Exception");
        }

        @Test
        void exits_2_when_the_shims_path_files_hold_pem_instead_of_base64() throws Exception {
            int port = freePort();
            Map<String, String> env = new HashMap<>(tlsEnvironment(port));
            env.put("CORE_TLS_CLIENT_KEY_PATH", env.get("CORE_TLS_CLIENT_KEY_FILE"));
            Path log = start(env);

            assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS))
                    .as("exited")
                    .isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("error: CORE_TLS_CLIENT_KEY_PATH names " + env.get("CORE_TLS_CLIENT_KEY_FILE")
                            + ", which is not Base64")
                    .doesNotContain("Exception");
        }

        private static String base64(String pem) {
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
        }

        private Map<String, String> tlsEnvironment(int port) throws IOException {
            Path cert = Files.writeString(dir.resolve("server.crt"), server.certificatePem());
            Path key = Files.writeString(dir.resolve("server.key"), server.privateKeyPem());
            Path ca = Files.writeString(dir.resolve("ca.crt"), authority.certificatePem());
            Map<String, String> env = new HashMap<>();
            env.put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:" + port);
            env.put("CORE_CHAINCODE_ID_NAME", "prooftrail:test");
            env.put("CORE_PEER_TLS_ENABLED", "true");
            env.put("CORE_TLS_CLIENT_CERT_FILE", cert.toString());
            env.put("CORE_TLS_CLIENT_KEY_FILE", key.toString());
            // The shim reads these two as Base64 of the PEM files, even in server mode.
            Path certBase64 = Files.writeString(dir.resolve("server.crt.b64"), base64(server.certificatePem()));
            Path keyBase64 = Files.writeString(dir.resolve("server.key.b64"), base64(server.privateKeyPem()));
            env.put("CORE_TLS_CLIENT_CERT_PATH", certBase64.toString());
            env.put("CORE_TLS_CLIENT_KEY_PATH", keyBase64.toString());
            env.put("CORE_PEER_TLS_ROOTCERT_FILE", ca.toString());
            return env;
        }

        /**
         * Opens TLS as a peer would (ALPN h2, {@code client} presenting its certificate if not null), sends the
         * HTTP/2 preface and reads: a served client gets the server's SETTINGS frame; a refused one an alert or
         * the end of the stream.
         */
        private Handshake handshake(int port, Identity client) throws Exception {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", authority.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            KeyManager[] keys = null;
            if (client != null) {
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry(
                        "client", client.privateKey(), "changeit".toCharArray(), new Certificate[] {client.certificate()
                        });
                KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyFactory.init(own, "changeit".toCharArray());
                keys = keyFactory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, factory.getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {"h2"});
                socket.setSSLParameters(parameters);
                X509Certificate presented;
                try {
                    socket.startHandshake();
                    presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    socket.getOutputStream()
                            .write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    return new Handshake(socket.getInputStream().read() != -1, presented);
                } catch (SSLException | SocketException refused) {
                    return new Handshake(false, null);
                }
            }
        }
    }

    private record Handshake(boolean accepted, X509Certificate serverCertificate) {}

    private Path start(Map<String, String> environment) throws IOException {
        Path log = dir.resolve("chaincode-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the test sets: a developer's own Fabric variables must not leak into the process.
        builder.environment()
                .keySet()
                .removeIf(name ->
                        name.startsWith("CORE_") || name.startsWith("CHAINCODE_") || name.startsWith("PROOFTRAIL_"));
        builder.environment().putAll(environment);
        process = builder.start();
        return log;
    }

    /** Polls the port until it accepts a connection; fails early if the process dies, and after 60 s. */
    private void awaitListening(int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the chaincode exited with " + process.exitValue() + " before listening:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 250);
                return;
            } catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("the chaincode did not listen on port " + port + " within " + STARTUP + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The shaded jar: set by failsafe, or found under target/ when run from an IDE. */
    private static Path jar() {
        String configured = System.getProperty("prooftrail.chaincode.jar");
        Path jar = configured != null
                ? Paths.get(configured)
                : Paths.get("target", "prooftrail-chaincode.jar").toAbsolutePath();
        assertThat(jar)
                .as("the shaded chaincode jar; build it with ./mvnw -pl chaincode/contracts -am package")
                .exists();
        return jar;
    }
}
