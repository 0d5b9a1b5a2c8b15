package org.prooftrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What an application that only talks to peers carries: the client jar holds the client's own classes, and its
 * class path (the one this test runs on) has the protocol and fabric-gateway, but no shim, no chaincode, no
 * transaction simulator, no embedded ledger and no command line.
 */
class ClientJarIT {
    @Nested
    class The_client_jar {
        @Test
        void holds_only_the_client_library() throws IOException {
            Path jar = Path.of(System.getProperty("prooftrail.client.jar"));
            List<String> classes;
            try (JarFile file = new JarFile(jar.toFile())) {
                classes = file.stream()
                        .map(ZipEntry::getName)
                        .filter(name -> name.endsWith(".class"))
                        .toList();
            }
            assertThat(classes)
                    .contains("org/prooftrail/client/ProofTrail.class")
                    .allMatch(name -> name.startsWith("org/prooftrail/client/"), "a class of the client library")
                    .noneMatch(name -> name.startsWith("org/prooftrail/client/embedded/"));
        }
    }

    @Nested
    class The_client_class_path {
        @Test
        void has_the_protocol_and_fabric_gateway() throws ClassNotFoundException {
            Class.forName("org.prooftrail.protocol.Digest");
            Class.forName("org.hyperledger.fabric.client.Gateway");
        }

        @Test
        void has_no_shim_chaincode_simulator_embedded_ledger_or_command_line() {
            for (String name : List.of(
                    "org.hyperledger.fabric.shim.ChaincodeStub",
                    "org.prooftrail.chaincode.ChaincodeServer",
                    "org.prooftrail.chaincode.simulation.TransactionSimulator",
                    "org.prooftrail.client.embedded.EmbeddedLedger",
                    "org.prooftrail.cli.ProofTrailCli")) {
                assertThatThrownBy(() -> Class.forName(name), name).isInstanceOf(ClassNotFoundException.class);
            }
        }
    }
}
