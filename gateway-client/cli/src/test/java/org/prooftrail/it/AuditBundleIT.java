package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.audit.AuditTrust;
import org.prooftrail.client.audit.BundleCollector;
import org.prooftrail.client.audit.BundleTampering;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.BundleVerifier;
import org.prooftrail.client.audit.BundledRecord;
import org.prooftrail.client.audit.Check;
import org.prooftrail.client.audit.ProofBundle;
import org.prooftrail.client.audit.RecordVerification;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Purpose;

/**
 * Issue 9's proof bundle on the real network: a deployed model's lineage recorded by three organisations is bundled
 * through {@code qscc}, the network is taken down, and the bundle verifies offline on the command line; then each of
 * ten tamperings fails with its named check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditBundleIT {
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private FabricNetwork network;
    private Path folder;
    private Path bundleFile;
    private Path caFile;
    private ProofBundle bundle;
    private final Map<String, List<String>> tamperings = new LinkedHashMap<>();
    private final Map<String, Path> tamperingFiles = new LinkedHashMap<>();

    @BeforeAll
    void recordBundleAndTakeTheNetworkDown() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        folder = network.folder("audit");
        String dataset = "it-" + run + "-ecg";
        String code = "it-" + run + "-train-code";
        String model = "it-" + run + "-ecg-model";
        String trainingRun = "it-" + run + "-ecg-run";
        String deployment = "it-" + run + "-ecg-prod";
        try (ProofTrail hospitalA = ledger("hospital-a");
                ProofTrail hospitalB = ledger("hospital-b");
                FabricGatewayTransport researchTransport =
                        FabricGatewayTransport.connect(network.gatewayConfig("research", "Admin"));
                ProofTrail research = ProofTrail.over(researchTransport)) {
            ArtifactRecord data = register(hospitalA, dataset, ArtifactKind.DATASET, "beat\n1\n2\n");
            ArtifactRecord script = register(hospitalB, code, ArtifactKind.CODE, "print('train')\n");
            register(research, model, ArtifactKind.MODEL, "weights " + run);
            Instant later = Instant.now().plus(Duration.ofDays(1));
            hospitalA.grantAccess(dataset, "ResearchMSP", null, Set.of(Purpose.TRAINING), later);
            hospitalB.grantAccess(code, "ResearchMSP", null, Set.of(Purpose.TRAINING), later);
            research.recordVerification(dataset, data.digest(), Purpose.TRAINING, "before training");
            research.recordVerification(code, script.digest(), Purpose.TRAINING, "before training");
            Map<String, Object> runJson = new TreeMap<>();
            runJson.put("id", trainingRun);
            runJson.put(
                    "inputs",
                    List.of(Map.of("id", dataset, "digest", data.digest().toString())));
            runJson.put("code", code);
            runJson.put("outputs", List.of(model));
            research.recordRun(Json.write(runJson));
            research.recordDeployment(deployment, model, "production", null);
            // An owner-only record: hospital-a deprecates its dataset (its key-level policy names hospital-a alone).
            hospitalA.setStatus(dataset, ArtifactStatus.DEPRECATED, "superseded by a relabelled copy");

            bundle =
                    BundleCollector.collect(research, researchTransport.blocks().orElseThrow(), deployment, 8);
            bundleFile = Files.writeString(folder.resolve("bundle.json"), bundle.toJson(), UTF_8);
            Cli.Run cliBundle = Cli.run(
                    "audit",
                    "bundle",
                    deployment,
                    "--out",
                    folder.resolve("cli-bundle.json").toString(),
                    "--config",
                    network.clientConfig("hospital-b", "Admin").toString());
            assertThat(cliBundle.exitCode()).as(cliBundle.toString()).isZero();
        }
        caFile = Files.writeString(folder.resolve("cas.pem"), caCertificates(), UTF_8);
        prepareTamperings();
        network.script("down");
    }

    @AfterAll
    void report() throws IOException, InterruptedException {
        if (network != null) {
            // Resume the network (and the chaincode servers deploy started) for the IT classes that run after this one.
            network.script("up");
        }
        if (bundle != null) {
            System.err.println("[AuditBundleIT] " + bundle.records().size() + " records, "
                    + bundle.headers().size() + " headers; tamperings -> failed checks: " + tamperings);
        }
    }

    private ProofTrail ledger(String org) throws Exception {
        return ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig(org, "Admin")));
    }

    private ArtifactRecord register(ProofTrail ledger, String id, ArtifactKind kind, String content)
            throws IOException {
        Path file = Files.writeString(folder.resolve(id + ".bin"), content, UTF_8);
        var fingerprint = Fingerprinter.create().fingerprint(file);
        return ledger.register(Registration.builder(id, kind, fingerprint.digest())
                .size(fingerprint.size())
                .build());
    }

    private String caCertificates() throws IOException {
        StringBuilder pems = new StringBuilder();
        Path crypto = network.repository().resolve("network/.state/crypto");
        for (String kind : List.of("peerOrganizations", "ordererOrganizations")) {
            try (Stream<Path> orgs = Files.list(crypto.resolve(kind))) {
                for (Path org : orgs.toList()) {
                    try (Stream<Path> cas = Files.list(org.resolve("msp/cacerts"))) {
                        for (Path ca : cas.toList()) {
                            pems.append(Files.readString(ca, UTF_8));
                        }
                    }
                }
            }
        }
        return pems.toString();
    }

    @Test
    void the_network_is_down_and_the_bundle_holds_every_organisations_records() throws Exception {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", 7051), 1000);
                    }
                })
                .isInstanceOf(IOException.class);
        BundleVerification verification = BundleVerifier.verify(bundle, AuditTrust.bundle());
        assertThat(verification.records())
                .extracting(record -> record.creatorMspId().orElseThrow())
                .contains("HospitalAMSP", "HospitalBMSP", "ResearchMSP");
        assertThat(verification.records())
                .extracting(RecordVerification::kind)
                .contains("registration", "verification", "run", "deployment", "status");
    }

    @Test
    void verifies_offline_on_the_command_line_with_every_check_holding() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        Cli.Run verified = Cli.run("audit", "verify", bundleFile.toString());
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("VERIFIED " + bundle.records().size() + " records");
        assertThat(verified.out().lines().filter(line -> line.startsWith("OK ")))
                .hasSize(bundle.records().size());

        Cli.Run trusted = Cli.run("audit", "verify", bundleFile.toString(), "--trust", caFile.toString());
        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();

        Cli.Run fromCli =
                Cli.run("audit", "verify", folder.resolve("cli-bundle.json").toString(), "--json");
        assertThat(fromCli.exitCode()).as(fromCli.toString()).isZero();
    }

    @Test
    void the_status_change_was_checked_against_the_owner_only_key_level_policy() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        RecordVerification status = BundleVerifier.verify(bundle, AuditTrust.bundle()).records().stream()
                .filter(record -> record.kind().equals("status"))
                .findFirst()
                .orElseThrow();
        assertThat(status.check(Check.ENDORSEMENT_POLICY).orElseThrow().detail())
                .contains("key-level OutOf(1, HospitalAMSP.peer)");
    }

    private void assertEachFailsWithItsNamedCheck() {
        assertThat(tamperings).hasSizeGreaterThanOrEqualTo(10);
        Map<String, String> expected = Map.of(
                "flipped byte in a record", Check.CREATOR_SIGNATURE,
                "dropped endorsement", Check.ENDORSEMENT_POLICY,
                "wrong organisation endorses an owner-only key", Check.ENDORSEMENT_POLICY,
                "substituted CA", Check.CHANNEL_CONFIG,
                "swapped block", Check.HEADER_CHAIN,
                "broken header chain", Check.HEADER_CHAIN,
                "forged orderer signature", Check.ORDERER_SIGNATURES,
                "changed validation flag", Check.VALIDATION_FLAG,
                "record value not in the write set", Check.WRITE_SET,
                "truncated chain", Check.HEADER_CHAIN);
        expected.forEach(
                (name, check) -> assertThat(tamperings.get(name)).as(name).contains(check));
    }

    /** Writes each tampered bundle and runs the CLI's verify on it (offline: the network goes down after). */
    private void prepareTamperings() throws Exception {
        BundledRecord registration = first("registration", "HospitalAMSP");
        BundledRecord status = first("status", null);
        BundledRecord runRecord = first("run", null);
        long otherBlock = bundle.blocks().keySet().stream()
                .filter(number -> number != runRecord.blockNumber())
                .findFirst()
                .orElseThrow();
        Path crypto = network.repository().resolve("network/.state/crypto/peerOrganizations");
        Path peerMsp = crypto.resolve("hospital-b.prooftrail.example/peers/peer0.hospital-b.prooftrail.example/msp");
        Path researchCa;
        try (Stream<Path> cas = Files.list(crypto.resolve("research.prooftrail.example/msp/cacerts"))) {
            researchCa = cas.findFirst().orElseThrow();
        }
        Map<String, ProofBundle> tampered = new LinkedHashMap<>();
        tampered.put("flipped byte in a record", BundleTampering.flipRecordByte(bundle, runRecord));
        tampered.put("dropped endorsement", BundleTampering.dropEndorsements(bundle, registration, 1));
        tampered.put(
                "wrong organisation endorses an owner-only key",
                BundleTampering.endorseAs(
                        bundle,
                        status,
                        serialized("HospitalBMSP", firstFile(peerMsp.resolve("signcerts"))),
                        signer(firstFile(peerMsp.resolve("keystore"))),
                        serialized("HospitalBMSP", network.userCertificate("hospital-b", "Admin")),
                        signer(network.userKey("hospital-b", "Admin"))));
        tampered.put("substituted CA", BundleTampering.substituteCa(bundle, "HospitalAMSP", certificate(researchCa)));
        tampered.put(
                "swapped block",
                BundleTampering.swapBlock(
                        bundle, runRecord.blockNumber(), bundle.blocks().get(otherBlock)));
        tampered.put("broken header chain", BundleTampering.breakHeaderChain(bundle, runRecord.blockNumber() + 1));
        tampered.put("forged orderer signature", BundleTampering.forgeOrdererSignature(bundle));
        tampered.put(
                "changed validation flag",
                BundleTampering.withValidationFlag(bundle, runRecord, TxValidationCode.MVCC_READ_CONFLICT_VALUE));
        tampered.put(
                "record value not in the write set",
                BundleTampering.claimValue(bundle, runRecord, ByteString.copyFromUtf8("{\"id\":\"another run\"}")));
        tampered.put("truncated chain", BundleTampering.truncateChain(bundle, 1));
        for (Map.Entry<String, ProofBundle> entry : tampered.entrySet()) {
            Path file = Files.writeString(
                    folder.resolve(entry.getKey().replace(' ', '-') + ".json"),
                    entry.getValue().toJson(),
                    UTF_8);
            // Verified after the network is down, in the tests; kept here as files so the tests read only them.
            tamperingFiles.put(entry.getKey(), file);
        }
    }

    @Test
    void every_tampered_bundle_exits_1_on_the_command_line_naming_the_failed_checks() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        for (Map.Entry<String, Path> entry : tamperingFiles.entrySet()) {
            Cli.Run verified = Cli.run("audit", "verify", entry.getValue().toString(), "--json");
            assertThat(verified.exitCode()).as(entry.getKey() + ": " + verified).isEqualTo(1);
            Map<String, Object> tree = Json.readObject(verified.out().strip(), "verification");
            @SuppressWarnings("unchecked")
            List<String> failed = (List<String>) tree.get("failedChecks");
            tamperings.put(entry.getKey(), new ArrayList<>(failed));
        }
        assertEachFailsWithItsNamedCheck();
    }

    private BundledRecord first(String kind, String creator) {
        BundleVerification verification = BundleVerifier.verify(bundle, AuditTrust.bundle());
        for (RecordVerification record : verification.records()) {
            if (record.kind().equals(kind)
                    && (creator == null || creator.equals(record.creatorMspId().orElse("")))) {
                return bundle.records().stream()
                        .filter(each -> each.transactionId().equals(record.transactionId())
                                && each.kind().equals(kind))
                        .findFirst()
                        .orElseThrow();
            }
        }
        throw new AssertionError("no " + kind + " record in the bundle");
    }

    private static Path firstFile(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findFirst().orElseThrow(() -> new AssertionError("nothing in " + directory));
        }
    }

    private static ByteString serialized(String mspId, Path certificate) throws IOException {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(Files.readAllBytes(certificate)))
                .build()
                .toByteString();
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (Reader reader = Files.newBufferedReader(pem, UTF_8)) {
            return Identities.readX509Certificate(reader);
        }
    }

    private static BundleTampering.Signer signer(Path keyFile) throws Exception {
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(keyFile, UTF_8)) {
            key = Identities.readPrivateKey(reader);
        }
        return message -> {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(key);
                signature.update(message);
                return signature.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
