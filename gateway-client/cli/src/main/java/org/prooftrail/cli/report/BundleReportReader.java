package org.prooftrail.cli.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Node;
import org.prooftrail.cli.report.ReportModel.Row;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.RecordVerification;

/**
 * Builds a report from a proof bundle's offline verification alone (no ledger, no network): one row per bundled
 * record with every check the verifier made, by its name (docs/audit-bundles.md), and one lineage node per ledger
 * node the records belong to.
 */
public final class BundleReportReader {
    private BundleReportReader() {}

    /** The report of a verified bundle; {@code source} says where the bundle came from, for people. */
    public static ReportModel read(BundleVerification verification, String source, Instant now) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        verification.records().forEach(record -> nodes.computeIfAbsent(nodeKey(record), key -> node(key, record)));
        List<Row> rows =
                verification.records().stream().map(BundleReportReader::row).toList();
        List<String> notes = List.of(
                "Verified offline from " + source + " against " + verification.trust() + ": "
                        + (verification.ok()
                                ? "every check of every record holds."
                                : "failed checks: " + String.join(", ", verification.failedChecks()) + "."),
                "Compliance is not part of a proof bundle: ask the ledger (prooftrail compliance, or audit report"
                        + " without --bundle).",
                "The lineage picture shows the bundle's records; the relations between them are in the records'"
                        + " values, which the bundle format does not interpret.",
                "Role: the bundle's certificates carry it only as an attribute, which this report does not read.");
        return new ReportModel(
                verification.root(),
                source,
                now,
                Optional.empty(),
                List.of(),
                List.copyOf(nodes.values()),
                List.of(),
                rows,
                notes);
    }

    private static String nodeKey(RecordVerification record) {
        return nodeType(record.kind()) + ":" + record.id();
    }

    private static Node node(String key, RecordVerification record) {
        return new Node(key, nodeType(record.kind()), record.id(), List.of());
    }

    private static Row row(RecordVerification record) {
        Map<String, Check> checks = new LinkedHashMap<>();
        record.checks().forEach(check -> checks.put(check.name(), Check.of(check.ok(), check.detail())));
        return new Row(
                nodeKey(record),
                record.kind() + " " + record.key(),
                record.creatorMspId(),
                Optional.empty(),
                record.creatorSubject(),
                record.timestamp().orElse(Instant.EPOCH),
                record.transactionId(),
                Optional.of(record.blockNumber()),
                checks);
    }

    /** The lineage node type a bundled record's kind belongs to (the keys {@code upstream} uses). */
    static String nodeType(String kind) {
        return switch (kind) {
            case "run" -> "run";
            case "deployment", "retirement" -> "deployment";
            case "attestation" -> "attestation";
            case "erasure" -> "erasure";
            default -> "artifact";
        };
    }
}
