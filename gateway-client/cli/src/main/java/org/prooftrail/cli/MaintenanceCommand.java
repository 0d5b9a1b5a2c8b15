package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.LedgerMaintenance;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "maintenance",
        description = "Upgrades: which release of the chaincode answers, and the owner's back-fill of what release"
                + " 0.1.0 did not write (docs/upgrading.md).",
        subcommands = {MaintenanceCommand.Version.class, MaintenanceCommand.Upgrade.class})
final class MaintenanceCommand {

    @Command(
            mixinStandardHelpOptions = true,
            name = "version",
            description = "Print the record format the chaincode writes and the oldest it reads; a chaincode without"
                    + " the maintenance contract is release 0.1.0 (record format 1).")
    static final class Version extends LedgerCommand {
        @Override
        int run(ProofTrail proofTrail) {
            LedgerMaintenance.ChaincodeFormats formats =
                    LedgerMaintenance.over(proofTrail.transport()).chaincodeFormats();
            Map<String, Object> json = new TreeMap<>();
            json.put("recordFormat", formats.recordFormat());
            json.put("readsRecordFormatsFrom", formats.readsFrom());
            json.put("maintenanceContract", formats.maintenanceContract());
            print(Json.write(json), () -> out().println("chaincode: " + formats));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "upgrade",
            description = "Back-fill, for artifacts (or with --deployment, deployments) of your organisation that"
                    + " release 0.1.0 wrote, the guard, grant list (adopting 0.1.0 grants), indexes, consent keys and"
                    + " key-level policies that today's rules expect. Your organisation's peer must endorse it;"
                    + " running it again writes nothing.")
    static final class Upgrade extends LedgerCommand {
        @Parameters(arity = "1..*", paramLabel = "ID")
        List<String> ids;

        @Option(names = "--deployment", description = "the ids are deployments, not artifacts")
        boolean deployment;

        @Override
        int run(ProofTrail proofTrail) {
            LedgerMaintenance maintenance = LedgerMaintenance.over(proofTrail.transport());
            List<Object> reports = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (String id : ids) {
                LedgerMaintenance.UpgradeReport report =
                        deployment ? maintenance.upgradeDeployment(id) : maintenance.upgradeArtifact(id);
                Map<String, Object> json = new TreeMap<>();
                json.put("id", report.id());
                json.put("owner", report.owner());
                json.put("backfilled", report.backfilled());
                json.put("grantsAdopted", report.grantsAdopted());
                json.put("upToDate", report.upToDate());
                json.put("txId", report.transactionId());
                reports.add(json);
                lines.add(
                        report.upToDate()
                                ? id + ": up to date"
                                : id + ": " + report.backfilled().size() + " keys back-filled in transaction "
                                        + report.transactionId()
                                        + (report.grantsAdopted().isEmpty()
                                                ? ""
                                                : "; grants adopted: " + String.join(", ", report.grantsAdopted())));
            }
            print(Json.write(reports), () -> lines.forEach(out()::println));
            return ExitCode.OK;
        }
    }
}
