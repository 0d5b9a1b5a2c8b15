package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.Map;
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
        print(record.json(), () -> printRecord(out(), record.json().object()));
        return ExitCode.OK;
    }

    static void printRecord(PrintWriter out, Map<String, Object> record) {
        Text.fields(
                out,
                record,
                "id",
                "kind",
                "status",
                "digest",
                "merkle",
                "size",
                "uri",
                "parents",
                "requiresConsent",
                "consentFrom",
                "metadata",
                "owner",
                "registeredBy",
                "registeredAt",
                "txId",
                "statusChange");
    }
}
