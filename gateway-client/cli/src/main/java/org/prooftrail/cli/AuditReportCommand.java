package org.prooftrail.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.prooftrail.cli.report.BundleReportReader;
import org.prooftrail.cli.report.HtmlReport;
import org.prooftrail.cli.report.JsonReport;
import org.prooftrail.cli.report.LedgerReportReader;
import org.prooftrail.cli.report.MarkdownReport;
import org.prooftrail.cli.report.ReportModel;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.audit.BundleVerification;
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
                + " a verified proof bundle carries them; with --bundle FILE the report is made from that bundle alone,"
                + " verified offline (no ledger, no network), every check of audit verify in its table.")
final class AuditReportCommand extends LedgerCommand {
    /** Report formats. */
    enum Format {
        html,
        md,
        json
    }

    @Parameters(
            paramLabel = "ID",
            arity = "0..1",
            description = "an artifact, run, deployment, attestation or erasure receipt (not with --bundle)")
    String id;

    @Option(
            names = "--bundle",
            paramLabel = "FILE",
            description = "report on a proof bundle written by audit bundle, verified offline, instead of the ledger")
    Path bundle;

    @Option(
            names = "--trust",
            paramLabel = "CONFIG_BLOCK_OR_CA_PEMS",
            description = "with --bundle: what to verify it against, as for audit verify (default: the bundle's own"
                    + " configuration)")
    Path trust;

    @Option(names = "--format", paramLabel = "F", defaultValue = "html", description = "html (default), md or json")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path outFile;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "8", description = "lineage depth, 1 to 32 (default 8)")
    int depth;

    @Override
    void prepare() {
        if ((id == null) == (bundle == null)) {
            throw UsageException.invalid("give exactly one of ID (a report from the ledger) and --bundle FILE");
        }
        if (trust != null && bundle == null) {
            throw UsageException.invalid("--trust needs --bundle");
        }
    }

    @Override
    Optional<Integer> withoutLedger() {
        if (bundle == null) {
            return Optional.empty();
        }
        BundleVerification verification = BundleFiles.verify(bundle, trust);
        write(BundleReportReader.read(verification, "bundle " + bundle, Instant.now()), verification.root());
        return Optional.of(verification.ok() ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED);
    }

    @Override
    int run(ProofTrail proofTrail) {
        write(LedgerReportReader.read(proofTrail, id, depth, Instant.now()), id);
        return ExitCode.OK;
    }

    private void write(ReportModel model, String subject) {
        String text = render(model, json() ? Format.json : format);
        OutputFile.write(outFile, text, out(), "the report");
        if (outFile != null) {
            err().println("report of " + subject + " written to " + outFile.toAbsolutePath());
            err().flush();
        }
    }

    static String render(ReportModel model, Format format) {
        return switch (format) {
            case html -> HtmlReport.render(model);
            case md -> MarkdownReport.render(model);
            case json -> JsonReport.render(model) + "\n";
        };
    }
}
