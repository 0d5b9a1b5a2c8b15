package org.prooftrail.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.cli.report.ReportModel.Check;
import org.prooftrail.cli.report.ReportModel.Row;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.Deployment;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.protocol.Purpose;

/**
 * The report's rows for one lineage node, read from the ledger: an artifact's history (registration, status
 * changes, recorded verifications), a run, a deployment and its retirement, a consent attestation, an erasure
 * receipt; each with the checks its answers support.
 */
final class RecordRows {
    private final ProofTrail ledger;
    private final Map<String, Optional<ArtifactRecord>> artifacts = new LinkedHashMap<>();

    RecordRows(ProofTrail ledger) {
        this.ledger = ledger;
    }

    List<Row> rows(LineageGraph.Node node, List<String> notes) {
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
        return history.stream()
                .map(entry -> historyRow(node, entry, unexpected, lastCheck))
                .toList();
    }

    private static Row historyRow(
            LineageGraph.Node node, HistoryEntry entry, long unexpected, Optional<HistoryEntry> lastCheck) {
        Map<String, Check> checks = new LinkedHashMap<>();
        String what;
        switch (entry.type()) {
            case REGISTERED -> {
                what = "registered " + node.kind().orElse("artifact") + " "
                        + entry.digest().map(Object::toString).orElse("");
                checks.put(
                        LedgerReportReader.WRITE_RULES,
                        unexpected == 0
                                ? Check.ok("every version of the record was written by the chaincode's rules")
                                : Check.failed(unexpected + " version(s) written outside the chaincode's rules"));
                checks.put(
                        LedgerReportReader.COPY,
                        lastCheck
                                .map(RecordRows::copyCheck)
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
                checks.put(LedgerReportReader.COPY, copyCheck(entry));
            }
            default -> {
                what = "changed outside the chaincode's rules: " + String.join(", ", entry.differences());
                checks.put(
                        LedgerReportReader.WRITE_RULES,
                        Check.failed("fields differ from the registration: " + String.join(", ", entry.differences())));
            }
        }
        return new Row(
                node.key(),
                what,
                entry.org(),
                Optional.empty(),
                entry.by().map(LedgerReportReader::certificateSubject),
                entry.timestamp(),
                entry.transactionId(),
                Optional.empty(),
                checks);
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
                LedgerReportReader.DIGESTS,
                differing.isEmpty()
                        ? Check.ok("the digests the trainer saw are the registered ones")
                        : Check.failed(String.join("; ", differing)));
        checks.put(
                LedgerReportReader.RUN_ENDORSED,
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
                Map.of(LedgerReportReader.DIGESTS, digest)));
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
                Map.of(LedgerReportReader.ATTESTATION, current)));
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
}
