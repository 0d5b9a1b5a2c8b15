package org.prooftrail.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.config.GatewayConfig;
import picocli.CommandLine;

/**
 * {@code --config} with a Fabric common connection profile. The fixtures in {@code test-network/} are what
 * fabric-samples' {@code test-network/organizations/ccp-generate.sh} writes for Org1 from its {@code
 * ccp-template.json} and {@code ccp-template.yaml} (its {@code json_ccp} and {@code yaml_ccp} functions run on the
 * templates, with ports 7051 and 7054 and a generated TLS CA certificate, {@code tlsca.org1.example.com-cert.pem}).
 */
class NetworkConfigTest {
    private static final String FIXTURES = "/org/prooftrail/cli/test-network/";

    @TempDir
    Path tmp;

    private Path json;
    private Path yaml;
    private String tlsCaPem;
    private Path certificate;
    private Path privateKey;
    private Path msp;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void fixtures() throws Exception {
        json = copy("connection-org1.json");
        yaml = copy("connection-org1.yaml");
        tlsCaPem = Files.readString(copy("tlsca.org1.example.com-cert.pem"), UTF_8);
        msp = tmp.resolve("User1@org1.example.com/msp");
        Files.createDirectories(msp.resolve("signcerts"));
        Files.createDirectories(msp.resolve("keystore"));
        KeyPair pair = ecKeyPair();
        certificate = Files.writeString(
                msp.resolve("signcerts/User1@org1.example.com-cert.pem"), pem("CERTIFICATE", selfSigned(pair)), UTF_8);
        privateKey = Files.writeString(
                msp.resolve("keystore/priv_sk"),
                pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                UTF_8);
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
    }

    private Path copy(String name) throws IOException {
        try (InputStream in = NetworkConfigTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as(name).isNotNull();
            Path target = tmp.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }

    /** The options as picocli sets them from a command line, without environment defaults. */
    private static LedgerOptions options(String... args) {
        LedgerOptions options = new LedgerOptions();
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create();
        spec.addMixin("ledger", CommandLine.Model.CommandSpec.forAnnotatedObject(options));
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            option.setValue(null);
        }
        new CommandLine(spec).parseArgs(args);
        return options;
    }

    private GatewayConfig read(Path profile, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", profile.toString()));
        args.addAll(List.of(more));
        return NetworkConfig.read(options(args.toArray(String[]::new)));
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path twoPeers() throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        root.getAsJsonObject("organizations")
                .getAsJsonObject("Org1")
                .getAsJsonArray("peers")
                .add("peer1.org1.example.com");
        JsonObject peer1 = root.getAsJsonObject("peers")
                .getAsJsonObject("peer0.org1.example.com")
                .deepCopy();
        peer1.addProperty("url", "grpcs://localhost:8051");
        peer1.getAsJsonObject("grpcOptions").addProperty("ssl-target-name-override", "peer1.org1.example.com");
        root.getAsJsonObject("peers").add("peer1.org1.example.com", peer1);
        return Files.writeString(tmp.resolve("two-peers.json"), root.toString());
    }

    @Nested
    class TheTestNetworksProfile {
        @Test
        void the_json_profile_gives_the_peer_its_server_name_msp_id_and_tls_ca() {
            GatewayConfig config = read(json, "--cert", certificate.toString(), "--key", privateKey.toString());

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
            assertThat(new String(config.tlsCaCertificatePem(), UTF_8)).isEqualTo(tlsCaPem);
            assertThat(config.tlsCaCertificateFile()).isEmpty();
            assertThat(config.certificate()).isEqualTo(certificate);
            assertThat(config.privateKey()).isEqualTo(privateKey);
            assertThat(config.channel()).isEqualTo("prooftrail");
            assertThat(config.chaincode()).isEqualTo("prooftrail");
        }

        @Test
        void the_yaml_profile_gives_the_same_config_as_the_json_one() {
            GatewayConfig fromJson = read(json, "--cert", certificate.toString(), "--key", privateKey.toString());
            GatewayConfig fromYaml = read(yaml, "--cert", certificate.toString(), "--key", privateKey.toString());

            assertThat(fromYaml.endpoint()).isEqualTo(fromJson.endpoint());
            assertThat(fromYaml.serverNameOverride()).isEqualTo(fromJson.serverNameOverride());
            assertThat(fromYaml.mspId()).isEqualTo(fromJson.mspId());
            assertThat(new String(fromYaml.tlsCaCertificatePem(), UTF_8).strip())
                    .isEqualTo(tlsCaPem.strip())
                    .isEqualTo(new String(fromJson.tlsCaCertificatePem(), UTF_8).strip());
            assertThat(fromYaml.channel()).isEqualTo(fromJson.channel());
            assertThat(fromYaml.chaincode()).isEqualTo(fromJson.chaincode());
        }

        @Test
        void the_channel_and_chaincode_can_be_named() {
            GatewayConfig config = read(
                    json,
                    "--cert",
                    certificate.toString(),
                    "--key",
                    privateKey.toString(),
                    "--channel",
                    "mychannel",
                    "--chaincode",
                    "basic");

            assertThat(config.channel()).isEqualTo("mychannel");
            assertThat(config.chaincode()).isEqualTo("basic");
        }

        @Test
        void a_users_msp_folder_gives_the_certificate_and_key() {
            GatewayConfig config = read(yaml, "--msp", msp.toString());

            assertThat(config.certificate()).isEqualTo(certificate);
            assertThat(config.privateKey()).isEqualTo(privateKey);
        }

        @Test
        void a_named_key_wins_over_the_msp_folders() throws IOException {
            Path other = Files.writeString(tmp.resolve("other_sk"), "key");
            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));

            GatewayConfig config = read(yaml, "--msp", msp.toString(), "--key", other.toString());

            assertThat(config.certificate()).isEqualTo(certificate);
            assertThat(config.privateKey()).isEqualTo(other);
        }

        @Test
        void a_prooftrail_gateway_config_is_still_read_as_one() throws IOException {
            Path gatewayConfig = Files.writeString(
                    tmp.resolve("gateway.json"),
                    "{\"endpoint\": \"localhost:7051\", \"tlsCaCertificate\": \"tlsca.org1.example.com-cert.pem\","
                            + " \"mspId\": \"Org1MSP\", \"certificate\": \"" + certificate + "\", \"privateKey\": \""
                            + privateKey + "\", \"channel\": \"c\"}");

            GatewayConfig config = read(gatewayConfig);

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.tlsCaCertificateFile()).contains(tmp.resolve("tlsca.org1.example.com-cert.pem"));
            assertThat(config.channel()).isEqualTo("c");
        }
    }

    @Nested
    class APeer {
        @Test
        void is_the_organisations_first_by_default() throws IOException {
            GatewayConfig config = read(twoPeers(), "--msp", msp.toString());

            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
        }

        @Test
        void is_chosen_by_name() throws IOException {
            GatewayConfig config = read(twoPeers(), "--msp", msp.toString(), "--peer", "peer1.org1.example.com");

            assertThat(config.endpoint()).isEqualTo("localhost:8051");
            assertThat(config.serverNameOverride()).contains("peer1.org1.example.com");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
        }

        @Test
        void that_the_organisation_does_not_list_is_refused_with_its_peers() throws IOException {
            Path profile = twoPeers();

            assertThatThrownBy(() -> read(profile, "--msp", msp.toString(), "--peer", "peer0.org2.example.com"))
                    .isInstanceOfSatisfying(
                            UsageException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ARGUMENT"))
                    .hasMessage("--peer peer0.org2.example.com is not a peer of Org1 in " + profile
                            + " (its peers: peer0.org1.example.com, peer1.org1.example.com)");
        }
    }

    @Nested
    class TheCommandLine {
        @Test
        void gets_past_the_profile_to_the_peer_that_is_not_there() throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path profile = Files.writeString(
                    tmp.resolve("ccp.json"), Files.readString(json).replace("localhost:7051", "localhost:" + port));

            Run run = cli(
                    "list",
                    "--config",
                    profile.toString(),
                    "--cert",
                    certificate.toString(),
                    "--key",
                    privateKey.toString());

            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.UNAVAILABLE);
            assertThat(run.err()).startsWith("error: UNAVAILABLE: ").contains("localhost:" + port);
            assertThat(run.err().strip()).doesNotContain("\n");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void names_the_option_and_variable_for_a_missing_certificate() {
            Run run = cli("list", "--config", json.toString(), "--key", privateKey.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: FAILED_PRECONDITION: connection profile " + json + " does not name the user:"
                            + " set --cert FILE or PROOFTRAIL_CERT (or --msp DIR or PROOFTRAIL_MSP) to the user's"
                            + " certificate\n");
        }

        @Test
        void names_the_option_and_variable_for_a_missing_key() {
            Run run = cli("list", "--config", yaml.toString(), "--cert", certificate.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .startsWith("error: FAILED_PRECONDITION: connection profile " + yaml)
                    .contains("set --key FILE or PROOFTRAIL_KEY (or --msp DIR or PROOFTRAIL_MSP)");
        }

        @Test
        void names_the_file_and_key_of_a_peer_without_tls_ca() throws IOException {
            Path profile = Files.writeString(
                    tmp.resolve("ccp.yaml"),
                    Files.readString(yaml)
                            .replaceFirst(
                                    "(?s)    tlsCACerts:\n      pem: \\|\n.*?(?=    grpcOptions)",
                                    "" + "    tlsCACerts: {}\n"));

            Run run = cli("list", "--config", profile.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: INVALID_ARGUMENT: 'peers.peer0.org1.example.com.tlsCACerts' in " + profile
                            + " needs a 'pem' or a 'path'\n");
        }

        @Test
        void names_the_file_and_key_of_a_missing_msp_id() throws IOException {
            Path profile = Files.writeString(
                    tmp.resolve("ccp.json"), Files.readString(json).replace("\"mspid\": \"Org1MSP\",", ""));

            Run run = cli("list", "--config", profile.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: INVALID_ARGUMENT: 'organizations.Org1.mspid' in " + profile + " is required\n");
        }

        @Test
        void names_the_file_and_key_of_a_peer_without_url() throws IOException {
            Path profile = Files.writeString(
                    tmp.resolve("ccp.yaml"), Files.readString(yaml).replace("    url: grpcs://localhost:7051\n", ""));

            Run run = cli("list", "--config", profile.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: INVALID_ARGUMENT: 'peers.peer0.org1.example.com.url' in " + profile
                            + " is required\n");
        }

        @Test
        void names_the_file_and_key_of_an_undescribed_peer() throws IOException {
            Path profile = Files.writeString(
                    tmp.resolve("ccp.json"),
                    Files.readString(json).replace("\"peer0.org1.example.com\": {", "\"peer9.org1.example.com\": {"));

            Run run = cli("list", "--config", profile.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: INVALID_ARGUMENT: 'peers.peer0.org1.example.com' in " + profile
                            + " is not described\n");
        }

        @Test
        void refuses_an_msp_keystore_with_several_keys() throws IOException {
            Files.writeString(msp.resolve("keystore/old_sk"), "old");

            Run run = cli("list", "--config", json.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .isEqualTo("error: INVALID_ARGUMENT: MSP folder " + msp.resolve("keystore")
                            + " holds 2 files (old_sk, priv_sk), not one: name the file with --key FILE or"
                            + " PROOFTRAIL_KEY\n");
        }

        @Test
        void names_a_yaml_profile_that_does_not_parse() throws IOException {
            Path profile = Files.writeString(tmp.resolve("ccp.yaml"), "peers: [unclosed\n");

            Run run = cli("list", "--config", profile.toString(), "--msp", msp.toString());

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err())
                    .startsWith("error: FAILED_PRECONDITION: config file " + profile
                            + " is neither valid JSON nor valid YAML: ");
            assertThat(run.err().strip()).doesNotContain("\n");
        }
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] selfSigned(KeyPair pair) throws Exception {
        X500Name subject = new X500Name("C=US, O=org1.example.com, OU=client, CN=User1@org1.example.com");
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                        subject,
                        BigInteger.ONE,
                        Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(Duration.ofDays(1))),
                        subject,
                        pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                .getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
