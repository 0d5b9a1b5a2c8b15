package org.prooftrail.cli;

import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.Page;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.protocol.ArtifactKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        name = "list",
        description = "List artifacts, filtered by kind and/or owner, one page at a time.")
final class ListCommand extends LedgerCommand {
    @Option(names = "--kind", paramLabel = "KIND")
    ArtifactKind kind;

    @Option(names = "--owner", paramLabel = "MSP", description = "the owner organisation's MSP ID")
    String owner;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "50")
    int pageSize;

    @Option(names = "--bookmark", paramLabel = "B", description = "the bookmark a previous page printed")
    String bookmark;

    @Override
    int run(ProofTrail proofTrail) {
        Page<ArtifactRecord> page = proofTrail.list(kind, owner, pageSize, bookmark);
        print(page.json(), () -> {
            for (ArtifactRecord a : page.items()) {
                out().printf("%-32s %-8s %-11s %-14s %s%n", a.id(), a.kind(), a.status(), a.owner(), a.digest());
            }
            if (page.hasMore()) {
                out().println("more: --bookmark " + page.bookmark());
            }
        });
        return ExitCode.OK;
    }
}
