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
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.Deployment;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.embedded.LedgerVerification;
import org.prooftrail.protocol.Purpose;

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

    private final ProofTrail ledger;
    private final Map<String, Optional<ArtifactRecord>> artifacts = new LinkedHashMap<>();

    private LedgerReportReader(ProofTrail ledger) {
        this.ledger = ledger;
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
            rows.addAll(rows(node, notes));
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
        if (ledger.transport() instanceof EmbeddedLedger embedded) {
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

    private List<Row> rows(LineageGraph.Node node, List<String> notes) {
        return switch (node.type()) {
            case "artifact" -> artifactRows(node);
            case "run" -> List.of(runRow(node.key(), ledger.getRun(node.id())));
            case "deployment" -> deploymentRows(node.key(), ledger.getDeployment(node.id()));
            case "attestation" -> attestationRows(node, notes);
            case "erasure" -> List.of(erasureRow(node.key(), ledger.erasure(node.key())));
            default -> {
                notes.add("Node " + node.key() + " is of a type this report does not read (" + node.type() + ").");
                yield List.of();
            }
        };
    }

    private List<Row> artifactRows(LineageGraph.Node node) {
        List<HistoryEntry> history = ledger.history(node.id());
        long unexpected = history.stream().filter(HistoryEntry::tampered).count();
        Optional<HistoryEntry> lastCheck = history.stream()
                .filter(entry -> entry.type() == HistoryEntry.Type.VERIFIED)
                .reduce((first, second) -> second);
        List<Row> rows = new ArrayList<>();
        for (HistoryEntry entry : history) {
            Map<String, Check> checks = new LinkedHashMap<>();
            String what;
            switch (entry.type()) {
                case REGISTERED -> {
                    what = "registered " + node.kind().orElse("artifact") + " "
                            + entry.digest().map(Object::toString).orElse("");
                    checks.put(
                            WRITE_RULES,
                            unexpected == 0
                                    ? Check.ok("every version of the record was written by the chaincode's rules")
                                    : Check.failed(unexpected + " version(s) written outside the chaincode's rules"));
                    checks.put(
                            COPY,
                            lastCheck
                                    .map(LedgerReportReader::copyCheck)
                                    .orElse(Check.notChecked("no verification of a copy is recorded")));
                }
                case STATUS_CHANGED ->
                    what = "status " + entry.status().map(Enum::name).orElse("?")
                            + entry.reason().map(reason -> ": " + reason).orElse("");
                case VERIFIED -> {
                    what = "copy checked for " + entry.purpose().map(Enum::name).orElse("?") + ": "
                            + (entry.match().orElse(false) ? "match" : "MISMATCH") + " "
                            + entry.digest().map(Object::toString).orElse("")
                            + entry.reason().map(note -> " (" + note + ")").orElse("");
                    checks.put(COPY, copyCheck(entry));
                }
                default -> {
                    what = "changed outside the chaincode's rules: " + String.join(", ", entry.differences());
                    checks.put(
                            WRITE_RULES,
                            Check.failed(
                                    "fields differ from the registration: " + String.join(", ", entry.differences())));
                }
            }
            rows.add(new Row(
                    node.key(),
                    what,
                    entry.org(),
                    Optional.empty(),
                    entry.by().map(LedgerReportReader::certificateSubject),
                    entry.timestamp(),
                    entry.transactionId(),
                    Optional.empty(),
                    checks));
        }
        return rows;
    }

    private static Check copyCheck(HistoryEntry verification) {
        String who = verification.org().orElse("?") + " at " + verification.timestamp();
        return verification.match().orElse(false)
                ? Check.ok("copy matched the registered digest (" + who + ")")
                : Check.failed("copy did not match: saw "
                        + verification.digest().map(Object::toString).orElse("?") + " (" + who + ")");
    }

    private Row runRow(String key, TrainingRun run) {
        List<String> inputs = run.inputs().stream().map(TrainingRun.Input::id).toList();
        String what = "training run: " + String.join(", ", inputs)
                + run.code().map(code -> ", code " + code).orElse("")
                + run.config().map(config -> ", config " + config).orElse("") + " -> "
                + String.join(", ", run.outputs());
        Map<String, Check> checks = new LinkedHashMap<>();
        List<String> differing = new ArrayList<>();
        for (TrainingRun.Input input : run.inputs()) {
            Optional<ArtifactRecord> registered = artifact(input.id());
            if (registered.isEmpty() || !registered.get().digest().equals(input.digest())) {
                differing.add(input.id() + " (run saw " + input.digest() + ", registry "
                        + registered.map(record -> record.digest().toString()).orElse("none") + ")");
            }
        }
        checks.put(
                DIGESTS,
                differing.isEmpty()
                        ? Check.ok("the digests the trainer saw are the registered ones")
                        : Check.failed(String.join("; ", differing)));
        checks.put(
                RUN_ENDORSED,
                run.unendorsed().isEmpty()
                        ? Check.ok("every input owner's guard was written by the run's transaction")
                        : Check.failed("not endorsed by "
                                + String.join(
                                        ", ",
                                        run.unendorsed().stream()
                                                .map(u -> u.owner() + " for " + u.artifact())
                                                .toList())));
        return new Row(
                key,
                what,
                Optional.of(run.trainer()),
                Optional.empty(),
                Optional.ofNullable(run.recordedBy()).map(LedgerReportReader::certificateSubject),
                run.recordedAt(),
                run.transactionId(),
                Optional.empty(),
                checks);
    }

    private List<Row> deploymentRows(String key, Deployment deployment) {
        Optional<ArtifactRecord> model = artifact(deployment.model());
        Check digest = model.isPresent() && model.get().digest().equals(deployment.modelDigest())
                ? Check.ok("the deployed digest is the model's registered one")
                : Check.failed("deployed " + deployment.modelDigest() + ", registry "
                        + model.map(record -> record.digest().toString()).orElse("none"));
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                key,
                "deployed " + deployment.model() + " to " + deployment.environment()
                        + deployment
                                .endpoint()
                                .map(endpoint -> " at " + endpoint)
                                .orElse("") + " (compliance "
                        + deployment.compliance()
                        + deployment
                                .acceptedRisk()
                                .map(r -> ", risk accepted: " + r)
                                .orElse("")
                        + ")",
                Optional.of(deployment.owner()),
                Optional.empty(),
                Optional.ofNullable(deployment.recordedBy()).map(LedgerReportReader::certificateSubject),
                deployment.recordedAt(),
                deployment.transactionId(),
                Optional.empty(),
                Map.of(DIGESTS, digest)));
        deployment
                .retirement()
                .ifPresent(retirement -> rows.add(new Row(
                        key,
                        "deployment " + retirement.status()
                                + retirement.reason().map(r -> ": " + r).orElse(""),
                        Optional.of(deployment.owner()),
                        Optional.empty(),
                        Optional.ofNullable(retirement.changedBy()).map(LedgerReportReader::certificateSubject),
                        retirement.changedAt(),
                        retirement.transactionId(),
                        Optional.empty(),
                        Map.of())));
        return rows;
    }

    private List<Row> attestationRows(LineageGraph.Node node, List<String> notes) {
        int colon = node.id().lastIndexOf(':');
        Optional<Purpose> purpose =
                colon < 0 ? Optional.empty() : purpose(node.id().substring(colon + 1));
        if (purpose.isEmpty()) {
            notes.add("Attestation " + node.key() + " names no purpose this client knows.");
            return List.of();
        }
        ConsentAttestation attestation = ledger.consentAttestation(node.id().substring(0, colon), purpose.get());
        Check current =
                switch (attestation.status()) {
                    case ACTIVE -> Check.ok("version " + attestation.version() + " is ACTIVE");
                    case STALE ->
                        Check.failed("STALE: " + attestation.staleReason().orElse("?"));
                    default ->
                        Check.failed(attestation.status() + ": "
                                + attestation.reason().orElse("?"));
                };
        return List.of(new Row(
                node.key(),
                "consent attestation v" + attestation.version() + " for " + attestation.purpose() + ": "
                        + attestation.count() + " subjects, root " + attestation.root() + ", "
                        + attestation.status(),
                Optional.of(attestation.owner()),
                Optional.empty(),
                Optional.ofNullable(attestation.attestedBy()).map(LedgerReportReader::certificateSubject),
                attestation.attestedAt(),
                attestation.transactionId(),
                Optional.empty(),
                Map.of(ATTESTATION, current)));
    }

    private static Optional<Purpose> purpose(String name) {
        for (Purpose purpose : Purpose.values()) {
            if (purpose.name().equals(name)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }

    private static Row erasureRow(String key, ErasureReceipt receipt) {
        return new Row(
                key,
                "consent erased from " + receipt.collection() + " (value hash " + receipt.valueHash() + ")"
                        + receipt.reason().map(reason -> ": " + reason).orElse(""),
                Optional.of(receipt.erasedByOrg()),
                Optional.empty(),
                Optional.ofNullable(receipt.erasedBy()).map(LedgerReportReader::certificateSubject),
                receipt.erasedAt(),
                receipt.transactionId(),
                Optional.empty(),
                Map.of());
    }

    private Optional<ArtifactRecord> artifact(String id) {
        return artifacts.computeIfAbsent(id, key -> {
            try {
                return Optional.of(ledger.get(key));
            } catch (ContractRejectedException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The subject of a Fabric client identity {@code x509::SUBJECT::ISSUER} (the form {@code ClientIdentity.getId}
     * gives); any other form as it is.
     */
    static String certificateSubject(String identity) {
        if (identity.startsWith("x509::")) {
            int end = identity.indexOf("::", "x509::".length());
            return end < 0 ? identity.substring("x509::".length()) : identity.substring("x509::".length(), end);
        }
        return identity;
    }
}
