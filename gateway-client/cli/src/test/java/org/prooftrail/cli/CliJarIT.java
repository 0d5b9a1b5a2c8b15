package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The runnable command line holds what runs outside the test class path: the contracts that the embedded ledger's
 * router finds on the class path, the simulator, and BouncyCastle for the local certificate authority (a
 * narrower-scoped declaration once dropped it, and {@code prooftrail demo} failed with NoClassDefFoundError).
 */
class CliJarIT {
    @Nested
    class The_command_line_jar {
        @Test
        void holds_the_contracts_the_simulator_bouncycastle_and_the_report_layout() throws IOException {
            Path jar = Path.of(System.getProperty("prooftrail.cli.jar", "target/prooftrail.jar"));
            List<String> entries;
            try (JarFile file = new JarFile(jar.toFile())) {
                entries = file.stream().map(ZipEntry::getName).toList();
            }
            assertThat(entries)
                    .contains(
                            "org/prooftrail/cli/ProofTrailCli.class",
                            "org/prooftrail/client/embedded/EmbeddedLedger.class",
                            "org/prooftrail/chaincode/contract/ArtifactContract.class",
                            "org/prooftrail/chaincode/simulation/TransactionSimulator.class",
                            "org/bouncycastle/cert/X509v3CertificateBuilder.class",
                            // the audit report's layout: ELK's layered algorithm and the Xtend library it needs at
                            // run time without declaring it (without it: NoClassDefFoundError CollectionLiterals)
                            "org/prooftrail/cli/report/HtmlReport.class",
                            "org/eclipse/elk/alg/layered/options/LayeredMetaDataProvider.class",
                            "org/eclipse/xtext/xbase/lib/CollectionLiterals.class");
        }
    }
}
