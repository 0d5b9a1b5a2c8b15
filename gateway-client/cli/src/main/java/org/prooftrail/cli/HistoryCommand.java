package org.prooftrail.cli;

import java.util.Map;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "history",
        description = "Show an artifact's registration, every status change and every recorded verification (VERIFIED:"
                + " the digest seen, MATCH or MISMATCH, the purpose, who checked, the note and the transaction),"
                + " oldest first.")
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
                if ("VERIFIED".equals(e.get("type"))) {
                    out().printf(
                                    "%s  %-14s %-10s %s for %s by %s (%s), transaction %s%s%n",
                                    e.get("timestamp"),
                                    e.get("type"),
                                    Boolean.TRUE.equals(e.get("match")) ? "MATCH" : "MISMATCH",
                                    e.get("digest"),
                                    e.get("purpose"),
                                    e.get("org"),
                                    e.get("by"),
                                    e.get("txId"),
                                    e.get("reason") == null ? "" : "  (" + e.get("reason") + ")");
                    continue;
                }
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
