package org.prooftrail.cli.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Edge;
import org.prooftrail.cli.report.ReportModel.Node;
import org.prooftrail.cli.report.ReportModel.Reason;
import org.prooftrail.cli.report.ReportModel.Row;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.embedded.LedgerVerification;

/**
 * Fills a {@link ReportModel} from the ledger's own answers: the upstream lineage, each record's history, the runs,
 * deployments, consent attestations and erasure receipts in it, and the subject's compliance. The checks are only
 * those the answers support (a copy's recorded verification, a run's inputs against the registry, the key history's
 * write rules, the embedded log's hash chain); signatures and endorsement policies are marked not checked, since
 * only a proof bundle carries them.
 */
public final class LedgerReportReader {
    /** The check that only an offline-verified proof bundle can make. */
    public static final String SIGNATURES = "signatures and endorsement policy";

    static final String LOG_CHAIN = "ledger log hash chain";
    static final String WRITE_RULES = "key history within the chaincode's rules";
    static final String COPY = "recorded copy verification";
    static final String DIGESTS = "digests match the registry";
    static final String RUN_ENDORSED = "input owners endorsed the run";
    static final String ATTESTATION = "attestation current";

    private static final String NO_BUNDLE =
            "not verified: no proof bundle (the ledger's answers carry no signatures; see audit bundle and audit verify)";

    private static final String X509 = "x509::";

    private final ProofTrail ledger;
    private final RecordRows records;

    private LedgerReportReader(ProofTrail ledger) {
        this.ledger = ledger;
        this.records = new RecordRows(ledger);
    }

    /** Reads the report of {@code id} (an artifact, run, deployment, attestation or erasure) and its upstream. */
    public static ReportModel read(ProofTrail ledger, String id, int depth, Instant now) {
        return new LedgerReportReader(ledger).report(id, depth, now);
    }

    private ReportModel report(String id, int depth, Instant now) {
        LineageGraph graph = ledger.upstream(id, depth);
        List<String> notes = new ArrayList<>();
        Check logChain = logChain(notes);
        List<Node> nodes = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (LineageGraph.Node node : graph.nodes()) {
            nodes.add(node(node));
            rows.addAll(records.rows(node, notes));
        }
        rows.sort(Comparator.comparing(Row::time).thenComparing(Row::transactionId));
        List<Row> checked =
                rows.stream().map(row -> withCommonChecks(row, logChain)).toList();
        List<Edge> edges = graph.edges().stream()
                .map(edge -> new Edge(edge.from(), edge.to(), edge.relation()))
                .toList();
        if (graph.truncated()) {
            notes.add("The lineage was truncated: it has more nodes than one ledger answer holds.");
        }
        notes.add("Check \"" + LOG_CHAIN + "\": " + logChain.state().word() + ", " + logChain.detail() + ".");
        notes.add("Check \"" + SIGNATURES + "\": " + NO_BUNDLE + ".");
        notes.add("Role: the ledger's records do not keep the submitter's role; a proof bundle's certificates do.");
        notes.add("Block numbers: the ledger's query answers do not carry them; a proof bundle does.");
        Optional<ComplianceReport> compliance = compliance(id, notes);
        return new ReportModel(
                id,
                ledger.transport().describe(),
                now,
                compliance.map(report -> report.status().name()),
                compliance.map(LedgerReportReader::reasons).orElse(List.of()),
                nodes,
                edges,
                checked,
                notes);
    }

    private Optional<ComplianceReport> compliance(String id, List<String> notes) {
        try {
            return Optional.of(ledger.compliance(id));
        } catch (ContractRejectedException e) {
            notes.add("Compliance is not computed for " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Reason> reasons(ComplianceReport report) {
        return report.reasons().stream()
                .map(reason -> new Reason(
                        reason.severity().name(),
                        reason.code(),
                        reason.node(),
                        reason.transactionId(),
                        reason.message()))
                .toList();
    }

    /** The embedded ledger's hash-chain check, once for every row; a network's peers keep no such log for us. */
    private Check logChain(List<String> notes) {
        // The transport is the ledger the command opened and closes; this only reads it.
        if (ledger.transport() instanceof EmbeddedLedger embedded) { // NOPMD CloseResource: not ours to close
            LedgerVerification verification = embedded.verify();
            if (verification.intact()) {
                return Check.ok("log intact: " + verification.records() + " transactions, last hash "
                        + verification.lastHash());
            }
            notes.add("The embedded ledger's log does not verify: "
                    + verification.problem().orElse("hash chain broken"));
            return Check.failed(verification.problem().orElse("hash chain broken"));
        }
        return Check.notChecked("a Fabric network: the peers validate blocks; " + NO_BUNDLE);
    }

    private static Row withCommonChecks(Row row, Check logChain) {
        Map<String, Check> checks = new LinkedHashMap<>(row.checks());
        checks.put(LOG_CHAIN, logChain);
        checks.put(SIGNATURES, Check.notChecked(NO_BUNDLE));
        return new Row(
                row.node(),
                row.what(),
                row.org(),
                row.role(),
                row.subject(),
                row.time(),
                row.transactionId(),
                row.block(),
                checks);
    }

    private static Node node(LineageGraph.Node node) {
        List<String> details = new ArrayList<>();
        node.kind().ifPresent(details::add);
        node.status().ifPresent(details::add);
        node.owner().ifPresent(details::add);
        node.environment().ifPresent(details::add);
        return new Node(node.key(), node.type(), node.id(), details);
    }

    /**
     * The subject of a Fabric client identity {@code x509::SUBJECT::ISSUER} (the form {@code ClientIdentity.getId}
     * gives); any other form as it is.
     */
    static String certificateSubject(String identity) {
        if (identity.startsWith(X509)) {
            int end = identity.indexOf("::", X509.length());
            return end < 0 ? identity.substring(X509.length()) : identity.substring(X509.length(), end);
        }
        return identity;
    }
}
