package org.prooftrail.cli.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an audit report shows, independent of where it came from (the ledger's answers, or a proof bundle and its
 * offline verification) and of how it is rendered.
 *
 * @param subject the id the report is about
 * @param source where the evidence came from, for people ("embedded ledger in ...", "bundle FILE")
 * @param generatedAt when the report was made
 * @param compliance the subject's compliance status ({@code CLEAR}, {@code AT_RISK}, {@code TAINTED}) if known
 * @param reasons why it is not {@code CLEAR}
 * @param nodes the lineage graph's nodes, one per record that the graph shows
 * @param edges the lineage graph's edges, between node keys
 * @param rows one row per ledger record (a registration, a status change, a run, ...), oldest first
 * @param notes what the reader should know about the evidence (e.g. that nothing was verified offline)
 */
public record ReportModel(
        String subject,
        String source,
        Instant generatedAt,
        Optional<String> compliance,
        List<Reason> reasons,
        List<Node> nodes,
        List<Edge> edges,
        List<Row> rows,
        List<String> notes) {

    public ReportModel {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(compliance, "compliance");
        reasons = List.copyOf(reasons);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** Whether every check of every row that was made holds (checks not made do not count either way). */
    public boolean allChecksHold() {
        return rows.stream()
                .flatMap(row -> row.checks().values().stream())
                .noneMatch(check -> check.state() == CheckState.FAILED);
    }

    /** A reason the subject is not CLEAR: severity, code, the node it is about, the transaction and the message. */
    public record Reason(String severity, String code, String node, Optional<String> transactionId, String message) {
        public Reason {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A lineage node: {@code key} is {@code type:id}; {@code details} are short facts shown under the id (kind,
     * status, owner).
     */
    public record Node(String key, String type, String id, List<String> details) {
        public Node {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            details = List.copyOf(details);
        }
    }

    /** A lineage edge from one node key to another; {@code relation} says how ({@code input}, {@code output}, ...). */
    public record Edge(String from, String to, String relation) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(relation, "relation");
        }
    }

    /**
     * One ledger record.
     *
     * @param node the lineage node it belongs to
     * @param what what the record says, for people ("registered DATASET sha256:...", "status REVOKED: ...")
     * @param org the submitting organisation's MSP ID
     * @param role the submitter's role, when the evidence carries it (the ledger's records do not)
     * @param subject the submitter's certificate subject
     * @param block the block number, when the evidence carries it
     * @param checks each check made on this record, in order, by name
     */
    public record Row(
            String node,
            String what,
            Optional<String> org,
            Optional<String> role,
            Optional<String> subject,
            Instant time,
            String transactionId,
            Optional<Long> block,
            Map<String, Check> checks) {
        public Row {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(transactionId, "transactionId");
            Objects.requireNonNull(block, "block");
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }
    }

    /** A check's outcome. */
    public enum CheckState {
        /** Made, and it holds. */
        OK,
        /** Made, and it does not hold. */
        FAILED,
        /** Not made, with the reason (e.g. no proof bundle was verified): never to be read as a pass. */
        NOT_CHECKED;

        /** The word a report shows: {@code ok}, {@code FAILED} or {@code not checked}. */
        public String word() {
            return switch (this) {
                case OK -> "ok";
                case FAILED -> "FAILED";
                case NOT_CHECKED -> "not checked";
            };
        }
    }

    /** A check's outcome and what it found or why it was not made. */
    public record Check(CheckState state, String detail) {
        public Check {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }

        public static Check ok(String detail) {
            return new Check(CheckState.OK, detail);
        }

        public static Check failed(String detail) {
            return new Check(CheckState.FAILED, detail);
        }

        public static Check notChecked(String why) {
            return new Check(CheckState.NOT_CHECKED, why);
        }

        /**
         * A check as an offline verifier reports it (a name, whether it holds, a detail): the way to feed a
         * verified bundle's results into a report.
         */
        public static Check of(boolean ok, String detail) {
            return new Check(ok ? CheckState.OK : CheckState.FAILED, detail == null ? "" : detail);
        }
    }
}
