package org.prooftrail.chaincode.federation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.FederationStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.lineage.TrainingGate;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ConsentReliance;
import org.prooftrail.chaincode.record.FederatedUpdate;
import org.prooftrail.chaincode.record.Federation;
import org.prooftrail.chaincode.record.FederationRound;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of federated rounds, for one transaction by one caller. */
public final class FederationService {
    private static final String FEDERATION = "federation";
    private static final String ROUND = "round";
    private static final String MODEL = "model";
    private static final String TX_ID = "txId";

    private final Ledger ledger;
    private final ArtifactStore artifacts;
    private final FederationStore federations;
    private final Caller caller;
    private final TrainingGate gate;

    public FederationService(Ledger ledger, Caller caller, TrainingGate gate) {
        this.ledger = ledger;
        this.artifacts = ledger.artifacts();
        this.federations = ledger.federation();
        this.caller = caller;
        this.gate = gate;
    }

    /**
     * {@code federation:Open}: the caller's organisation becomes the coordinator of a new federation over a registered
     * global model it owns: {@code id}, {@code model}, {@code members} (MSP IDs), {@code rule}, {@code minParticipants},
     * {@code purpose} (TRAINING), optional {@code roundSeconds}.
     */
    public Federation open(String json) {
        OpenRequest request = OpenRequest.parse(json);
        caller.requireRole("opening a federation", Role.TRAINER);
        federations.find(request.id).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(
                    "federation " + request.id + " was already opened in transaction " + existing.getTxId());
        });
        Artifact initial = usableModel(request.model, "federation.model");
        if (!caller.belongsTo(initial.getOwner())) {
            throw ProofTrailException.permissionDenied("the initial model " + request.model + " is registered by "
                    + initial.getOwner() + "; the coordinator (" + caller.mspId() + ") must own it");
        }
        Federation federation = new Federation(
                request.id,
                caller.mspId(),
                request.members,
                request.model,
                request.rule,
                request.minParticipants,
                request.purpose,
                request.roundSeconds,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.put(federation);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", request.id);
        event.put("coordinator", federation.getCoordinator());
        event.put("members", federation.getMembers());
        event.put(MODEL, request.model);
        event.put(TX_ID, federation.getTxId());
        ledger.events().emit(EventNames.FEDERATION_OPENED, event);
        return federation;
    }

    /**
     * {@code federation:OpenRound}: the coordinator opens round N ({@code federation}, {@code round}, optional
     * {@code deadlineSeconds}): round 1 starts from the initial model, round N from round N-1's aggregated model,
     * which must be closed. The deadline counts from the transaction's timestamp.
     */
    public FederationRound openRound(String json) {
        JsonInput in = JsonInput.parse(ROUND, json);
        String id = Ids.id("round.federation", in.requiredString(FEDERATION));
        long round = OpenRequest.round(ROUND, in);
        OptionalLong deadlineSeconds = OpenRequest.seconds(ROUND, "deadlineSeconds", in);
        in.rejectUnknownFields();
        Federation federation = federation(id);
        requireCoordinator(federation, "open a round of");
        caller.requireRole("opening a federation round", Role.TRAINER);
        federations.findRound(id, round).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(
                    roundOf(id, round) + " was already opened in transaction " + existing.getTxId());
        });
        String base = round == 1 ? federation.getInitialModel() : previousModel(id, round);
        Artifact model = usableModel(base, "the global model");
        Instant now = ledger.tx().timestamp();
        FederationRound opened = FederationRound.opened(
                id,
                round,
                base,
                model.getDigest(),
                now.plusSeconds(deadlineSeconds.orElse(federation.getRoundSeconds()))
                        .toString(),
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.putRound(opened, federation.getCoordinator());
        Map<String, Object> event = new TreeMap<>();
        event.put(FEDERATION, id);
        event.put(ROUND, round);
        event.put("baseModel", base);
        event.put("deadline", opened.getDeadline());
        event.put(TX_ID, opened.getTxId());
        ledger.events().emit(EventNames.FEDERATION_ROUND_OPENED, event);
        return opened;
    }

    /** The model round N-1 aggregated into, which round N starts from; refused while N-1 is open or unknown. */
    private String previousModel(String id, long round) {
        FederationRound previous = federations
                .findRound(id, round - 1)
                .orElseThrow(() -> ProofTrailException.failedPrecondition(
                        roundOf(id, round - 1) + " was never opened; rounds are opened in order"));
        if (previous.open()) {
            throw ProofTrailException.failedPrecondition(roundOf(id, round - 1)
                    + " is still open; aggregate it (federation:Aggregate) before opening round " + round);
        }
        return previous.getModel();
    }

    /**
     * {@code federation:SubmitUpdate}: a member's update in an open round, once per member and round, before the
     * deadline: {@code federation}, {@code round}, {@code id}, {@code digest}, {@code datasets} ({@code [{"id",
     * "digest"}]}, registered, owned by the member, seen with their registered digests and admitted by the training
     * gate exactly as a run's inputs are), {@code samples}.
     */
    public FederatedUpdate submitUpdate(String json) {
        UpdateRequest request = UpdateRequest.parse(json);
        Federation federation = federation(request.federation);
        if (!federation.getMembers().contains(caller.mspId())) {
            throw ProofTrailException.permissionDenied(caller.mspId() + " is not a member of federation "
                    + federation.getId() + "; its members are " + String.join(", ", federation.getMembers()));
        }
        caller.requireRole("submitting a federated update", Role.TRAINER);
        requireAcceptsUpdates(round(federation, request.round));
        federations
                .submission(request.federation, request.round, caller.mspId())
                .ifPresent(existing -> {
                    throw ProofTrailException.alreadyExists(
                            caller.mspId() + " already submitted update " + existing + " in "
                                    + roundOf(request.federation, request.round) + "; a member submits once per round");
                });
        requireFreeId(request.id);
        List<RunInput> admitted = new ArrayList<>();
        List<ConsentReliance> relied = new ArrayList<>();
        for (RunInput dataset : request.datasets) {
            RunInput admittedDataset = admit(dataset);
            admitted.add(admittedDataset);
            if (admittedDataset.getConsentVersion() != null) {
                relied.add(new ConsentReliance(
                        dataset.getId(), Purpose.TRAINING.name(), admittedDataset.getConsentVersion()));
            }
        }
        FederatedUpdate update = new FederatedUpdate(
                request.id,
                request.federation,
                request.round,
                caller.mspId(),
                request.digest.toString(),
                admitted,
                request.samples,
                relied,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.putUpdate(update);
        for (ConsentReliance reliance : update.consentsRelied()) {
            ledger.consent()
                    .putConsentUse(
                            reliance.getDataset(),
                            reliance.getPurpose(),
                            update.getId(),
                            reliance.getVersion(),
                            List.of(update.getMember()));
        }
        admitted.forEach(dataset -> artifacts.guard(dataset.getId()));
        Map<String, Object> event = new TreeMap<>();
        event.put(FEDERATION, request.federation);
        event.put(ROUND, request.round);
        event.put("id", request.id);
        event.put("member", update.getMember());
        event.put(TX_ID, update.getTxId());
        ledger.events().emit(EventNames.FEDERATION_UPDATE_SUBMITTED, event);
        return update;
    }

    /** An update's id names no update, run or artifact: lineage resolves all of them by id. */
    private void requireFreeId(String id) {
        if (federations.findUpdate(id).isPresent()
                || ledger.lineage().findRun(id).isPresent()
                || artifacts.exists(id)) {
            throw ProofTrailException.alreadyExists(
                    "update id " + id + " is already taken by an update, a run or an artifact");
        }
    }

    /** Refuses a closed round, and an update after the round's deadline (transaction time). */
    private void requireAcceptsUpdates(FederationRound round) {
        String name = roundOf(round.getFederation(), round.getRound());
        if (!round.open()) {
            throw ProofTrailException.failedPrecondition(
                    name + " is closed: it was aggregated in transaction " + round.getAggregateTxId());
        }
        if (ledger.tx().timestamp().isAfter(Instant.parse(round.getDeadline()))) {
            throw ProofTrailException.failedPrecondition(name + " took updates until " + round.getDeadline()
                    + "; this update at " + ledger.tx().timestampText() + " is late");
        }
    }

    /**
     * A local dataset of the caller's update: a registered, ACTIVE DATASET of the caller's organisation, seen with its
     * registered digest, admitted by the training gate; with the consent attestation version relied on, if any.
     */
    private RunInput admit(RunInput dataset) {
        String what = "dataset " + dataset.getId();
        Artifact artifact = activeDataset(dataset.getId());
        if (!caller.belongsTo(artifact.getOwner())) {
            throw ProofTrailException.permissionDenied(what + " is registered by " + artifact.getOwner()
                    + "; a member trains on its own local datasets (" + caller.mspId() + ")");
        }
        if (!artifact.getDigest().equals(dataset.getDigest())) {
            throw ProofTrailException.failedPrecondition(what + " was seen with digest " + dataset.getDigest()
                    + " but is registered with " + artifact.getDigest()
                    + ": the member's copy differs from the registered data");
        }
        OptionalLong version = gate.admit(caller, artifact, dataset.getId());
        return version.isPresent() ? dataset.withConsentVersion(version.getAsLong()) : dataset;
    }

    /** A registered, ACTIVE DATASET. */
    private Artifact activeDataset(String id) {
        Artifact artifact = artifacts
                .find(id)
                .orElseThrow(() -> ProofTrailException.failedPrecondition(
                        "dataset " + id + " is not a registered artifact; register it first"));
        String status = artifacts.state(id).getStatus();
        if (!ArtifactStatus.ACTIVE.name().equals(status)) {
            throw ProofTrailException.failedPrecondition("dataset " + id + " is " + status + ", not ACTIVE");
        }
        if (!ArtifactKind.DATASET.name().equals(artifact.getKind())) {
            throw ProofTrailException.failedPrecondition(
                    id + " is a " + artifact.getKind() + " artifact, not a DATASET");
        }
        return artifact;
    }

    /**
     * {@code federation:Aggregate}: the coordinator closes an open round with the aggregated global model
     * ({@code federation}, {@code round}, {@code model} registered by the coordinator as a MODEL with {@code digest},
     * {@code updates} (ids) and {@code merkleRoot} over their digests in id order). Refused below the federation's
     * minimum participants, for an unknown update or one of another round, and for a closed round.
     */
    public FederationRound aggregate(String json) {
        AggregationRequest request = AggregationRequest.parse(json);
        String id = request.federation;
        long round = request.round;
        String model = request.model;
        Federation federation = federation(id);
        requireCoordinator(federation, "aggregate");
        caller.requireRole("aggregating a federation round", Role.TRAINER);
        FederationRound current = round(federation, round);
        if (!current.open()) {
            throw ProofTrailException.failedPrecondition(roundOf(id, round)
                    + " is already closed: it was aggregated in transaction " + current.getAggregateTxId());
        }
        long samples = requireIncluded(federation, current, request);
        Artifact aggregated = usableModel(model, "aggregation.model");
        if (!caller.belongsTo(aggregated.getOwner())) {
            throw ProofTrailException.permissionDenied("the aggregated model " + model + " is registered by "
                    + aggregated.getOwner() + "; the coordinator (" + caller.mspId() + ") must register it");
        }
        requireNewModel(current, aggregated, request.digest);
        FederationRound closed = current.aggregated(
                model,
                aggregated.getDigest(),
                new ArrayList<>(request.updates),
                request.merkleRoot.toString(),
                samples,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.putRound(closed, federation.getCoordinator());
        federations.putAggregationEdges(closed, federation.getCoordinator());
        artifacts.guard(model);
        artifacts.guard(current.getBaseModel());
        Map<String, Object> event = new TreeMap<>();
        event.put(FEDERATION, id);
        event.put(ROUND, round);
        event.put(MODEL, model);
        event.put("updates", closed.getUpdates());
        event.put(TX_ID, closed.getAggregateTxId());
        ledger.events().emit(EventNames.FEDERATION_AGGREGATED, event);
        return closed;
    }

    /**
     * Checks the included updates: each submitted in this round before its deadline, at least the federation's
     * minimum of them, their digests' Merkle root the one given. Returns their sample count.
     */
    private long requireIncluded(Federation federation, FederationRound current, AggregationRequest request) {
        List<Digest> digests = new ArrayList<>();
        long samples = 0;
        for (String updateId : request.updates) {
            FederatedUpdate update = includedUpdate(updateId, request, current.getDeadline());
            digests.add(Digest.parse("update.digest", update.getDigest()));
            samples += update.getSamples();
        }
        if (request.updates.size() < federation.getMinParticipants()) {
            throw ProofTrailException.failedPrecondition("federation " + federation.getId() + " aggregates at least "
                    + federation.getMinParticipants() + " members' updates per round; " + request.updates.size()
                    + " given");
        }
        Digest expected = Merkle.rootOfDigests(digests);
        if (!expected.equals(request.merkleRoot)) {
            throw ProofTrailException.failedPrecondition("aggregation.merkleRoot " + request.merkleRoot
                    + " is not the Merkle root of the included updates' digests in id order, " + expected);
        }
        return samples;
    }

    /** A submitted update of the round being aggregated, submitted by its deadline. */
    private FederatedUpdate includedUpdate(String updateId, AggregationRequest request, String deadline) {
        FederatedUpdate update = federations
                .findUpdate(updateId)
                .orElseThrow(() -> ProofTrailException.notFound(
                        "update " + updateId + " does not exist; only submitted updates can be aggregated"));
        if (!update.getFederation().equals(request.federation) || update.getRound() != request.round) {
            throw ProofTrailException.failedPrecondition("update " + updateId + " belongs to "
                    + roundOf(update.getFederation(), update.getRound()) + ", not " + ROUND + " " + request.round
                    + " of " + request.federation);
        }
        if (Instant.parse(update.getSubmittedAt()).isAfter(Instant.parse(deadline))) {
            throw ProofTrailException.failedPrecondition("update " + updateId + " was submitted at "
                    + update.getSubmittedAt() + ", after the round's deadline " + deadline);
        }
        return update;
    }

    /**
     * The new global model: registered with the digest given, not the round's base model, produced by nothing yet and
     * with nothing derived from it (which keeps the lineage graph acyclic).
     */
    private void requireNewModel(FederationRound current, Artifact model, Digest digest) {
        String id = model.getId();
        if (!model.getDigest().equals(digest.toString())) {
            throw ProofTrailException.failedPrecondition("aggregation.digest " + digest + " is not the registered"
                    + " digest of " + id + ", " + model.getDigest());
        }
        if (id.equals(current.getBaseModel())) {
            throw ProofTrailException.failedPrecondition("model " + id + " is the global model round "
                    + current.getRound() + " started from; register the aggregated model under a new id");
        }
        requireUnused(id);
    }

    /** A model produced by nothing yet and with nothing derived from it. */
    private void requireUnused(String id) {
        if (!ledger.lineage().producers(id, 1).isEmpty()
                || !federations.producers(id, 1).isEmpty()) {
            throw ProofTrailException.failedPrecondition(
                    "model " + id + " was already produced by a training run or an aggregation");
        }
        if (ledger.lineage().hasDownstream(id) || !federations.consumers(id, 1).isEmpty()) {
            throw ProofTrailException.failedPrecondition("model " + id
                    + " already has artifacts, runs, deployments or rounds derived from it; register the new"
                    + " global model under a new id");
        }
    }

    private Federation federation(String id) {
        return federations
                .find(id)
                .orElseThrow(() -> ProofTrailException.notFound("federation " + id + " does not exist"));
    }

    private FederationRound round(Federation federation, long round) {
        return federations
                .findRound(federation.getId(), round)
                .orElseThrow(
                        () -> ProofTrailException.notFound(roundOf(federation.getId(), round) + " was never opened"));
    }

    private static String roundOf(String federation, long round) {
        return ROUND + " " + round + " of federation " + federation;
    }

    private void requireCoordinator(Federation federation, String action) {
        if (!caller.belongsTo(federation.getCoordinator())) {
            throw ProofTrailException.permissionDenied("only the coordinator " + federation.getCoordinator()
                    + " may " + action + " federation " + federation.getId() + "; the caller belongs to "
                    + caller.mspId());
        }
    }

    private Artifact usableModel(String id, String role) {
        Artifact artifact = artifacts
                .find(id)
                .orElseThrow(() -> ProofTrailException.failedPrecondition(
                        role + " " + id + " is not a registered artifact; register it first"));
        if (!ArtifactKind.MODEL.name().equals(artifact.getKind())) {
            throw ProofTrailException.failedPrecondition(
                    role + " " + id + " is a " + artifact.getKind() + " artifact, not a MODEL");
        }
        String status = artifacts.state(id).getStatus();
        if (!ArtifactStatus.ACTIVE.name().equals(status)) {
            throw ProofTrailException.failedPrecondition(role + " " + id + " is " + status + ", not ACTIVE");
        }
        return artifact;
    }
}
