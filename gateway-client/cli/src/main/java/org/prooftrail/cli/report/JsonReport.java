package org.prooftrail.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Reason;
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
        json.put("reasons", model.reasons().stream().map(JsonReport::reason).toList());
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
        json.put("records", model.rows().stream().map(JsonReport::row).toList());
        json.put("notes", model.notes());
        return Json.write(json);
    }

    private static Map<String, Object> reason(Reason reason) {
        Map<String, Object> item = new TreeMap<>();
        item.put("severity", reason.severity());
        item.put("code", reason.code());
        item.put("node", reason.node());
        reason.transactionId().ifPresent(tx -> item.put("txId", tx));
        item.put("message", reason.message());
        return item;
    }

    private static Map<String, Object> row(Row row) {
        Map<String, Object> item = new TreeMap<>();
        item.put("node", row.node());
        item.put("what", row.what());
        row.org().ifPresent(org -> item.put("org", org));
        row.role().ifPresent(role -> item.put("role", role));
        row.subject().ifPresent(subject -> item.put("certificateSubject", subject));
        item.put("time", row.time().toString());
        item.put("txId", row.transactionId());
        row.block().ifPresent(block -> item.put("block", block));
        item.put(
                "checks",
                row.checks().entrySet().stream()
                        .map(check -> check(check.getKey(), check.getValue()))
                        .toList());
        return item;
    }

    private static Map<String, Object> check(String name, Check check) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("state", check.state().name());
        entry.put("detail", check.detail());
        return entry;
    }
}
