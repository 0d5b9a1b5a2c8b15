package org.prooftrail.cli;

import java.io.PrintWriter;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "lineage",
        description = "Show what went into an artifact, run or deployment (upstream), or with --downstream"
                + " everything derived from it: the models and deployments a tainted dataset reaches.")
final class LineageCommand extends LedgerCommand {
    /** Output formats. */
    enum Format {
        text,
        dot,
        mermaid,
        json
    }

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--downstream", description = "walk towards derived artifacts, runs and deployments")
    boolean downstream;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "8", description = "1 to 32 (default 8)")
    int depth;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text, dot, mermaid or json")
    Format format;

    @Override
    int run(ProofTrail proofTrail) {
        LineageGraph graph = downstream ? proofTrail.downstream(id, depth) : proofTrail.upstream(id, depth);
        Format chosen = json() ? Format.json : format;
        PrintWriter out = out();
        switch (chosen) {
            case json -> out.println(graph.json());
            case dot -> out.print(LineageRendering.dot(graph));
            case mermaid -> out.print(LineageRendering.mermaid(graph));
            case text -> out.print(LineageRendering.tree(graph));
        }
        out.flush();
        return ExitCode.OK;
    }
}
