package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prooftrail audit report} end to end on an embedded ledger written by {@link ReportStory}. */
class AuditReportTest {
    @TempDir
    Path tmp;

    private Path home;

    record Run(int exit, String out, String err) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void writeLedger() {
        home = tmp.resolve("home");
        ReportStory.write(home);
    }

    private static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Nested
    class Html {
        @Test
        void draws_one_svg_node_per_lineage_node_and_lists_one_row_per_record() {
            Run report = cli("audit", "report", ReportStory.MODEL);

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(count(report.out(), "<g class=\"node ")).isEqualTo(ReportStory.MODEL_NODES);
            assertThat(count(report.out(), "<tr class=\"record\"")).isEqualTo(ReportStory.MODEL_RECORDS);
            assertThat(report.out())
                    .startsWith("<!DOCTYPE html>")
                    .contains(
                            "data-key=\"artifact:scans\"",
                            "data-key=\"run:run-a\"",
                            "data-key=\"artifact:train-code\"",
                            "data-key=\"artifact:model-a\"",
                            "<table id=\"records-table\">",
                            "Compliance of <code>model-a</code>");
        }

        @Test
        void escapes_every_ledger_text_so_that_nothing_in_a_record_becomes_markup() {
            String html = cli("audit", "report", ReportStory.MODEL).out();

            assertThat(html)
                    .doesNotContain("<script", "href=", "src=", "<a ", "@import", "url(http")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt; | **bold** [x](http://evil.example/x)"
                            + " &quot;q&quot; &#39;a&#39; &amp;amp;");
        }

        @Test
        void loads_nothing_from_outside_and_forbids_it_by_content_security_policy() {
            String html = cli("audit", "report", ReportStory.MODEL).out();

            assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
            assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").replace("http://evil.example/x", ""))
                    .doesNotContain("http://", "https://git", "//cdn");
            assertThat(html).contains("@media print");
        }

        @Test
        void marks_signatures_not_checked_and_shows_the_failed_copy_check_from_the_ledger() {
            String html = cli("audit", "report", ReportStory.MODEL).out();

            assertThat(count(html, "<li class=\"check-NOT_CHECKED\"[^>]*>not checked: signatures and endorsement"))
                    .isEqualTo(ReportStory.MODEL_RECORDS);
            assertThat(html)
                    .doesNotContain("ok: signatures")
                    .contains("<li class=\"check-FAILED\"")
                    .contains("FAILED: recorded copy verification")
                    .contains("ok: ledger log hash chain");
        }

        @Test
        void writes_the_file_named_by_out_and_nothing_on_standard_output() throws IOException {
            Path file = tmp.resolve("reports/model-a.html");

            Run report = cli("audit", "report", ReportStory.MODEL, "--out", file.toString());

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(report.out()).isEmpty();
            assertThat(report.err()).contains("written to " + file.toAbsolutePath());
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
            assertThat(file.resolveSibling("model-a.html.partial")).doesNotExist();
        }
    }

    @Nested
    class Markdown {
        @Test
        void has_the_status_a_mermaid_lineage_and_one_escaped_table_row_per_record() {
            Run report = cli("audit", "report", ReportStory.MODEL, "--format", "md");

            assertThat(report.exit()).as(report.err()).isZero();
            assertThat(report.out())
                    .startsWith("# Audit report: model-a")
                    .contains("```mermaid\nflowchart LR\n", "## Records")
                    .contains("\\<script\\>alert\\(1\\)\\</script\\> \\| \\*\\*bold\\*\\* \\[x\\]")
                    .doesNotContain("<script>");
            assertThat(count(report.out(), "(?m)^\\| artifact:|^\\| run:")).isEqualTo(ReportStory.MODEL_RECORDS);
        }
    }

    @Nested
    class Json {
        @Test
        void lists_nodes_edges_and_records_with_named_checks_and_says_not_all_hold() {
            Run report = cli("audit", "report", ReportStory.MODEL, "--format", "json");

            assertThat(report.exit()).as(report.err()).isZero();
            Map<String, Object> json = JsonOutput.parse(report.out().getBytes(StandardCharsets.UTF_8))
                    .object();
            assertThat(json).containsEntry("subject", "model-a").containsEntry("allChecksHold", false);
            assertThat((List<?>) json.get("nodes")).hasSize(ReportStory.MODEL_NODES);
            assertThat((List<?>) json.get("edges")).hasSize(3);
            List<?> records = (List<?>) json.get("records");
            assertThat(records).hasSize(ReportStory.MODEL_RECORDS);
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) records.get(0);
            assertThat(first)
                    .containsEntry("node", "artifact:scans")
                    .containsEntry("org", "ResearchMSP")
                    .containsKeys("txId", "time", "certificateSubject")
                    .doesNotContainKeys("block", "role");
            assertThat(first.get("checks").toString())
                    .contains("name=signatures and endorsement policy, state=NOT_CHECKED");
        }

        @Test
        void the_global_json_option_gives_the_same_document() {
            Run report = cli("audit", "report", ReportStory.MODEL, "--json");

            assertThat(report.out()).startsWith("{").contains("\"records\":[");
        }
    }

    @Nested
    class Failures {
        @Test
        void an_unknown_id_is_not_found_with_exit_1() {
            Run report = cli("audit", "report", "no-such-thing");

            assertThat(report.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(report.err()).startsWith("error: NOT_FOUND: ");
            assertThat(report.out()).isEmpty();
        }

        @Test
        void an_unknown_format_is_a_usage_error() {
            Run report = cli("audit", "report", ReportStory.MODEL, "--format", "pdf");

            assertThat(report.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(report.err()).contains("pdf");
        }
    }
}
