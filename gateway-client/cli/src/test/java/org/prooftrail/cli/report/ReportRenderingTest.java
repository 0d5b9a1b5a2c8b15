package org.prooftrail.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Edge;
import org.prooftrail.cli.report.ReportModel.Node;
import org.prooftrail.cli.report.ReportModel.Row;

/**
 * The renderings of a model filled the way an offline verifier's output would fill it (per record, named checks with
 * ok and a detail), and the ELK layout of its lineage.
 */
class ReportRenderingTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private static ReportModel verified(boolean signatureHolds) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("creator signature", Check.of(true, "ECDSA over the proposal, chained to HospitalAMSP's root"));
        checks.put(
                "endorsement policy", Check.of(signatureHolds, signatureHolds ? "2 of 3" : "1 of 3: MAJORITY needs 2"));
        checks.put("validation flag", Check.of(true, null));
        List<Node> nodes = List.of(
                new Node("artifact:data", "artifact", "data", List.of("DATASET", "ACTIVE", "HospitalAMSP")),
                new Node("run:r", "run", "r", List.of("ResearchMSP")),
                new Node("artifact:code", "artifact", "code", List.of("CODE")),
                new Node("artifact:model", "artifact", "model", List.of("MODEL", "ACTIVE", "ResearchMSP")));
        List<Edge> edges = List.of(
                new Edge("artifact:data", "run:r", "input"),
                new Edge("artifact:code", "run:r", "code"),
                new Edge("run:r", "artifact:model", "output"));
        Row row = new Row(
                "artifact:data",
                "registered DATASET",
                Optional.of("HospitalAMSP"),
                Optional.of("curator"),
                Optional.of("CN=alice"),
                T0,
                "ab12",
                Optional.of(7L),
                checks);
        return new ReportModel(
                "model", "bundle b.json", T0, Optional.of("CLEAR"), List.of(), nodes, edges, List.of(row), List.of());
    }

    @Nested
    class Checks_from_a_verifier {
        @Test
        void all_holding_checks_render_as_ok_with_the_role_and_block_the_bundle_carries() {
            ReportModel model = verified(true);

            String html = HtmlReport.render(model);

            assertThat(model.allChecksHold()).isTrue();
            assertThat(html)
                    .contains("ok: creator signature", "ok: endorsement policy", "<td>curator</td>", "<td>7</td>")
                    .contains("no check failed")
                    .doesNotContain("<li class=\"check-FAILED\"", "FAILED:");
            assertThat(JsonReport.render(model))
                    .contains("\"allChecksHold\":true", "\"block\":7", "\"role\":\"curator\"");
        }

        @Test
        void a_failing_check_is_named_with_its_detail_in_every_format() {
            ReportModel model = verified(false);

            assertThat(model.allChecksHold()).isFalse();
            assertThat(HtmlReport.render(model))
                    .contains("<li class=\"check-FAILED\"", "FAILED: endorsement policy", "1 of 3: MAJORITY needs 2")
                    .contains("Checks: 1 failed");
            assertThat(MarkdownReport.render(model))
                    .contains("FAILED: endorsement policy \\(1 of 3: MAJORITY needs 2\\)");
            assertThat(JsonReport.render(model))
                    .contains(
                            "{\"detail\":\"1 of 3: MAJORITY needs 2\",\"name\":\"endorsement policy\",\"state\":\"FAILED\"}");
        }
    }

    @Nested
    class Layout {
        @Test
        void places_sources_left_of_what_they_made_without_overlaps_and_routes_every_edge() {
            ReportModel model = verified(true);

            LineageLayout.Laid laid = LineageLayout.layout(model.nodes(), model.edges());

            Map<String, LineageLayout.Box> boxes = new LinkedHashMap<>();
            laid.boxes().forEach(box -> boxes.put(box.node().key(), box));
            assertThat(boxes.get("artifact:data").x())
                    .isLessThan(boxes.get("run:r").x());
            assertThat(boxes.get("run:r").x())
                    .isLessThan(boxes.get("artifact:model").x());
            for (LineageLayout.Box a : laid.boxes()) {
                for (LineageLayout.Box b : laid.boxes()) {
                    if (a != b) {
                        boolean overlap = a.x() < b.x() + b.width()
                                && b.x() < a.x() + a.width()
                                && a.y() < b.y() + b.height()
                                && b.y() < a.y() + a.height();
                        assertThat(overlap)
                                .as(a.node().key() + " / " + b.node().key())
                                .isFalse();
                    }
                }
            }
            assertThat(laid.routes())
                    .hasSize(3)
                    .allMatch(route -> route.points().size() >= 2);
            assertThat(laid.width()).isGreaterThan(boxes.get("artifact:model").x());
        }

        @Test
        void cuts_long_labels_so_that_a_node_stays_readable() {
            Node node = new Node("artifact:" + "x".repeat(200), "artifact", "x".repeat(200), List.of());

            assertThat(LineageLayout.label(node)).singleElement().satisfies(line -> assertThat(line)
                    .hasSize(LineageLayout.MAX_LABEL)
                    .endsWith("…"));
        }
    }
}
