package org.prooftrail.chaincode.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.prooftrail.chaincode.graph.GraphNode;
import org.prooftrail.chaincode.graph.LineageGraph;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.graph.LineageGraphs.NodeRef;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ComplianceReason;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.ConsentReliance;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.FederatedUpdate;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.chaincode.record.TrainingRun;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * Computes the compliance of an artifact, run or deployment from its whole upstream, walked once through
 * {@link LineageGraphs} ({@link LineageGraphs#MAX_DEPTH} levels, at most {@link LineageGraphs#MAX_NODES} nodes):
 * every upstream artifact's status, every consent attestation version a run upstream relied on (read from the
 * attestation's history), and, for every input of every run, one prefix read of the {@code verified} index. The cost
 * is O(nodes + attestation versions relied on), never a scan of the ledger. Everything it reads is public state, so
 * any channel member may ask.
 */
public final class ComplianceService {
    static final String REVOKED_ARTIFACT = "REVOKED_ARTIFACT";
    static final String REVOKED_ATTESTATION = "REVOKED_ATTESTATION";
    static final String DEPRECATED_ARTIFACT = "DEPRECATED_ARTIFACT";
    static final String STALE_ATTESTATION = "STALE_ATTESTATION";
    static final String UNVERIFIED_INPUT = "UNVERIFIED_INPUT";
    static final String TRUNCATED = "TRUNCATED";

    private final Ledger ledger;
    private final LineageGraphs graphs;

    public ComplianceService(Ledger ledger) {
        this.ledger = ledger;
        this.graphs = new LineageGraphs(ledger);
    }

    /** {@code lineage:Compliance}: the status and reasons of the artifact, run or deployment {@code id}. */
    public ComplianceReport compliance(String idText) {
        String id = Ids.id("id", idText);
        NodeRef node = graphs.resolve(id);
        if (!isEvaluable(node)) {
            throw ProofTrailException.invalid("compliance is computed for an artifact, run or deployment; " + id
                    + " is a "
                    + (LineageGraphs.ATTESTATION.equals(node.type()) ? "consent attestation" : "erasure" + " receipt")
                    + ": ask for the runs or models downstream of it");
        }
        Evaluation evaluation = evaluate(node);
        String acceptedRisk = LineageGraphs.DEPLOYMENT.equals(node.type())
                ? ledger.lineage()
                        .findDeployment(id)
                        .map(Deployment::getAcceptedRisk)
                        .orElse(null)
                : null;
        return new ComplianceReport(id, node.key(), evaluation.status().name(), evaluation.reasons(), acceptedRisk);
    }

    private static boolean isEvaluable(NodeRef node) {
        return LineageGraphs.ARTIFACT.equals(node.type())
                || LineageGraphs.RUN.equals(node.type())
                || LineageGraphs.DEPLOYMENT.equals(node.type())
                || LineageGraphs.UPDATE.equals(node.type())
                || LineageGraphs.AGGREGATION.equals(node.type());
    }

    /** The compliance of a node, from everything upstream of it (itself included). */
    Evaluation evaluate(NodeRef root) {
        LineageGraph graph = graphs.walk(root, LineageGraphs.MAX_DEPTH, false, true);
        Map<String, ComplianceReason> reasons = new TreeMap<>();
        if (graph.cutShort()) {
            add(
                    reasons,
                    new ComplianceReason(
                            ComplianceStatus.AT_RISK.name(),
                            TRUNCATED,
                            root.key(),
                            null,
                            "the upstream walk stopped at " + LineageGraphs.MAX_NODES + " nodes or "
                                    + LineageGraphs.MAX_DEPTH + " levels; what lies beyond was not checked"));
        }
        Map<String, List<ConsentAttestation>> attestations = new HashMap<>();
        Instant now = ledger.tx().timestamp();
        for (GraphNode node : graph.getNodes()) {
            if (LineageGraphs.ARTIFACT.equals(node.getType())) {
                artifact(node, reasons);
            } else if (LineageGraphs.RUN.equals(node.getType())) {
                ledger.lineage()
                        .findRun(node.getId())
                        .ifPresent(run -> training(Training.of(run), now, attestations, reasons));
            } else if (LineageGraphs.UPDATE.equals(node.getType())) {
                ledger.federation()
                        .findUpdate(node.getId())
                        .ifPresent(update -> training(Training.of(update), now, attestations, reasons));
            }
        }
        List<ComplianceReason> sorted = new ArrayList<>(reasons.values());
        sorted.sort(ComplianceReason.ORDER);
        ComplianceStatus status = ComplianceStatus.CLEAR;
        for (ComplianceReason reason : sorted) {
            status = status.worst(ComplianceStatus.valueOf(reason.getSeverity()));
        }
        return new Evaluation(status, sorted);
    }

    private void artifact(GraphNode node, Map<String, ComplianceReason> reasons) {
        boolean revoked = ArtifactStatus.REVOKED.name().equals(node.getStatus());
        if (!revoked && !ArtifactStatus.DEPRECATED.name().equals(node.getStatus())) {
            return;
        }
        ArtifactState state = ledger.artifacts().state(node.getId());
        add(
                reasons,
                new ComplianceReason(
                        (revoked ? ComplianceStatus.TAINTED : ComplianceStatus.AT_RISK).name(),
                        revoked ? REVOKED_ARTIFACT : DEPRECATED_ARTIFACT,
                        node.getKey(),
                        state.getTxId(),
                        "artifact " + node.getId() + " of " + node.getOwner() + " was " + state.getStatus() + " by "
                                + state.getChangedByOrg() + " at " + state.getChangedAt()
                                + (state.getReason() == null
                                                || state.getReason().isEmpty()
                                        ? ""
                                        : ": " + state.getReason())));
    }

    /**
     * What compliance reads of a training run and of a federated update alike: who trained on which inputs when, and
     * the consent attestation versions relied on.
     */
    private record Training(
            String what,
            String trainer,
            String at,
            String txId,
            List<RunInput> inputs,
            List<ConsentReliance> consents) {
        static Training of(TrainingRun run) {
            return new Training(
                    "run " + run.getId(),
                    run.getTrainer(),
                    run.getRecordedAt(),
                    run.getTxId(),
                    run.getInputs(),
                    run.consentsRelied());
        }

        static Training of(FederatedUpdate update) {
            return new Training(
                    "federated update " + update.getId(),
                    update.getMember(),
                    update.getSubmittedAt(),
                    update.getTxId(),
                    update.getDatasets(),
                    update.consentsRelied());
        }
    }

    private void training(
            Training run,
            Instant now,
            Map<String, List<ConsentAttestation>> attestations,
            Map<String, ComplianceReason> reasons) {
        Map<String, ConsentReliance> relied = new TreeMap<>();
        for (ConsentReliance reliance : run.consents()) {
            relied.put(
                    reliance.getDataset() + '\u0000' + reliance.getPurpose() + '\u0000' + reliance.getVersion(),
                    reliance);
        }
        for (RunInput input : run.inputs()) {
            if (input.getConsentVersion() != null) {
                ConsentReliance reliance =
                        new ConsentReliance(input.getId(), Purpose.TRAINING.name(), input.getConsentVersion());
                relied.putIfAbsent(
                        reliance.getDataset() + '\u0000' + reliance.getPurpose() + '\u0000' + reliance.getVersion(),
                        reliance);
            }
        }
        for (ConsentReliance reliance : relied.values()) {
            List<ConsentAttestation> records = attestations.computeIfAbsent(
                    reliance.getDataset() + '\u0000' + reliance.getPurpose(),
                    k -> ledger.consent().attestationRecords(reliance.getDataset(), reliance.getPurpose()));
            attestation(run, reliance, records, now).ifPresent(reason -> add(reasons, reason));
        }
        Instant ranAt = Instant.parse(run.at());
        for (RunInput input : run.inputs()) {
            if (ledger.artifacts()
                    .matchingVerification(input.getId(), run.trainer(), ranAt)
                    .isEmpty()) {
                add(
                        reasons,
                        new ComplianceReason(
                                ComplianceStatus.AT_RISK.name(),
                                UNVERIFIED_INPUT,
                                LineageGraphs.ARTIFACT + ":" + input.getId(),
                                run.txId(),
                                "input " + input.getId() + " of " + run.what() + " has no verification by "
                                        + run.trainer()
                                        + " with the registered digest recorded at or before it ("
                                        + run.at() + "): record one with artifact:RecordVerification before"
                                        + " training"));
            }
        }
    }

    /**
     * What became of the attestation version a run relied on. A version only moves forward (ACTIVE, then STALE,
     * then REVOKED), so its status is REVOKED if any record of it is, else STALE if any is, whatever order history
     * returns them in; an ACTIVE version past its earliest consent expiry is STALE too.
     */
    private static Optional<ComplianceReason> attestation(
            Training run, ConsentReliance reliance, List<ConsentAttestation> records, Instant now) {
        ConsentAttestation revoked = null;
        ConsentAttestation stale = null;
        ConsentAttestation any = null;
        for (ConsentAttestation record : records) {
            if (record.getVersion() != reliance.getVersion()) {
                continue;
            }
            any = record;
            if (AttestationStatus.REVOKED.name().equals(record.getStatus())) {
                revoked = record;
            } else if (AttestationStatus.STALE.name().equals(record.getStatus())) {
                stale = record;
            }
        }
        String node = "attestation:" + reliance.getDataset() + ":" + reliance.getPurpose();
        String relied = run.what() + " relied on version " + reliance.getVersion() + " of the " + reliance.getPurpose()
                + " consent attestation of " + reliance.getDataset();
        if (revoked != null) {
            return Optional.of(new ComplianceReason(
                    ComplianceStatus.TAINTED.name(),
                    REVOKED_ATTESTATION,
                    node,
                    revoked.getTxId(),
                    relied + ", which its owner " + revoked.getOwner() + " revoked at " + revoked.getAttestedAt()
                            + (revoked.getReason() == null ? "" : ": " + revoked.getReason())));
        }
        if (stale != null) {
            return Optional.of(new ComplianceReason(
                    ComplianceStatus.AT_RISK.name(),
                    STALE_ATTESTATION,
                    node,
                    stale.getStaleTxId() != null ? stale.getStaleTxId() : stale.getTxId(),
                    relied + ", which is now STALE"
                            + (stale.getStaleReason() == null ? "" : ": " + stale.getStaleReason())
                            + "; a consent it counted was revoked, erased or expired after training"));
        }
        if (any != null && any.getValidUntil() != null && !now.isBefore(Instant.parse(any.getValidUntil()))) {
            return Optional.of(new ComplianceReason(
                    ComplianceStatus.AT_RISK.name(),
                    STALE_ATTESTATION,
                    node,
                    any.getTxId(),
                    relied + ", which is now STALE: the earliest consent it counted expired at "
                            + any.getValidUntil()));
        }
        return Optional.empty();
    }

    private static void add(Map<String, ComplianceReason> reasons, ComplianceReason reason) {
        reasons.putIfAbsent(reason.identity(), reason);
    }
}
