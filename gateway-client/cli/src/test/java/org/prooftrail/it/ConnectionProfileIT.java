package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.Page;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.config.ConnectionProfile;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;

/**
 * A Fabric common connection profile in the test network's shape ({@code network.sh client-config hospital-a Admin
 * --format ccp}), with the user's certificate and key taken from the user's MSP folder, as a new user of
 * fabric-samples' test network holds them: list, register and verify through the library and the command line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionProfileIT {
    private static final String ORG = "hospital-a";
    /** The organisation's admin: a plain client such as User1 has no role, and registering needs one. */
    private static final String USER = "Admin";

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private FabricNetwork network;
    private Path profile;
    private Path certificate;
    private Path key;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        profile = network.connectionProfile(ORG, USER);
        certificate = network.userCertificate(ORG, USER);
        key = network.userKey(ORG, USER);
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    private String id(String name) {
        return "it-" + run + "-ccp-" + name;
    }

    private Path file(String name, String content) throws Exception {
        Path file = network.folder("ccp").resolve(name);
        Files.writeString(file, content, UTF_8);
        return file;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThroughTheLibrary {

        @Test
        void the_profile_names_the_organisation_and_its_peer_as_the_test_network_does() {
            ConnectionProfile read = ConnectionProfile.read(profile);

            assertThat(read.organization()).isEqualTo("HospitalA");
            assertThat(read.mspId()).isEqualTo("HospitalAMSP");
            assertThat(read.peers()).containsExactly("peer0.hospital-a.prooftrail.example");
        }

        @Test
        void lists_registers_and_verifies_with_the_profile_and_the_users_certificate_and_key() throws Exception {
            GatewayConfig config = ConnectionProfile.read(profile)
                    .gatewayConfig()
                    .certificate(certificate)
                    .privateKey(key)
                    .build();
            String id = id("library");
            Path data = file("library.csv", "patient,finding\n1,none\n" + run + "\n");
            Fingerprint fingerprint = Fingerprinter.create().fingerprint(data);

            try (ProofTrail ledger = ProofTrail.over(FabricGatewayTransport.connect(config))) {
                ArtifactRecord registered =
                        ledger.register(Registration.builder(id, ArtifactKind.DATASET, fingerprint.digest())
                                .size(fingerprint.size())
                                .build());

                assertThat(registered.owner()).isEqualTo("HospitalAMSP");
                assertThat(listedIds(ledger)).contains(id);
                assertThat(ledger.verify(id, fingerprint.digest()).matches()).isTrue();
                Digest other = Fingerprinter.create()
                        .fingerprint(file("other.csv", "patient,finding\n1,nodule\n"))
                        .digest();
                assertThat(ledger.verify(id, other).matches()).isFalse();
            }
        }

        /** Every id of hospital-a's datasets, page by page (other ITs on this network register many). */
        private List<String> listedIds(ProofTrail ledger) {
            List<String> ids = new ArrayList<>();
            String bookmark = null;
            Page<ArtifactRecord> page;
            do {
                page = ledger.list(ArtifactKind.DATASET, "HospitalAMSP", 100, bookmark);
                page.items().forEach(item -> ids.add(item.id()));
                bookmark = page.bookmark();
            } while (page.hasMore());
            return ids;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThroughTheCommandLine {

        private String[] withProfile(String... arguments) {
            List<String> all = new ArrayList<>(List.of(arguments));
            all.addAll(
                    List.of("--config", profile.toString(), "--cert", certificate.toString(), "--key", key.toString()));
            return all.toArray(String[]::new);
        }

        @Test
        void lists_registers_and_verifies_with_config_cert_and_key() throws Exception {
            String id = id("cli");
            Path data = file("cli.csv", "patient,finding\n2,none\n" + run + "\n");

            Cli.Run register = Cli.run(withProfile("register", data.toString(), "--id", id, "--kind", "DATASET"));
            assertThat(register.exitCode()).as(register.toString()).isZero();

            assertThat(listedByCli()).as("ids listed by the CLI").contains(id);

            Cli.Run intact = Cli.run(withProfile("verify", data.toString(), "--id", id));
            assertThat(intact.exitCode()).as(intact.toString()).isZero();

            Files.writeString(data, "patient,finding\n2,nodule\n", UTF_8);
            Cli.Run changed = Cli.run(withProfile("verify", data.toString(), "--id", id));
            assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        }

        /** The first column of every page of {@code list --kind DATASET --owner HospitalAMSP}. */
        private List<String> listedByCli() {
            List<String> ids = new ArrayList<>();
            String bookmark = null;
            do {
                List<String> arguments = new ArrayList<>(
                        List.of("list", "--kind", "DATASET", "--owner", "HospitalAMSP", "--page-size", "100"));
                if (bookmark != null) {
                    arguments.addAll(List.of("--bookmark", bookmark));
                }
                Cli.Run list = Cli.run(withProfile(arguments.toArray(String[]::new)));
                assertThat(list.exitCode()).as(list.toString()).isZero();
                bookmark = null;
                for (String line : list.out().split("\n")) {
                    if (line.startsWith("more: --bookmark ")) {
                        bookmark = line.substring("more: --bookmark ".length()).strip();
                    } else if (!line.isBlank()) {
                        ids.add(line.split("\\s+")[0]);
                    }
                }
            } while (bookmark != null);
            return ids;
        }
    }
}
