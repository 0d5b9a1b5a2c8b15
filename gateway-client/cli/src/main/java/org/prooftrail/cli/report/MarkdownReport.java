package org.prooftrail.cli.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Reason;
import org.prooftrail.cli.report.ReportModel.Row;

/**
 * The report as Markdown (CommonMark with GitHub tables and a Mermaid lineage block). Ledger text is escaped so
 * that it cannot open a link, an image, HTML or a new table cell; Mermaid labels keep only plain characters.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(ReportModel model) {
        StringBuilder md = new StringBuilder(8_192)
                .append("# Audit report: ")
                .append(escape(model.subject()))
                .append("\n\nFrom ")
                .append(escape(model.source()))
                .append(", generated ")
                .append(model.generatedAt())
                .append(". ")
                .append(model.nodes().size())
                .append(" lineage nodes, ")
                .append(model.rows().size())
                .append(" records.\n\n## Status and compliance\n\nCompliance: **")
                .append(escape(model.compliance().orElse("UNKNOWN")))
                .append("**\n\n");
        if (!model.reasons().isEmpty()) {
            md.append("| Severity | Code | Node | Transaction | Message |\n|---|---|---|---|---|\n");
            model.reasons().forEach(reason -> md.append(reason(reason)));
            md.append('\n');
        }
        md.append(lineage(model))
                .append("## Records\n\n| Record | What | Organisation | Role | Certificate subject | When (UTC) |"
                        + " Transaction | Block | Checks |\n|---|---|---|---|---|---|---|---|---|\n");
        model.rows().forEach(row -> md.append(row(row)));
        if (!model.notes().isEmpty()) {
            md.append("\n## About this evidence\n\n");
            model.notes().forEach(note -> md.append("- ").append(escape(note)).append('\n'));
        }
        return md.toString();
    }

    private static String reason(Reason reason) {
        return tableRow(List.of(
                escape(reason.severity()),
                escape(reason.code()),
                escape(reason.node()),
                escape(reason.transactionId().orElse("")),
                escape(reason.message())));
    }

    private static String lineage(ReportModel model) {
        StringBuilder md = new StringBuilder(1024).append("## Lineage\n\n```mermaid\nflowchart LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (ReportModel.Node node : model.nodes()) {
            String id = "n" + ids.size();
            ids.put(node.key(), id);
            md.append("  ")
                    .append(id)
                    .append("[\"")
                    .append(plain(String.join(" / ", LineageLayout.label(node))))
                    .append("\"]\n");
        }
        model.edges().stream()
                .filter(edge -> ids.containsKey(edge.from()) && ids.containsKey(edge.to()))
                .forEach(edge -> md.append("  ")
                        .append(ids.get(edge.from()))
                        .append(" -->|")
                        .append(plain(edge.relation()))
                        .append("| ")
                        .append(ids.get(edge.to()))
                        .append('\n'));
        return md.append("```\n\n").toString();
    }

    private static String row(Row row) {
        String checks = row.checks().entrySet().stream()
                .map(check -> escape(checkText(check.getKey(), check.getValue())))
                .collect(Collectors.joining("<br>"));
        return tableRow(List.of(
                escape(row.node()),
                escape(row.what()),
                escape(row.org().orElse("—")),
                escape(row.role().orElse("not recorded")),
                escape(row.subject().orElse("—")),
                row.time().toString(),
                escape(row.transactionId()),
                row.block().map(String::valueOf).orElse("unknown"),
                checks));
    }

    private static String checkText(String name, Check check) {
        return check.state().word() + ": " + name + (check.detail().isEmpty() ? "" : " (" + check.detail() + ")");
    }

    private static String tableRow(List<String> cells) {
        return cells.stream().collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    /** Backslash-escapes what Markdown would read as markup, and keeps a table cell on one line. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>|#!()~&{}".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : '\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A Mermaid label: letters, digits and a few separators; anything else becomes an underscore. */
    static String plain(String text) {
        return text.replaceAll("[^\\p{L}\\p{N} .,:/@+=·…-]", "_");
    }
}
