package org.prooftrail.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The whole project as the command line's class path has it: no package cycle anywhere under
 * {@code org.prooftrail}, and each module's packages import only the modules below it (protocol, then the simulator
 * and the contracts, then the client library, then the embedded ledger, then the command line). The build's
 * enforcer rules keep the same order between the modules' dependencies; this keeps it between their classes.
 */
class ModuleLayersTest {
    /** The packages of the contracts module, the peer's chaincode. */
    private static final String[] CONTRACTS = {
        "org.prooftrail.chaincode",
        "org.prooftrail.chaincode.access..",
        "org.prooftrail.chaincode.artifact..",
        "org.prooftrail.chaincode.compliance..",
        "org.prooftrail.chaincode.consent..",
        "org.prooftrail.chaincode.contract..",
        "org.prooftrail.chaincode.graph..",
        "org.prooftrail.chaincode.identity..",
        "org.prooftrail.chaincode.ledger..",
        "org.prooftrail.chaincode.lineage..",
        "org.prooftrail.chaincode.record.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.prooftrail");

    @Nested
    class The_import_graph_of_every_module {
        @Test
        void has_no_cycle_between_packages() {
            slices().matching("org.prooftrail.(**)").should().beFreeOfCycles().check(CLASSES);
        }

        @Test
        void keeps_the_client_library_off_the_shim_the_chaincode_the_embedded_ledger_and_the_command_line() {
            noClasses()
                    .that()
                    .resideInAPackage("org.prooftrail.client..")
                    .and()
                    .resideOutsideOfPackage("org.prooftrail.client.embedded..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.hyperledger.fabric.shim..",
                            "org.hyperledger.fabric.contract..",
                            "org.prooftrail.chaincode..",
                            "org.prooftrail.client.embedded..",
                            "org.prooftrail.cli..")
                    .check(CLASSES);
        }

        @Test
        void keeps_the_embedded_ledger_below_the_command_line_and_off_the_contracts_internals() {
            // The one way in is the chaincode's own entry point, the fixed routing of its contracts (ContractRoutes),
            // which the peer's server uses too; nothing behind it.
            noClasses()
                    .that()
                    .resideInAPackage("org.prooftrail.client.embedded..")
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage(CONTRACTS).and(not(name("org.prooftrail.chaincode.ContractRoutes"))))
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAPackage("org.prooftrail.cli..")
                    .check(CLASSES);
        }

        @Test
        void keeps_the_simulator_and_the_protocol_independent_of_everything_above() {
            noClasses()
                    .that()
                    .resideInAnyPackage("org.prooftrail.protocol..", "org.prooftrail.chaincode.simulation..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(CONTRACTS)
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.prooftrail.client..", "org.prooftrail.cli..")
                    .check(CLASSES);
        }
    }
}
