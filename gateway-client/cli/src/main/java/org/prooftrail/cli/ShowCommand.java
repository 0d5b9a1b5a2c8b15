package org.prooftrail.cli;

import java.io.PrintWriter;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "show", description = "Show a registered artifact and its status.")
final class ShowCommand extends LedgerCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    int run(ProofTrail proofTrail) {
        ArtifactRecord record = proofTrail.get(id);
        print(record.json(), () -> printRecord(out(), record));
        return ExitCode.OK;
    }

    static void printRecord(PrintWriter out, ArtifactRecord record) {
        Text.lines()
                .add("id", record.id())
                .add("kind", record.kind())
                .add("status", record.status())
                .add("digest", record.digest())
                .add("merkle", record.merkle().map(m -> Text.pairs("leaves", m.leaves(), "root", m.root())))
                .add("size", record.size())
                .add("uri", record.uri())
                .add("parents", record.parents())
                .add("requiresConsent", record.requiresConsent() ? Boolean.TRUE : null)
                .add("consentFrom", record.consentFrom())
                .add("metadata", record.metadata())
                .add("owner", record.owner())
                .add("registeredBy", record.registeredBy())
                .add("registeredAt", record.registeredAt())
                .add("txId", record.transactionId())
                .add(
                        "statusChange",
                        record.statusChange()
                                .map(change -> Text.pairs(
                                        "changedAt", change.changedAt(),
                                        "changedBy", change.changedBy(),
                                        "changedByOrg", change.changedByOrg(),
                                        "id", record.id(),
                                        "reason", change.reason(),
                                        "status", change.status(),
                                        "txId", change.transactionId())))
                .print(out);
    }
}
