package org.prooftrail.cli;

import java.util.Map;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "history",
        description = "Show an artifact's registration and every status change, oldest first.")
final class HistoryCommand extends LedgerCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    @SuppressWarnings("unchecked")
    int run(ProofTrail proofTrail) {
        JsonDocument history = proofTrail.history(id);
        print(history, () -> {
            for (Object entry : history.array()) {
                Map<String, Object> e = (Map<String, Object>) entry;
                out().printf(
                                "%s  %-14s %-10s %s%s%n",
                                e.get("timestamp"),
                                e.get("type"),
                                e.get("status"),
                                e.get("org"),
                                e.get("reason") == null ? "" : "  (" + e.get("reason") + ")");
            }
        });
        return ExitCode.OK;
    }
}
