package org.prooftrail.cli;

import java.util.List;
import java.util.Map;
import org.prooftrail.client.JsonDocument;
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
    @SuppressWarnings("unchecked")
    int run(ProofTrail proofTrail) {
        JsonDocument page = proofTrail.list(kind, owner, pageSize, bookmark);
        print(page, () -> {
            for (Object item : (List<Object>) page.object().get("items")) {
                Map<String, Object> a = (Map<String, Object>) item;
                out().printf(
                                "%-32s %-8s %-11s %-14s %s%n",
                                a.get("id"), a.get("kind"), a.get("status"), a.get("owner"), a.get("digest"));
            }
            String next = page.string("bookmark");
            if (next != null && !next.isEmpty()) {
                out().println("more: --bookmark " + next);
            }
        });
        return ExitCode.OK;
    }
}
