package org.prooftrail.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prooftrail.client.embedded.CorruptLedgerException;
import org.prooftrail.client.embedded.EmbeddedBundles;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.embedded.LedgerVerification;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "ledger",
        description = "The embedded ledger.",
        subcommands = {LedgerVerifyCommand.Verify.class, LedgerReindexCommand.class, LedgerUpgradeCommand.class})
final class LedgerVerifyCommand {

    @Command(
            mixinStandardHelpOptions = true,
            name = "verify",
            description = "Re-read the embedded ledger's transaction log, check every record and the hash chain, and"
                    + " replay it. Exits 1 if any byte of it was edited.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        LedgerOptions ledgerOptions;

        @Mixin
        OutputOptions output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (ledgerOptions.config != null || LedgerOptions.gatewayEnvironmentPresent(System.getenv())) {
                throw UsageException.failedPrecondition(
                        "ledger verify checks the embedded ledger; on a Fabric network the peers"
                                + " validate every block themselves");
            }
            try (EmbeddedLedger ledger = EmbeddedLedger.openShared(ledgerOptions.home())) {
                LedgerVerification verification = ledger.verify();
                if (verification.intact()) {
                    // A log cut short still chains; the organisation's latest signed checkpoint says how far it went.
                    var truncated = EmbeddedBundles.checkAgainstLatestCheckpoint(ledgerOptions.home());
                    if (truncated.isPresent()) {
                        return tampered(truncated.get());
                    }
                }
                return report(verification);
            } catch (CorruptLedgerException e) {
                return tampered(e.getMessage());
            }
        }

        private int tampered(String problem) {
            var out = spec.commandLine().getOut();
            out.println(output.json ? Json.write(Map.of("intact", false, "problem", problem)) : "TAMPERED " + problem);
            out.flush();
            return ExitCode.MISMATCH_OR_REJECTED;
        }

        private int report(LedgerVerification verification) {
            Map<String, Object> json = new TreeMap<>();
            json.put("intact", verification.intact());
            json.put("log", verification.log().toString());
            json.put("records", verification.records());
            json.put("lastHash", verification.lastHash());
            verification.firstBadRecord().ifPresent(record -> json.put("firstBadRecord", record));
            verification.problem().ifPresent(problem -> json.put("problem", problem));
            var out = spec.commandLine().getOut();
            if (output.json) {
                out.println(Json.write(json));
            } else {
                out.println((verification.intact() ? "INTACT " : "TAMPERED ") + verification.log() + ": "
                        + verification.records() + " transactions, last hash " + verification.lastHash());
                verification.problem().ifPresent(problem -> out.println("  " + problem));
            }
            out.flush();
            return verification.intact() ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
        }
    }
}
