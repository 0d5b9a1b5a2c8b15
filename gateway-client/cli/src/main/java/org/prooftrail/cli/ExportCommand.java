package org.prooftrail.cli;

import java.nio.file.Path;
import org.prooftrail.cli.export.InTotoExport;
import org.prooftrail.cli.export.OpenLineageExport;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "export",
        description = "Export the provenance of ID in a format other tools read: in-toto (an in-toto Statement v1"
                + " with a SLSA Provenance v1 predicate for the artifact ID) or openlineage (one OpenLineage RunEvent"
                + " a line for every training run upstream of ID). See docs/exports.md.")
final class ExportCommand extends LedgerCommand {
    /** Export formats. */
    enum Format {
        in_toto("in-toto"),
        openlineage("openlineage");

        private final String wireName;

        Format(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String toString() {
            return wireName;
        }
    }

    @Parameters(paramLabel = "ID", description = "an artifact (in-toto); for openlineage, anything with an upstream")
    String id;

    @Option(
            names = "--format",
            paramLabel = "F",
            required = true,
            converter = FormatConverter.class,
            description = "in-toto or openlineage")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path outFile;

    @Option(
            names = "--depth",
            paramLabel = "N",
            defaultValue = "8",
            description = "openlineage: lineage depth (default 8)")
    int depth;

    @Override
    int run(ProofTrail proofTrail) {
        String text =
                switch (format) {
                    case in_toto -> InTotoExport.statement(proofTrail, id) + "\n";
                    case openlineage -> OpenLineageExport.events(proofTrail, id, depth);
                };
        OutputFile.write(outFile, text, out(), "the export");
        return ExitCode.OK;
    }

    /** Reads {@code in-toto} and {@code openlineage}. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format format : Format.values()) {
                if (format.wireName.equals(value)) {
                    return format;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected in-toto or openlineage, not '" + value + "'");
        }
    }
}
