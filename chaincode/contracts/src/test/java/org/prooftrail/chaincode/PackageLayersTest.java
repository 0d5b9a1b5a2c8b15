package org.prooftrail.chaincode;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The chaincode's packages form layers, each importing only the layers below it: records below the stores that
 * hold them, the stores below the services that use them, the gates composed where the contracts are wired. The
 * layers, lowest first; packages on one line are peers that must not import each other either.
 */
class PackageLayersTest {
    private static final String[][] LAYERS = {
        {"org.prooftrail.protocol.."},
        {"org.prooftrail.chaincode.record..", "org.prooftrail.chaincode.identity.."},
        {"org.prooftrail.chaincode.ledger.."},
        {"org.prooftrail.chaincode.graph..", "org.prooftrail.chaincode.artifact.."},
        {"org.prooftrail.chaincode.access..", "org.prooftrail.chaincode.consent.."},
        {"org.prooftrail.chaincode.lineage.."},
        {"org.prooftrail.chaincode.federation.."},
        {"org.prooftrail.chaincode.compliance.."},
        {"org.prooftrail.chaincode.contract.."},
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.prooftrail");

    @Nested
    class The_import_graph {
        @Test
        void has_no_cycle_between_packages() {
            slices().matching("org.prooftrail.(**)").should().beFreeOfCycles().check(CLASSES);
        }

        @Test
        void never_points_from_a_lower_layer_to_a_higher_one_or_between_peers() {
            for (int layer = 0; layer < LAYERS.length; layer++) {
                for (String peer : LAYERS[layer]) {
                    List<String> forbidden = new ArrayList<>();
                    for (int above = layer + 1; above < LAYERS.length; above++) {
                        forbidden.addAll(Arrays.asList(LAYERS[above]));
                    }
                    for (String other : LAYERS[layer]) {
                        if (!other.equals(peer)) {
                            forbidden.add(other);
                        }
                    }
                    forbidden.add("org.prooftrail.chaincode");
                    noClasses()
                            .that()
                            .resideInAPackage(peer)
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(forbidden.toArray(String[]::new))
                            .check(CLASSES);
                }
            }
        }

        @Test
        void keeps_the_protocol_free_of_fabric() {
            noClasses()
                    .that()
                    .resideInAPackage("org.prooftrail.protocol..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.hyperledger..", "com.owlike..", "org.prooftrail.chaincode..")
                    .check(CLASSES);
        }

        /**
         * Who called is read only through the shim's ClientIdentity (MSP ID, ID, attributes), never from the creator's
         * bytes: the embedded ledger hands the contracts the certificate DER-encoded, a peer hands them PEM, and
         * ClientIdentity reads both alike.
         */
        @Test
        void reads_the_caller_only_through_the_client_identity() {
            noClasses()
                    .that()
                    .resideInAPackage("org.prooftrail.chaincode..")
                    .and()
                    .resideOutsideOfPackage("org.prooftrail.chaincode.simulation..")
                    .should()
                    .callMethod(ChaincodeStub.class, "getCreator")
                    .check(CLASSES);
        }

        @Test
        void keeps_the_stub_inside_the_ledger_package_and_the_contracts() {
            noClasses()
                    .that()
                    .resideInAnyPackage(
                            "org.prooftrail.chaincode.record..",
                            "org.prooftrail.chaincode.graph..",
                            "org.prooftrail.chaincode.artifact..",
                            "org.prooftrail.chaincode.access..",
                            "org.prooftrail.chaincode.consent..",
                            "org.prooftrail.chaincode.lineage..",
                            "org.prooftrail.chaincode.federation..",
                            "org.prooftrail.chaincode.compliance..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.hyperledger.fabric.shim..")
                    .check(CLASSES);
        }
    }
}
