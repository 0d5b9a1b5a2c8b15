package org.prooftrail.cli;

import java.util.List;
import org.prooftrail.client.HistoryEntry;
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
    int run(ProofTrail proofTrail) {
        List<HistoryEntry> history = proofTrail.history(id);
        print(array(history.stream().map(HistoryEntry::json).toList()), () -> {
            for (HistoryEntry e : history) {
                String reason = e.reason().map(r -> "  (" + r + ")").orElse("");
                if (e.type() == HistoryEntry.Type.VERIFIED) {
                    out().printf(
                                    "%s  %-14s %-10s %s for %s by %s (%s), transaction %s%s%n",
                                    e.timestamp(),
                                    e.type(),
                                    e.match().orElse(false) ? "MATCH" : "MISMATCH",
                                    text(e.digest()),
                                    text(e.purpose()),
                                    text(e.org()),
                                    text(e.by()),
                                    e.transactionId(),
                                    reason);
                    continue;
                }
                out().printf(
                                "%s  %-14s %-10s %s%s%n",
                                e.timestamp(), e.type(), text(e.status()), text(e.org()), reason);
            }
        });
        return ExitCode.OK;
    }

    /** A field that may be absent, as it always printed: {@code null} when absent. */
    private static String text(java.util.Optional<?> value) {
        return value.map(String::valueOf).orElse("null");
    }
}
