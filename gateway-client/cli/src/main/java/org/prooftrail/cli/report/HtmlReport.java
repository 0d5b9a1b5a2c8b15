package org.prooftrail.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Reason;
import org.prooftrail.cli.report.ReportModel.Row;

/**
 * The report as one self-contained HTML file: inline CSS and SVG, no script, no external resource, and a content
 * security policy that forbids loading any (so a browser opening it makes no request). Every text that comes from
 * the ledger is escaped: record fields are user input.
 */
public final class HtmlReport {
    private static final String CSS = """
            :root { color-scheme: light; --ok: #1b7f3b; --bad: #b42318; --warn: #9a6700; --muted: #57606a; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
                   margin: 0 auto; padding: 16px 24px 48px; max-width: 1400px; color: #1f2328; background: #fff; }
            h1 { font-size: 22px; margin: 8px 0 4px; word-break: break-all; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            .meta, .note { color: var(--muted); font-size: 13px; }
            code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
            .status { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
            .status.CLEAR { background: var(--ok); } .status.AT_RISK { background: var(--warn); }
            .status.TAINTED { background: var(--bad); } .status.UNKNOWN { background: var(--muted); }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td { overflow-wrap: break-word; }
            td.tx { max-width: 9em; font-size: 11px; overflow-wrap: anywhere; }
            td.what { min-width: 14em; max-width: 26em; overflow-wrap: anywhere; }
            td.who { max-width: 13em; font-size: 11px; overflow-wrap: anywhere; }
            td.key { min-width: 8em; max-width: 12em; overflow-wrap: anywhere; }
            td.checks { min-width: 18em; max-width: 30em; overflow-wrap: anywhere; }
            ul.checks { list-style: none; margin: 0; padding: 0; }
            ul.checks li { margin: 0 0 2px; }
            .check-OK { color: var(--ok); } .check-FAILED { color: var(--bad); font-weight: 600; }
            .check-NOT_CHECKED { color: var(--muted); }
            svg.lineage { display: block; max-width: 100%; height: auto; max-height: 75vh; border: 1px solid #d0d7de; background: #fbfcfd; }
            svg .node rect { fill: #fff; stroke: #57606a; stroke-width: 1.2; }
            svg .node.run rect { fill: #eef4ff; } svg .node.deployment rect { fill: #f3f0ff; }
            svg .node.attestation rect, svg .node.erasure rect { fill: #fff8e6; }
            svg .node.bad rect { stroke: var(--bad); stroke-width: 2.4; }
            svg .node.subject rect { stroke: #0969da; stroke-width: 2.4; }
            svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
                       fill: #1f2328; }
            svg text.detail { fill: #57606a; }
            svg .edge { fill: none; stroke: #8c959f; stroke-width: 1.4; }
            svg .relation { font-size: 10px; fill: #57606a; }
            @media print {
              @page { size: A4 landscape; margin: 12mm; }
              body { max-width: none; padding: 0; font-size: 10pt; }
              h2 { break-after: avoid; }
              svg.lineage { max-height: none; border: none; break-inside: avoid; }
              table { font-size: 8pt; } thead { display: table-header-group; }
              tr { break-inside: avoid; } .scroll { overflow: visible; }
            }
            """;

    private static final String CELL = "</td><td>";
    private static final List<String> BAD_STATES = List.of("REVOKED", "STALE", "TAINTED");

    /** What {@link #escape} writes for each ASCII character (null: itself); control characters become U+FFFD. */
    private static final String[] ENTITIES = new String[128];

    static {
        for (char c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\t') {
                ENTITIES[c] = "&#xFFFD;";
            }
        }
        ENTITIES['&'] = "&amp;";
        ENTITIES['<'] = "&lt;";
        ENTITIES['>'] = "&gt;";
        ENTITIES['"'] = "&quot;";
        ENTITIES['\''] = "&#39;";
    }

    private HtmlReport() {}

    public static String render(ReportModel model) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                        + " style-src 'unsafe-inline'; img-src data:\">\n"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        + "<meta name=\"generator\" content=\"prooftrail audit report\">\n"
                        + "<title>prooftrail audit report: ")
                .append(escape(model.subject()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>Audit report: ")
                .append(escape(model.subject()))
                .append("</h1>\n<p class=\"meta\">From ")
                .append(escape(model.source()))
                .append(", generated ")
                .append(escape(model.generatedAt().toString()))
                .append(". ")
                .append(model.nodes().size())
                .append(" lineage nodes, ")
                .append(model.rows().size())
                .append(" records.</p>\n</header>\n");
        status(model, html);
        lineage(model, html);
        records(model, html);
        notes(model, html);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void status(ReportModel model, StringBuilder html) {
        String status = model.compliance().orElse("UNKNOWN");
        long failed = model.rows().stream()
                .flatMap(row -> row.checks().values().stream())
                .filter(check -> check.state() == ReportModel.CheckState.FAILED)
                .count();
        html.append("<section id=\"status\">\n<h2>Status and compliance</h2>\n<p>Compliance of <code>")
                .append(escape(model.subject()))
                .append("</code>: <span class=\"status ")
                .append(cssClass(status))
                .append("\">")
                .append(escape(status))
                .append("</span></p>\n<p>Checks: ")
                .append(failed == 0 ? "no check failed" : failed + " failed")
                .append(" (see the records below; \"not checked\" is never a pass).</p>\n");
        if (!model.reasons().isEmpty()) {
            html.append("<div class=\"scroll\"><table id=\"reasons\">\n<thead><tr><th>Severity</th><th>Code</th>"
                    + "<th>Node</th><th>Transaction</th><th>Message</th></tr></thead>\n<tbody>\n");
            model.reasons().forEach(reason -> reason(reason, html));
            html.append("</tbody>\n</table></div>\n");
        }
        html.append("</section>\n");
    }

    private static void reason(Reason reason, StringBuilder html) {
        html.append("<tr><td>")
                .append(escape(reason.severity()))
                .append(CELL)
                .append(escape(reason.code()))
                .append("</td><td><code>")
                .append(escape(reason.node()))
                .append("</code></td><td class=\"tx mono\">")
                .append(escape(reason.transactionId().orElse("")))
                .append(CELL)
                .append(escape(reason.message()))
                .append("</td></tr>\n");
    }

    private static void lineage(ReportModel model, StringBuilder html) {
        LineageLayout.Laid laid = LineageLayout.layout(model.nodes(), model.edges());
        html.append("<section id=\"lineage\">\n<h2>Lineage</h2>\n<p class=\"note\">Sources on the left, what was"
                        + " made from them to the right; laid out by Eclipse ELK (layered).</p>\n"
                        + "<svg class=\"lineage\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(number(laid.width()))
                .append(' ')
                .append(number(laid.height()))
                .append("\" width=\"")
                .append(number(laid.width()))
                .append("\" aria-label=\"lineage of ")
                .append(escape(model.subject()))
                .append("\">\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                        + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                        + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c959f\"/></marker></defs>\n");
        laid.routes().forEach(route -> edge(route, html));
        String subjectKey = model.nodes().stream()
                .filter(node -> node.id().equals(model.subject()))
                .map(ReportModel.Node::key)
                .findFirst()
                .orElse("");
        laid.boxes().forEach(box -> node(box, box.node().key().equals(subjectKey), html));
        html.append("</svg>\n</section>\n");
    }

    private static void edge(LineageLayout.Route route, StringBuilder html) {
        html.append("<g class=\"edge-group\" data-from=\"")
                .append(escape(route.edge().from()))
                .append("\" data-to=\"")
                .append(escape(route.edge().to()))
                .append("\"><path class=\"edge\" marker-end=\"url(#arrow)\" d=\"")
                .append(path(route.points()))
                .append("\"/>");
        if (route.points().size() >= 2) {
            double[] end = route.points().get(route.points().size() - 1);
            html.append("<text class=\"relation\" x=\"")
                    .append(number(end[0] - 4))
                    .append("\" y=\"")
                    .append(number(end[1] - 4))
                    .append("\" text-anchor=\"end\">")
                    .append(escape(route.edge().relation()))
                    .append("</text>");
        }
        html.append("</g>\n");
    }

    private static String path(List<double[]> points) {
        return points.stream()
                .map(point -> number(point[0]) + "," + number(point[1]))
                .collect(Collectors.joining(" L", "M", ""));
    }

    private static void node(LineageLayout.Box box, boolean subject, StringBuilder html) {
        ReportModel.Node node = box.node();
        boolean bad = node.details().stream().anyMatch(BAD_STATES::contains);
        html.append("<g class=\"node ")
                .append(cssClass(node.type()))
                .append(bad ? " bad" : "")
                .append(subject ? " subject" : "")
                .append("\" data-key=\"")
                .append(escape(node.key()))
                .append("\"><title>")
                .append(escape(
                        node.key() + (node.details().isEmpty() ? "" : " (" + String.join(", ", node.details()) + ")")))
                .append("</title><rect rx=\"6\" x=\"")
                .append(number(box.x()))
                .append("\" y=\"")
                .append(number(box.y()))
                .append("\" width=\"")
                .append(number(box.width()))
                .append("\" height=\"")
                .append(number(box.height()))
                .append("\"/>");
        for (int i = 0; i < box.lines().size(); i++) {
            html.append(i > 0 ? "<text class=\"detail\" x=\"" : "<text x=\"")
                    .append(number(box.x() + LineageLayout.PADDING))
                    .append("\" y=\"")
                    .append(number(box.y() + LineageLayout.PADDING + 10 + i * LineageLayout.LINE_HEIGHT))
                    .append("\">")
                    .append(escape(box.lines().get(i)))
                    .append("</text>");
        }
        html.append("</g>\n");
    }

    private static void records(ReportModel model, StringBuilder html) {
        html.append("<section id=\"records\">\n<h2>Records</h2>\n<div class=\"scroll\"><table id=\"records-table\">\n"
                + "<thead><tr><th>Record</th><th>What</th><th>Organisation</th><th>Role</th>"
                + "<th>Certificate subject</th><th>When (UTC)</th><th>Transaction</th><th>Block</th>"
                + "<th>Checks</th></tr></thead>\n<tbody>\n");
        model.rows().forEach(row -> row(row, html));
        html.append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void row(Row row, StringBuilder html) {
        html.append("<tr class=\"record\" data-node=\"")
                .append(escape(row.node()))
                .append("\"><td class=\"key\"><code>")
                .append(escape(row.node()))
                .append("</code></td><td class=\"what\">")
                .append(escape(row.what()))
                .append(CELL)
                .append(escape(row.org().orElse("—")))
                .append(CELL)
                .append(escape(row.role().orElse("not recorded")))
                .append("</td><td class=\"who mono\">")
                .append(escape(row.subject().orElse("—")))
                .append("</td><td class=\"mono\">")
                .append(escape(row.time().toString()))
                .append("</td><td class=\"tx mono\">")
                .append(escape(row.transactionId()))
                .append(CELL)
                .append(row.block().map(String::valueOf).orElse("unknown"))
                .append("</td><td class=\"checks\"><ul class=\"checks\">");
        row.checks().forEach((name, check) -> html.append("<li class=\"check-")
                .append(check.state().name())
                .append("\" title=\"")
                .append(escape(check.detail()))
                .append("\">")
                .append(escape(check.state().word()))
                .append(": ")
                .append(escape(name))
                .append(detail(check))
                .append("</li>"));
        html.append("</ul></td></tr>\n");
    }

    /**
     * A failed check's detail is shown in the row; the others' in the item's title (the checks' meanings are listed
     * under "About this evidence"), which keeps the table short enough to read.
     */
    private static String detail(Check check) {
        return check.detail().isEmpty() || check.state() != ReportModel.CheckState.FAILED
                ? ""
                : " <span class=\"note\">(" + escape(check.detail()) + ")</span>";
    }

    private static void notes(ReportModel model, StringBuilder html) {
        if (model.notes().isEmpty()) {
            return;
        }
        html.append("<section id=\"notes\">\n<h2>About this evidence</h2>\n<ul>\n");
        model.notes().forEach(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
        html.append("</ul>\n</section>\n");
    }

    /** A class name made only of safe characters (the value is escaped anyway). */
    private static String cssClass(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = c < ENTITIES.length ? ENTITIES[c] : null;
            if (replacement == null) {
                out.append(c);
            } else {
                out.append(replacement);
            }
        }
        return out.toString();
    }
}
