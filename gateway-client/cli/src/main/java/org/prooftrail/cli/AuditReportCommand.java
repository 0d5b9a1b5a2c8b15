package org.prooftrail.cli;

import java.nio.file.Path;
import java.time.Instant;
import org.prooftrail.cli.report.HtmlReport;
import org.prooftrail.cli.report.JsonReport;
import org.prooftrail.cli.report.LedgerReportReader;
import org.prooftrail.cli.report.MarkdownReport;
import org.prooftrail.cli.report.ReportModel;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "report",
        description = "A report for people of ID and everything upstream of it: status and compliance, a lineage"
                + " picture and every record with who (organisation, certificate subject), when, its transaction"
                + " and the result of each check. HTML is one self-contained file (no network), readable on screen"
                + " and printed. From the ledger, signatures and endorsement policies are marked not checked: only"
                + " a verified proof bundle carries them.")
final class AuditReportCommand extends LedgerCommand {
    /** Report formats. */
    enum Format {
        html,
        md,
        json
    }

    @Parameters(paramLabel = "ID", description = "an artifact, run, deployment, attestation or erasure receipt")
    String id;

    @Option(names = "--format", paramLabel = "F", defaultValue = "html", description = "html (default), md or json")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path outFile;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "8", description = "lineage depth, 1 to 32 (default 8)")
    int depth;

    @Override
    int run(ProofTrail proofTrail) throws Exception {
        ReportModel model = LedgerReportReader.read(proofTrail, id, depth, Instant.now());
        String text = render(model, json() ? Format.json : format);
        OutputFile.write(outFile, text, out(), "the report");
        if (outFile != null) {
            err().println("report of " + id + " written to " + outFile.toAbsolutePath());
            err().flush();
        }
        return ExitCode.OK;
    }

    static String render(ReportModel model, Format format) {
        return switch (format) {
            case html -> HtmlReport.render(model);
            case md -> MarkdownReport.render(model);
            case json -> JsonReport.render(model) + "\n";
        };
    }
}
