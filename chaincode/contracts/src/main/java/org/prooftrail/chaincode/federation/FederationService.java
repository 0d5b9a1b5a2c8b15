package org.prooftrail.chaincode.federation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.FederationStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LedgerCodec;
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
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of federated rounds, for one transaction by one caller. */
public final class FederationService {
    static final int MAX_MEMBERS = 64;
    static final int MAX_DATASETS = 64;
    static final int MAX_RULE = 64;
    static final long MAX_ROUND = 1_000_000L;
    static final long MAX_SAMPLES = 1_000_000_000_000L;
    static final long DEFAULT_ROUND_SECONDS = 86_400L;
    static final long MAX_ROUND_SECONDS = 366L * 86_400L;
    /** The most rounds and updates per round that {@code federation:History} returns. */
    static final int MAX_LISTED = 1000;

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
        JsonInput in = JsonInput.parse("federation", json);
        String id = Ids.id("federation.id", in.requiredString("id"));
        String model = Ids.id("federation.model", in.requiredString("model"));
        List<String> memberList = in.stringList("members");
        if (memberList.isEmpty() || memberList.size() > MAX_MEMBERS) {
            throw ProofTrailException.invalid(
                    "federation.members must list between 1 and " + MAX_MEMBERS + " member organisations (MSP IDs)");
        }
        TreeSet<String> members = new TreeSet<>();
        for (int i = 0; i < memberList.size(); i++) {
            String member = Ids.id("federation.members[" + i + "]", memberList.get(i));
            if (!members.add(member)) {
                throw ProofTrailException.invalid("federation.members names " + member + " twice");
            }
        }
        String rule = Ids.id("federation.rule", in.requiredString("rule"));
        if (rule.length() > MAX_RULE) {
            throw ProofTrailException.invalid("federation.rule is longer than " + MAX_RULE + " characters");
        }
        long minParticipants = in.optionalLong("minParticipants")
                .orElseThrow(() -> ProofTrailException.invalid("federation.minParticipants is required"));
        if (minParticipants < 1 || minParticipants > members.size()) {
            throw ProofTrailException.invalid("federation.minParticipants must be from 1 to the number of members ("
                    + members.size() + "), not " + minParticipants);
        }
        String purpose = in.requiredString("purpose");
        if (!Purpose.TRAINING.name().equals(purpose)) {
            throw ProofTrailException.invalid("federation.purpose must be TRAINING, not '" + Printable.truncate(purpose)
                    + "': members train on their local data");
        }
        long roundSeconds = roundSeconds("federation.roundSeconds", in).orElse(DEFAULT_ROUND_SECONDS);
        in.rejectUnknownFields();
        caller.requireRole("opening a federation", Role.TRAINER);
        federations.find(id).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(
                    "federation " + id + " was already opened in transaction " + existing.getTxId());
        });
        Artifact initial = usableModel(model, "federation.model");
        if (!caller.belongsTo(initial.getOwner())) {
            throw ProofTrailException.permissionDenied("the initial model " + model + " is registered by "
                    + initial.getOwner() + "; the coordinator (" + caller.mspId() + ") must own it");
        }
        Federation federation = new Federation(
                id,
                caller.mspId(),
                new ArrayList<>(members),
                model,
                rule,
                minParticipants,
                purpose,
                roundSeconds,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.put(federation);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("coordinator", federation.getCoordinator());
        event.put("members", federation.getMembers());
        event.put("model", model);
        event.put("txId", federation.getTxId());
        ledger.events().emit(EventNames.FEDERATION_OPENED, event);
        return federation;
    }

    /**
     * {@code federation:OpenRound}: the coordinator opens round N ({@code federation}, {@code round}, optional
     * {@code deadlineSeconds}): round 1 starts from the initial model, round N from round N-1's aggregated model,
     * which must be closed. The deadline counts from the transaction's timestamp.
     */
    public FederationRound openRound(String json) {
        JsonInput in = JsonInput.parse("round", json);
        String id = Ids.id("round.federation", in.requiredString("federation"));
        long round = roundNumber("round.round", in);
        OptionalLong deadlineSeconds = roundSeconds("round.deadlineSeconds", in);
        in.rejectUnknownFields();
        Federation federation = federation(id);
        requireCoordinator(federation, "open a round of");
        caller.requireRole("opening a federation round", Role.TRAINER);
        federations.findRound(id, round).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists("round " + round + " of federation " + id
                    + " was already opened in transaction " + existing.getTxId());
        });
        String base = federation.getInitialModel();
        if (round > 1) {
            FederationRound previous = federations
                    .findRound(id, round - 1)
                    .orElseThrow(() -> ProofTrailException.failedPrecondition("round " + (round - 1) + " of federation "
                            + id + " was never opened; rounds are opened in order"));
            if (previous.open()) {
                throw ProofTrailException.failedPrecondition("round " + (round - 1) + " of federation " + id
                        + " is still open; aggregate it (federation:Aggregate) before opening round " + round);
            }
            base = previous.getModel();
        }
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
        event.put("federation", id);
        event.put("round", round);
        event.put("baseModel", base);
        event.put("deadline", opened.getDeadline());
        event.put("txId", opened.getTxId());
        ledger.events().emit(EventNames.FEDERATION_ROUND_OPENED, event);
        return opened;
    }

    /**
     * {@code federation:SubmitUpdate}: a member's update in an open round, once per member and round, before the
     * deadline: {@code federation}, {@code round}, {@code id}, {@code digest}, {@code datasets} ({@code [{"id",
     * "digest"}]}, registered, owned by the member, seen with their registered digests and admitted by the training
     * gate exactly as a run's inputs are), {@code samples}.
     */
    public FederatedUpdate submitUpdate(String json) {
        JsonInput in = JsonInput.parse("update", json);
        String id = Ids.id("update.federation", in.requiredString("federation"));
        long round = roundNumber("update.round", in);
        String updateId = Ids.nodeId("update.id", in.requiredString("id"));
        Digest digest = Digest.parse("update.digest", in.requiredString("digest"));
        List<JsonInput> datasetList = in.objectList("datasets");
        if (datasetList.isEmpty() || datasetList.size() > MAX_DATASETS) {
            throw ProofTrailException.invalid("update.datasets must list between 1 and " + MAX_DATASETS
                    + " local datasets, each {\"id\", \"digest\"} as the member trained on it");
        }
        List<RunInput> datasets = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < datasetList.size(); i++) {
            JsonInput dataset = datasetList.get(i);
            String datasetId = Ids.id("update.datasets[" + i + "].id", dataset.requiredString("id"));
            Digest seen = Digest.parse("update.datasets[" + i + "].digest", dataset.requiredString("digest"));
            dataset.rejectUnknownFields();
            if (!named.add(datasetId)) {
                throw ProofTrailException.invalid("update.datasets names " + datasetId + " twice");
            }
            datasets.add(new RunInput(datasetId, seen.toString(), null));
        }
        long samples =
                in.optionalLong("samples").orElseThrow(() -> ProofTrailException.invalid("update.samples is required"));
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw ProofTrailException.invalid("update.samples must be from 1 to " + MAX_SAMPLES + ", not " + samples);
        }
        in.rejectUnknownFields();
        Federation federation = federation(id);
        if (!federation.getMembers().contains(caller.mspId())) {
            throw ProofTrailException.permissionDenied(caller.mspId() + " is not a member of federation " + id
                    + "; its members are " + String.join(", ", federation.getMembers()));
        }
        caller.requireRole("submitting a federated update", Role.TRAINER);
        FederationRound current = round(federation, round);
        if (!current.open()) {
            throw ProofTrailException.failedPrecondition("round " + round + " of federation " + id
                    + " is closed: it was aggregated in transaction " + current.getAggregateTxId());
        }
        Instant deadline = Instant.parse(current.getDeadline());
        if (ledger.tx().timestamp().isAfter(deadline)) {
            throw ProofTrailException.failedPrecondition("round " + round + " of federation " + id
                    + " took updates until " + current.getDeadline() + "; this update at "
                    + ledger.tx().timestampText() + " is late");
        }
        federations.submission(id, round, caller.mspId()).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(caller.mspId() + " already submitted update " + existing
                    + " in round " + round + " of federation " + id + "; a member submits once per round");
        });
        if (federations.findUpdate(updateId).isPresent()
                || ledger.lineage().findRun(updateId).isPresent()
                || artifacts.exists(updateId)) {
            throw ProofTrailException.alreadyExists(
                    "update id " + updateId + " is already taken by an update, a run or an artifact");
        }
        List<RunInput> admitted = new ArrayList<>();
        Map<String, Long> relied = new TreeMap<>();
        for (RunInput dataset : datasets) {
            Artifact artifact = artifacts
                    .find(dataset.getId())
                    .orElseThrow(() -> ProofTrailException.failedPrecondition(
                            "dataset " + dataset.getId() + " is not a registered artifact; register it first"));
            String status = artifacts.state(dataset.getId()).getStatus();
            if (!ArtifactStatus.ACTIVE.name().equals(status)) {
                throw ProofTrailException.failedPrecondition(
                        "dataset " + dataset.getId() + " is " + status + ", not ACTIVE");
            }
            if (!ArtifactKind.DATASET.name().equals(artifact.getKind())) {
                throw ProofTrailException.failedPrecondition(
                        dataset.getId() + " is a " + artifact.getKind() + " artifact, not a DATASET");
            }
            if (!caller.belongsTo(artifact.getOwner())) {
                throw ProofTrailException.permissionDenied("dataset " + dataset.getId() + " is registered by "
                        + artifact.getOwner() + "; a member trains on its own local datasets (" + caller.mspId()
                        + ")");
            }
            if (!artifact.getDigest().equals(dataset.getDigest())) {
                throw ProofTrailException.failedPrecondition("dataset " + dataset.getId() + " was seen with digest "
                        + dataset.getDigest() + " but is registered with " + artifact.getDigest()
                        + ": the member's copy differs from the registered data");
            }
            OptionalLong version = gate.admit(caller, artifact, dataset.getId());
            version.ifPresent(v -> relied.put(dataset.getId(), v));
            admitted.add(version.isPresent() ? dataset.withConsentVersion(version.getAsLong()) : dataset);
        }
        String training = Purpose.TRAINING.name();
        FederatedUpdate update = new FederatedUpdate(
                updateId,
                id,
                round,
                caller.mspId(),
                digest.toString(),
                admitted,
                samples,
                relied.entrySet().stream()
                        .map(e -> new ConsentReliance(e.getKey(), training, e.getValue()))
                        .toList(),
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
        event.put("federation", id);
        event.put("round", round);
        event.put("id", updateId);
        event.put("member", update.getMember());
        event.put("txId", update.getTxId());
        ledger.events().emit(EventNames.FEDERATION_UPDATE_SUBMITTED, event);
        return update;
    }

    /**
     * {@code federation:Aggregate}: the coordinator closes an open round with the aggregated global model
     * ({@code federation}, {@code round}, {@code model} registered by the coordinator as a MODEL with {@code digest},
     * {@code updates} (ids) and {@code merkleRoot} over their digests in id order). Refused below the federation's
     * minimum participants, for an unknown update or one of another round, and for a closed round.
     */
    public FederationRound aggregate(String json) {
        JsonInput in = JsonInput.parse("aggregation", json);
        String id = Ids.id("aggregation.federation", in.requiredString("federation"));
        long round = roundNumber("aggregation.round", in);
        String model = Ids.id("aggregation.model", in.requiredString("model"));
        Digest digest = Digest.parse("aggregation.digest", in.requiredString("digest"));
        List<String> updateList = in.stringList("updates");
        if (updateList.isEmpty() || updateList.size() > MAX_MEMBERS) {
            throw ProofTrailException.invalid(
                    "aggregation.updates must list between 1 and " + MAX_MEMBERS + " update ids");
        }
        TreeSet<String> updates = new TreeSet<>();
        for (int i = 0; i < updateList.size(); i++) {
            String update = Ids.id("aggregation.updates[" + i + "]", updateList.get(i));
            if (!updates.add(update)) {
                throw ProofTrailException.invalid("aggregation.updates names " + update + " twice");
            }
        }
        Digest root = Digest.parse("aggregation.merkleRoot", in.requiredString("merkleRoot"));
        in.rejectUnknownFields();
        Federation federation = federation(id);
        requireCoordinator(federation, "aggregate");
        caller.requireRole("aggregating a federation round", Role.TRAINER);
        FederationRound current = round(federation, round);
        if (!current.open()) {
            throw ProofTrailException.failedPrecondition("round " + round + " of federation " + id
                    + " is already closed: it was aggregated in transaction " + current.getAggregateTxId());
        }
        Instant deadline = Instant.parse(current.getDeadline());
        List<Digest> digests = new ArrayList<>();
        long samples = 0;
        for (String updateId : updates) {
            FederatedUpdate update = federations
                    .findUpdate(updateId)
                    .orElseThrow(() -> ProofTrailException.notFound(
                            "update " + updateId + " does not exist; only submitted updates can be aggregated"));
            if (!update.getFederation().equals(id) || update.getRound() != round) {
                throw ProofTrailException.failedPrecondition("update " + updateId + " belongs to round "
                        + update.getRound() + " of federation " + update.getFederation() + ", not round " + round
                        + " of " + id);
            }
            if (Instant.parse(update.getSubmittedAt()).isAfter(deadline)) {
                throw ProofTrailException.failedPrecondition("update " + updateId + " was submitted at "
                        + update.getSubmittedAt() + ", after the round's deadline " + current.getDeadline());
            }
            digests.add(Digest.parse("update.digest", update.getDigest()));
            samples += update.getSamples();
        }
        if (updates.size() < federation.getMinParticipants()) {
            throw ProofTrailException.failedPrecondition("federation " + id + " aggregates at least "
                    + federation.getMinParticipants() + " members' updates per round; " + updates.size()
                    + " given");
        }
        Digest expected = Merkle.rootOfDigests(digests);
        if (!expected.equals(root)) {
            throw ProofTrailException.failedPrecondition("aggregation.merkleRoot " + root
                    + " is not the Merkle root of the included updates' digests in id order, " + expected);
        }
        Artifact aggregated = usableModel(model, "aggregation.model");
        if (!caller.belongsTo(aggregated.getOwner())) {
            throw ProofTrailException.permissionDenied("the aggregated model " + model + " is registered by "
                    + aggregated.getOwner() + "; the coordinator (" + caller.mspId() + ") must register it");
        }
        if (!aggregated.getDigest().equals(digest.toString())) {
            throw ProofTrailException.failedPrecondition("aggregation.digest " + digest + " is not the registered"
                    + " digest of " + model + ", " + aggregated.getDigest());
        }
        if (model.equals(current.getBaseModel())) {
            throw ProofTrailException.failedPrecondition("model " + model + " is the global model round " + round
                    + " started from; register the aggregated model under a new id");
        }
        requireFreshModel(model);
        FederationRound closed = current.aggregated(
                model,
                aggregated.getDigest(),
                new ArrayList<>(updates),
                root.toString(),
                samples,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        federations.putRound(closed, federation.getCoordinator());
        federations.putAggregationEdges(closed, federation.getCoordinator());
        artifacts.guard(model);
        artifacts.guard(current.getBaseModel());
        Map<String, Object> event = new TreeMap<>();
        event.put("federation", id);
        event.put("round", round);
        event.put("model", model);
        event.put("updates", closed.getUpdates());
        event.put("txId", closed.getAggregateTxId());
        ledger.events().emit(EventNames.FEDERATION_AGGREGATED, event);
        return closed;
    }

    /** {@code federation:Get}: the federation and its latest round. */
    public Map<String, Object> get(String idText) {
        String id = Ids.id("id", idText);
        Federation federation = federation(id);
        List<FederationRound> rounds = federations.rounds(id, MAX_LISTED);
        Map<String, Object> view = new TreeMap<>(LedgerCodec.fields(federation));
        view.put("rounds", rounds.size());
        if (!rounds.isEmpty()) {
            view.put("currentRound", LedgerCodec.fields(rounds.get(rounds.size() - 1)));
        }
        return view;
    }

    /** {@code federation:History}: every round, oldest first, each with the updates submitted in it. */
    public Map<String, Object> history(String idText) {
        String id = Ids.id("id", idText);
        federation(id);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (FederationRound round : federations.rounds(id, MAX_LISTED)) {
            Map<String, Object> entry = new TreeMap<>(LedgerCodec.fields(round));
            List<Map<String, Object>> submitted = new ArrayList<>();
            for (String update : federations.submissions(id, round.getRound(), MAX_LISTED)) {
                federations.findUpdate(update).ifPresent(u -> submitted.add(LedgerCodec.fields(u)));
            }
            entry.put("submitted", submitted);
            rounds.add(entry);
        }
        Map<String, Object> view = new TreeMap<>();
        view.put("federation", id);
        view.put("rounds", rounds);
        return view;
    }

    private Federation federation(String id) {
        return federations
                .find(id)
                .orElseThrow(() -> ProofTrailException.notFound("federation " + id + " does not exist"));
    }

    private FederationRound round(Federation federation, long round) {
        return federations
                .findRound(federation.getId(), round)
                .orElseThrow(() -> ProofTrailException.notFound(
                        "round " + round + " of federation " + federation.getId() + " was never opened"));
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

    /** The new global model must be new: produced by nothing yet, with nothing derived from it (keeps it acyclic). */
    private void requireFreshModel(String model) {
        if (!ledger.lineage().producers(model, 1).isEmpty()
                || !federations.producers(model, 1).isEmpty()) {
            throw ProofTrailException.failedPrecondition(
                    "model " + model + " was already produced by a training run or an aggregation");
        }
        if (ledger.lineage().hasDownstream(model)
                || !federations.consumers(model, 1).isEmpty()) {
            throw ProofTrailException.failedPrecondition("model " + model
                    + " already has artifacts, runs, deployments or rounds derived from it; register the new"
                    + " global model under a new id");
        }
    }

    private static long roundNumber(String field, JsonInput in) {
        long round = in.optionalLong("round").orElseThrow(() -> ProofTrailException.invalid(field + " is required"));
        if (round < 1 || round > MAX_ROUND) {
            throw ProofTrailException.invalid(field + " must be from 1 to " + MAX_ROUND + ", not " + round);
        }
        return round;
    }

    private static OptionalLong roundSeconds(String field, JsonInput in) {
        String name = field.substring(field.indexOf('.') + 1);
        var value = in.optionalLong(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long seconds = value.get();
        if (seconds < 1 || seconds > MAX_ROUND_SECONDS) {
            throw ProofTrailException.invalid(
                    field + " must be from 1 to " + MAX_ROUND_SECONDS + " seconds, not " + seconds);
        }
        return OptionalLong.of(seconds);
    }
}
