package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "verifications",
        description = "List the verifications recorded for an artifact (verify --record, or run record with a local"
                + " input), oldest first, mismatches included: the digest seen, whether it matched, the purpose, who"
                + " checked, when, and the transaction.")
final class VerificationsCommand extends LedgerCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    @SuppressWarnings("unchecked")
    int run(ProofTrail proofTrail) {
        JsonDocument verifications = proofTrail.verifications(id);
        print(verifications, () -> {
            List<Object> records = (List<Object>) verifications.object().getOrDefault("verifications", List.of());
            if (records.isEmpty()) {
                out().println("no verification of " + id + " is recorded");
            }
            for (Object record : records) {
                printVerification(out(), (Map<String, Object>) record);
            }
        });
        return ExitCode.OK;
    }

    static void printVerification(PrintWriter out, Map<String, Object> v) {
        out.printf(
                "%s  %-8s %s for %s by %s (%s), transaction %s%s%n",
                v.get("verifiedAt"),
                Boolean.TRUE.equals(v.get("match")) ? "MATCH" : "MISMATCH",
                v.get("digestSeen"),
                v.get("purpose"),
                v.get("verifierOrg"),
                v.get("verifiedBy"),
                v.get("txId"),
                v.get("note") == null ? "" : "  (" + v.get("note") + ")");
    }
}
