package org.prooftrail.cli;

import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.protocol.ArtifactStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "status",
        description = "Deprecate or revoke an artifact your organisation registered. Revocation is final.")
final class StatusCommand extends LedgerCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "STATUS", description = "DEPRECATED or REVOKED")
    ArtifactStatus status;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Override
    int run(ProofTrail proofTrail) {
        ArtifactRecord record = proofTrail.setStatus(id, status, reason);
        print(record.json(), () -> ShowCommand.printRecord(out(), record));
        return ExitCode.OK;
    }
}
