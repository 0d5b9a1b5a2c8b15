package org.prooftrail.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The jar the peer runs holds the contracts, the protocol and the Fabric shim with its own dependencies, and nothing
 * of prooftrail's that the peer never uses: no transaction simulator or local certificate authority, no client,
 * no embedded ledger, no command line.
 */
class PeerJarIT {
    private static List<String> entries() throws IOException {
        Path jar = Path.of(System.getProperty("prooftrail.chaincode.jar", "target/prooftrail-chaincode.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Nested
    class The_peer_jar {
        @Test
        void holds_the_contracts_the_protocol_and_the_shim() throws IOException {
            assertThat(entries())
                    .contains(
                            "org/prooftrail/chaincode/ChaincodeServer.class",
                            "org/prooftrail/chaincode/contract/ArtifactContract.class",
                            "org/prooftrail/chaincode/record/Artifact.class",
                            "org/prooftrail/protocol/Digest.class",
                            "org/hyperledger/fabric/contract/ContractRouter.class");
        }

        @Test
        void holds_no_simulator_certificate_authority_client_or_command_line() throws IOException {
            assertThat(entries())
                    .filteredOn(name -> name.startsWith("org/prooftrail/") && name.endsWith(".class"))
                    .allMatch(
                            name -> name.startsWith("org/prooftrail/chaincode/")
                                    || name.startsWith("org/prooftrail/protocol/"),
                            "a class of the chaincode or the protocol")
                    .noneMatch(name -> name.startsWith("org/prooftrail/chaincode/simulation/"));
        }
    }
}
