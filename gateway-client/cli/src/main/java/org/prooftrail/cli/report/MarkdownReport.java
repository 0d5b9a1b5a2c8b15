package org.prooftrail.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;
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
        StringBuilder md = new StringBuilder(8_192);
        md.append("# Audit report: ").append(escape(model.subject())).append("\n\n");
        md.append("From ")
                .append(escape(model.source()))
                .append(", generated ")
                .append(model.generatedAt())
                .append(". ")
                .append(model.nodes().size())
                .append(" lineage nodes, ")
                .append(model.rows().size())
                .append(" records.\n\n");
        md.append("## Status and compliance\n\nCompliance: **")
                .append(escape(model.compliance().orElse("UNKNOWN")))
                .append("**\n\n");
        if (!model.reasons().isEmpty()) {
            md.append("| Severity | Code | Node | Transaction | Message |\n|---|---|---|---|---|\n");
            for (Reason reason : model.reasons()) {
                md.append("| ")
                        .append(escape(reason.severity()))
                        .append(" | ")
                        .append(escape(reason.code()))
                        .append(" | ")
                        .append(escape(reason.node()))
                        .append(" | ")
                        .append(escape(reason.transactionId().orElse("")))
                        .append(" | ")
                        .append(escape(reason.message()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Lineage\n\n```mermaid\nflowchart LR\n");
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
        for (ReportModel.Edge edge : model.edges()) {
            if (ids.containsKey(edge.from()) && ids.containsKey(edge.to())) {
                md.append("  ")
                        .append(ids.get(edge.from()))
                        .append(" -->|")
                        .append(plain(edge.relation()))
                        .append("| ")
                        .append(ids.get(edge.to()))
                        .append('\n');
            }
        }
        md.append("```\n\n## Records\n\n");
        md.append("| Record | What | Organisation | Role | Certificate subject | When (UTC) | Transaction | Block |"
                + " Checks |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : model.rows()) {
            StringBuilder checks = new StringBuilder();
            for (Map.Entry<String, Check> check : row.checks().entrySet()) {
                if (checks.length() > 0) {
                    checks.append("<br>");
                }
                checks.append(escape(check.getValue().state().word() + ": " + check.getKey()
                        + (check.getValue().detail().isEmpty()
                                ? ""
                                : " (" + check.getValue().detail() + ")")));
            }
            md.append("| ")
                    .append(escape(row.node()))
                    .append(" | ")
                    .append(escape(row.what()))
                    .append(" | ")
                    .append(escape(row.org().orElse("—")))
                    .append(" | ")
                    .append(escape(row.role().orElse("not recorded")))
                    .append(" | ")
                    .append(escape(row.subject().orElse("—")))
                    .append(" | ")
                    .append(row.time())
                    .append(" | ")
                    .append(escape(row.transactionId()))
                    .append(" | ")
                    .append(row.block().map(String::valueOf).orElse("unknown"))
                    .append(" | ")
                    .append(checks)
                    .append(" |\n");
        }
        if (!model.notes().isEmpty()) {
            md.append("\n## About this evidence\n\n");
            model.notes().forEach(note -> md.append("- ").append(escape(note)).append('\n'));
        }
        return md.toString();
    }

    /** Backslash-escapes what Markdown would read as markup, and keeps a table cell on one line. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>|#!()~&{}".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c < 0x20) {
                out.append('\uFFFD');
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
