package org.prooftrail.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Row;
import org.prooftrail.client.json.Json;

/** The report as JSON (keys sorted; checks as a list in their order), for scripts. */
public final class JsonReport {
    private JsonReport() {}

    public static String render(ReportModel model) {
        Map<String, Object> json = new TreeMap<>();
        json.put("subject", model.subject());
        json.put("source", model.source());
        json.put("generatedAt", model.generatedAt().toString());
        model.compliance().ifPresent(status -> json.put("compliance", status));
        json.put("allChecksHold", model.allChecksHold());
        json.put(
                "reasons",
                model.reasons().stream()
                        .map(reason -> {
                            Map<String, Object> item = new TreeMap<>();
                            item.put("severity", reason.severity());
                            item.put("code", reason.code());
                            item.put("node", reason.node());
                            reason.transactionId().ifPresent(tx -> item.put("txId", tx));
                            item.put("message", reason.message());
                            return item;
                        })
                        .toList());
        json.put(
                "nodes",
                model.nodes().stream()
                        .map(node -> Map.of(
                                "key", node.key(), "type", node.type(), "id", node.id(), "details", node.details()))
                        .toList());
        json.put(
                "edges",
                model.edges().stream()
                        .map(edge -> Map.of("from", edge.from(), "to", edge.to(), "relation", edge.relation()))
                        .toList());
        List<Object> rows = new ArrayList<>();
        for (Row row : model.rows()) {
            Map<String, Object> item = new TreeMap<>();
            item.put("node", row.node());
            item.put("what", row.what());
            row.org().ifPresent(org -> item.put("org", org));
            row.role().ifPresent(role -> item.put("role", role));
            row.subject().ifPresent(subject -> item.put("certificateSubject", subject));
            item.put("time", row.time().toString());
            item.put("txId", row.transactionId());
            row.block().ifPresent(block -> item.put("block", block));
            List<Object> checks = new ArrayList<>();
            for (Map.Entry<String, Check> check : row.checks().entrySet()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", check.getKey());
                entry.put("state", check.getValue().state().name());
                entry.put("detail", check.getValue().detail());
                checks.add(entry);
            }
            item.put("checks", checks);
            rows.add(item);
        }
        json.put("records", rows);
        json.put("notes", model.notes());
        return Json.write(json);
    }
}
