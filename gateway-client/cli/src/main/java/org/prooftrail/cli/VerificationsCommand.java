package org.prooftrail.cli;

import java.io.PrintWriter;
import org.prooftrail.client.ArtifactVerifications;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.VerificationRecord;
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
    int run(ProofTrail proofTrail) {
        ArtifactVerifications verifications = proofTrail.verifications(id);
        print(verifications.json(), () -> {
            if (verifications.verifications().isEmpty()) {
                out().println("no verification of " + id + " is recorded");
            }
            for (VerificationRecord record : verifications.verifications()) {
                printVerification(out(), record);
            }
        });
        return ExitCode.OK;
    }

    static void printVerification(PrintWriter out, VerificationRecord v) {
        out.printf(
                "%s  %-8s %s for %s by %s (%s), transaction %s%s%n",
                v.verifiedAt(),
                v.matches() ? "MATCH" : "MISMATCH",
                v.digestSeen(),
                v.purpose(),
                v.verifierOrg(),
                v.verifiedBy(),
                v.transactionId(),
                v.note().map(note -> "  (" + note + ")").orElse(""));
    }
}
