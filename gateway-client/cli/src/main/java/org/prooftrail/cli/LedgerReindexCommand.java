package org.prooftrail.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code prooftrail ledger reindex}: rebuilds the embedded ledger's index from its transaction log. */
@Command(
        mixinStandardHelpOptions = true,
        name = "reindex",
        description = "Rebuild the embedded ledger's index (state, history, events) from its transaction log, which is"
                + " not changed. Needs the writer lock: fails with exit 3 while another process writes.")
final class LedgerReindexCommand implements Callable<Integer> {
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
                    "ledger reindex rebuilds the embedded ledger's index; a Fabric peer keeps its own state database");
        }
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerOptions.home())) {
            final long started = System.nanoTime();
            final long records = ledger.reindex();
            final double seconds = (System.nanoTime() - started) / 1e9;
            var out = spec.commandLine().getOut();
            if (output.json) {
                out.println(Json.write(Map.of("records", records, "seconds", seconds)));
            } else {
                out.printf("REINDEXED %s: %d transactions in %.1f s%n", ledger.home(), records, seconds);
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
