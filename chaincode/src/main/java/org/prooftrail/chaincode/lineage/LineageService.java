package org.prooftrail.chaincode.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.consent.ConsentAttestation;
import org.prooftrail.chaincode.consent.ErasureReceipt;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.identity.Role;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LineageStore;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/** The rules of the model life cycle, for one transaction by one caller. */
public final class LineageService {
    public static final int DEFAULT_DEPTH = 8;
    public static final int MAX_DEPTH = 32;
    /** A walk stops, marked truncated, once it has this many nodes. */
    public static final int MAX_NODES = 1000;

    static final String ARTIFACT = "artifact";
    static final String RUN = "run";
    static final String DEPLOYMENT = "deployment";
    static final String ATTESTATION = "attestation";
    static final String ERASURE = "erasure";
    static final int MAX_TEXT = 256;
    static final int MAX_URI = 2048;

    private final Ledger ledger;
    private final ArtifactStore artifacts;
    private final LineageStore lineage;
    private final Caller caller;
    private final TrainingGate gate;

    public LineageService(Ledger ledger, Caller caller, TrainingGate gate) {
        this.ledger = ledger;
        this.artifacts = ledger.artifacts();
        this.lineage = ledger.lineage();
        this.caller = caller;
        this.gate = gate;
    }

    /**
     * Records a training run. Every input must be registered, {@code ACTIVE}, seen with its registered digest and
     * admitted by the training gate, as must everything upstream of it; the code and config must be registered
     * {@code CODE} and {@code CONFIG} artifacts; every output must be registered by the trainer's organisation,
     * produced by no other run, and have nothing derived from it yet (which keeps the lineage graph acyclic).
     */
    public TrainingRun recordRun(String json) {
        RunRequest request = RunRequest.parse(json);
        caller.requireRole("recording a training run", Role.TRAINER);
        lineage.findRun(request.id).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(
                    "run " + request.id + " was already recorded in transaction " + existing.getTxId());
        });
        List<RunInput> admitted = new ArrayList<>();
        Map<String, Long> relied = new TreeMap<>();
        UpstreamGate upstream = new UpstreamGate(relied);
        for (RunInput input : request.inputs) {
            Artifact artifact = usable(input.getId(), "input");
            if (!artifact.getDigest().equals(input.getDigest())) {
                throw ProofTrailException.failedPrecondition("input " + input.getId() + " was seen with digest "
                        + input.getDigest() + " but is registered with " + artifact.getDigest()
                        + ": the trainer's copy differs from the registered data");
            }
            OptionalLong consentVersion = upstream.admit(artifact, input.getId());
            admitted.add(consentVersion.isPresent() ? input.withConsentVersion(consentVersion.getAsLong()) : input);
        }
        for (RunInput input : request.inputs) {
            upstream.admitAncestors(input.getId());
        }
        requireKind(request.code, "code", ArtifactKind.CODE);
        requireKind(request.config, "config", ArtifactKind.CONFIG);
        for (String output : request.outputs) {
            requireFreshOutput(output);
        }
        String training = Purpose.TRAINING.name();
        TrainingRun run = new TrainingRun(
                request.id,
                admitted,
                request.code,
                request.config,
                request.parameters,
                request.environment,
                request.outputs,
                caller.mspId(),
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId(),
                relied.entrySet().stream()
                        .map(e -> new ConsentReliance(e.getKey(), training, e.getValue()))
                        .toList());
        lineage.putRun(run);
        for (ConsentReliance reliance : run.consentsRelied()) {
            ledger.consent()
                    .putConsentUse(reliance.getDataset(), reliance.getPurpose(), run.getId(), reliance.getVersion());
        }
        Map<String, Object> event = new TreeMap<>();
        event.put("id", run.getId());
        event.put("trainer", run.getTrainer());
        event.put("inputs", run.getInputs().stream().map(RunInput::getId).toList());
        event.put("outputs", run.getOutputs());
        event.put("txId", run.getTxId());
        ledger.events().emit(EventNames.RUN_RECORDED, event);
        return run;
    }

    /**
     * The training gate applied to a run's inputs and their whole upstream: each artifact is judged once (through
     * the first input that reaches it), breadth first through parents and the inputs of producing runs (one
     * generation each), within {@link #MAX_DEPTH} generations and {@link #MAX_NODES} artifacts and runs; an upstream
     * larger than that is refused rather than admitted unchecked. Collects the consent attestation version of each
     * consent-requiring dataset.
     */
    private final class UpstreamGate {
        private final Map<String, Long> relied;
        private final Set<String> seen = new HashSet<>();
        private final Set<String> runs = new HashSet<>();

        UpstreamGate(Map<String, Long> relied) {
            this.relied = relied;
        }

        OptionalLong admit(Artifact artifact, String input) {
            seen.add(artifact.getId());
            OptionalLong version = gate.admit(caller, artifact, input);
            version.ifPresent(v -> relied.put(artifact.getId(), v));
            return version;
        }

        void admitAncestors(String input) {
            Deque<String> frontier = new ArrayDeque<>();
            frontier.add(input);
            for (int generation = 1; !frontier.isEmpty(); generation++) {
                Deque<String> next = new ArrayDeque<>();
                for (String id : frontier) {
                    Artifact artifact = artifacts.find(id).orElse(null);
                    if (artifact == null) {
                        continue;
                    }
                    List<String> above = new ArrayList<>(artifact.getParents());
                    for (LineageStore.Edge producer : lineage.producers(id, MAX_NODES)) {
                        if (runs.add(producer.id())) {
                            count(input);
                            lineage.findRun(producer.id())
                                    .ifPresent(run -> run.getInputs().forEach(i -> above.add(i.getId())));
                        }
                    }
                    for (String ancestor : above) {
                        if (seen.contains(ancestor)) {
                            continue;
                        }
                        if (generation > MAX_DEPTH) {
                            throw tooLarge(input, "more than " + MAX_DEPTH + " generations");
                        }
                        count(input);
                        Optional<Artifact> found = artifacts.find(ancestor);
                        if (found.isPresent()) {
                            admit(found.get(), input);
                            next.add(ancestor);
                        } else {
                            seen.add(ancestor);
                        }
                    }
                }
                frontier = next;
            }
        }

        private void count(String input) {
            if (seen.size() + runs.size() >= MAX_NODES) {
                throw tooLarge(input, "more than " + MAX_NODES + " nodes");
            }
        }

        private ProofTrailException tooLarge(String input, String size) {
            return ProofTrailException.failedPrecondition("the upstream of input " + input + " has " + size
                    + ", beyond what the training gate checks: it refuses rather than admit data it has not checked"
                    + " (lineage:Upstream shows the lineage)");
        }
    }

    private Artifact usable(String id, String role) {
        Artifact artifact = artifacts
                .find(id)
                .orElseThrow(() -> ProofTrailException.failedPrecondition(
                        role + " " + id + " is not a registered artifact; register it first"));
        String status = artifacts.state(id).getStatus();
        if (!ArtifactStatus.ACTIVE.name().equals(status)) {
            throw ProofTrailException.failedPrecondition(role + " " + id + " is " + status + ", not ACTIVE");
        }
        return artifact;
    }

    private void requireKind(String id, String role, ArtifactKind kind) {
        if (id == null) {
            return;
        }
        Artifact artifact = usable(id, role);
        if (!artifact.getKind().equals(kind.name())) {
            throw ProofTrailException.failedPrecondition(
                    role + " " + id + " is a " + artifact.getKind() + " artifact, not " + kind);
        }
    }

    private void requireFreshOutput(String output) {
        Artifact artifact = usable(output, "output");
        if (!caller.belongsTo(artifact.getOwner())) {
            throw ProofTrailException.permissionDenied("output " + output + " is registered by "
                    + artifact.getOwner() + "; a run's outputs must be registered by the trainer's organisation, "
                    + caller.mspId());
        }
        List<LineageStore.Edge> producers = lineage.producers(output, 1);
        if (!producers.isEmpty()) {
            throw ProofTrailException.failedPrecondition("output " + output + " was already produced by run "
                    + producers.get(0).id());
        }
        if (lineage.hasDownstream(output)) {
            throw ProofTrailException.failedPrecondition("output " + output
                    + " already has artifacts, runs or deployments derived from it; record the run that produced"
                    + " a model before anything uses it");
        }
    }

    public TrainingRun getRun(String idText) {
        String id = Ids.id("id", idText);
        return lineage.findRun(id).orElseThrow(() -> ProofTrailException.notFound("run " + id + " does not exist"));
    }

    /**
     * Records a deployment of a model. The model must be a registered, {@code ACTIVE} {@code MODEL} artifact, and
     * every model upstream of it (itself included) must have its training run recorded.
     */
    public DeploymentView recordDeployment(String json) {
        JsonInput in = JsonInput.parse("deployment", json);
        String id = Ids.id("deployment.id", in.requiredString("id"));
        String model = Ids.id("deployment.model", in.requiredString("model"));
        String environment = Ids.text("deployment.environment", in.requiredString("environment"), MAX_TEXT, true);
        String endpoint = in.optionalString("endpoint")
                .map(e -> Ids.text("deployment.endpoint", e, MAX_URI, true))
                .orElse(null);
        in.rejectUnknownFields();
        caller.requireRole("recording a deployment", Role.DEPLOYER);
        lineage.findDeployment(id).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists(
                    "deployment " + id + " was already recorded in transaction " + existing.getTxId());
        });
        Artifact artifact = artifacts
                .find(model)
                .orElseThrow(() -> ProofTrailException.notFound("model " + model + " does not exist"));
        if (!artifact.getKind().equals(ArtifactKind.MODEL.name())) {
            throw ProofTrailException.failedPrecondition(
                    model + " is a " + artifact.getKind() + " artifact; only a MODEL can be deployed");
        }
        usable(model, "model");
        requireTrainingRecorded(model);
        Deployment deployment = new Deployment(
                id,
                model,
                artifact.getDigest(),
                environment,
                endpoint,
                caller.mspId(),
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        DeploymentState state = new DeploymentState(
                id, DeploymentState.ACTIVE, "", caller.id(), deployment.getRecordedAt(), deployment.getTxId());
        lineage.putDeployment(deployment, state);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("model", model);
        event.put("environment", environment);
        event.put("owner", deployment.getOwner());
        event.put("txId", deployment.getTxId());
        ledger.events().emit(EventNames.DEPLOYMENT_RECORDED, event);
        return new DeploymentView(deployment, state);
    }

    private void requireTrainingRecorded(String model) {
        LineageGraph upstream = walk(new GraphNodeRef(ARTIFACT, model), MAX_DEPTH, false);
        for (GraphNode node : upstream.getNodes()) {
            if (ARTIFACT.equals(node.getType())
                    && ArtifactKind.MODEL.name().equals(node.getKind())
                    && lineage.producers(node.getId(), 1).isEmpty()) {
                throw ProofTrailException.failedPrecondition("model " + node.getId()
                        + (node.getId().equals(model) ? "" : ", upstream of " + model + ",")
                        + " has no recorded training run; record the run that produced it (lineage:RecordRun)"
                        + " before deploying");
            }
        }
    }

    public DeploymentView getDeployment(String idText) {
        String id = Ids.id("id", idText);
        Deployment deployment = lineage.findDeployment(id)
                .orElseThrow(() -> ProofTrailException.notFound("deployment " + id + " does not exist"));
        return new DeploymentView(deployment, lineage.deploymentState(id));
    }

    /** Ends a deployment; only the deploying organisation may. */
    public DeploymentView retireDeployment(String idText, String reasonText) {
        String id = Ids.id("id", idText);
        String reason = Ids.text("reason", reasonText, 1024, true);
        Deployment deployment = lineage.findDeployment(id)
                .orElseThrow(() -> ProofTrailException.notFound("deployment " + id + " does not exist"));
        if (!caller.belongsTo(deployment.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + deployment.getOwner() + " may retire deployment " + id
                    + "; the caller belongs to " + caller.mspId());
        }
        caller.requireRole("retiring a deployment", Role.DEPLOYER);
        DeploymentState current = lineage.deploymentState(id);
        if (!DeploymentState.ACTIVE.equals(current.getStatus())) {
            throw ProofTrailException.failedPrecondition(
                    "deployment " + id + " was already retired in transaction " + current.getTxId());
        }
        DeploymentState state = new DeploymentState(
                id,
                DeploymentState.RETIRED,
                reason,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        lineage.updateDeploymentState(state);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("model", deployment.getModel());
        event.put("owner", deployment.getOwner());
        event.put("txId", state.getTxId());
        ledger.events().emit(EventNames.DEPLOYMENT_RETIRED, event);
        return new DeploymentView(deployment, state);
    }

    public LineageGraph upstream(String idText, String depthText) {
        return walkFrom(idText, depthText, false);
    }

    public LineageGraph downstream(String idText, String depthText) {
        return walkFrom(idText, depthText, true);
    }

    private LineageGraph walkFrom(String idText, String depthText, boolean downstream) {
        String id = Ids.id("id", idText);
        int depth = depth(depthText);
        return walk(resolve(id), depth, downstream);
    }

    static int depth(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_DEPTH;
        }
        int depth;
        try {
            depth = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProofTrailException.invalid(
                    "depth must be a whole number from 1 to " + MAX_DEPTH + ", not '" + Printable.truncate(text) + "'");
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ProofTrailException.invalid("depth must be from 1 to " + MAX_DEPTH + ", not " + depth);
        }
        return depth;
    }

    /** An id names an artifact if one exists, else a run, else a deployment. */
    private GraphNodeRef resolve(String id) {
        if (artifacts.exists(id)) {
            return new GraphNodeRef(ARTIFACT, id);
        }
        if (lineage.findRun(id).isPresent()) {
            return new GraphNodeRef(RUN, id);
        }
        if (lineage.findDeployment(id).isPresent()) {
            return new GraphNodeRef(DEPLOYMENT, id);
        }
        int purposeAt = id.lastIndexOf(':');
        if (id.startsWith(ATTESTATION + ":") && purposeAt > ATTESTATION.length() + 1) {
            String dataset = id.substring(ATTESTATION.length() + 1, purposeAt);
            String purpose = id.substring(purposeAt + 1);
            if (ledger.consent()
                    .findAttestation(dataset, purpose)
                    .filter(ConsentAttestation::attested)
                    .isPresent()) {
                return new GraphNodeRef(ATTESTATION, dataset + ":" + purpose);
            }
        }
        if (id.startsWith(ERASURE + ":") && purposeAt > ERASURE.length() + 1) {
            String dataset = id.substring(ERASURE.length() + 1, purposeAt);
            if (ledger.consent()
                    .findErasure(dataset, id.substring(purposeAt + 1))
                    .isPresent()) {
                return new GraphNodeRef(ERASURE, id.substring(ERASURE.length() + 1));
            }
        }
        throw ProofTrailException.notFound("no artifact, run, deployment, consent attestation"
                + " (attestation:DATASET:PURPOSE) or erasure receipt (erasure:DATASET:TXID) " + id + " exists");
    }

    private LineageGraph walk(GraphNodeRef root, int depth, boolean downstream) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        Map<String, GraphEdge> edges = new TreeMap<>();
        Deque<GraphNodeRef> frontier = new ArrayDeque<>();
        nodes.put(root.key(), describe(root));
        frontier.add(root);
        boolean truncated = false;
        for (int level = 0; level < depth && !frontier.isEmpty() && !truncated; level++) {
            Deque<GraphNodeRef> next = new ArrayDeque<>();
            for (GraphNodeRef node : frontier) {
                for (Neighbour neighbour : downstream ? downstreamOf(node) : upstreamOf(node)) {
                    GraphEdge edge = downstream
                            ? new GraphEdge(node.key(), neighbour.ref.key(), neighbour.relation)
                            : new GraphEdge(neighbour.ref.key(), node.key(), neighbour.relation);
                    if (!nodes.containsKey(neighbour.ref.key())) {
                        if (nodes.size() >= MAX_NODES) {
                            truncated = true;
                            break;
                        }
                        nodes.put(neighbour.ref.key(), describe(neighbour.ref));
                        next.add(neighbour.ref);
                    }
                    edges.put(edge.sortKey(), edge);
                }
            }
            frontier = next;
        }
        List<GraphNode> sorted = new ArrayList<>(nodes.values());
        sorted.sort(Comparator.comparing(GraphNode::getKey));
        return new LineageGraph(
                root.key(),
                downstream ? "downstream" : "upstream",
                depth,
                sorted,
                new ArrayList<>(edges.values()),
                truncated);
    }

    private List<Neighbour> downstreamOf(GraphNodeRef node) {
        List<Neighbour> out = new ArrayList<>();
        switch (node.type) {
            case ARTIFACT -> {
                lineage.children(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, e.id()), "derived")));
                lineage.consumers(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new GraphNodeRef(RUN, e.id()), relation(e.role()))));
                lineage.deployments(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new GraphNodeRef(DEPLOYMENT, e.id()), "deployed")));
            }
            case RUN ->
                lineage.findRun(node.id).ifPresent(run -> run.getOutputs()
                        .forEach(o -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, o), "output"))));
            case ATTESTATION -> {
                int at = node.id.lastIndexOf(':');
                ledger.consent()
                        .consentUses(node.id.substring(0, at), node.id.substring(at + 1), MAX_NODES)
                        .keySet()
                        .forEach(run -> out.add(new Neighbour(new GraphNodeRef(RUN, run), "consent")));
            }
            case ERASURE ->
                erasure(node.id).ifPresent(receipt -> {
                    for (String counted : receipt.getAttestations()) {
                        int at = counted.indexOf(':');
                        long version = Long.parseLong(counted.substring(at + 1));
                        ledger.consent()
                                .consentUses(receipt.getDataset(), counted.substring(0, at), MAX_NODES)
                                .forEach((run, used) -> {
                                    if (used == version) {
                                        out.add(new Neighbour(new GraphNodeRef(RUN, run), "counted-in"));
                                    }
                                });
                    }
                });
            default -> {}
        }
        return out;
    }

    private List<Neighbour> upstreamOf(GraphNodeRef node) {
        List<Neighbour> out = new ArrayList<>();
        switch (node.type) {
            case ARTIFACT -> {
                artifacts.find(node.id).ifPresent(a -> a.getParents()
                        .forEach(p -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, p), "derived"))));
                lineage.producers(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new GraphNodeRef(RUN, e.id()), "output")));
            }
            case RUN ->
                lineage.findRun(node.id).ifPresent(run -> {
                    run.getInputs()
                            .forEach(i -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, i.getId()), "input")));
                    // Runs of release 0.1.0 name the attestation only on the input; later runs list every
                    // attestation relied on, upstream ones included. The walk keeps each node and edge once.
                    run.getInputs().stream()
                            .filter(i -> i.getConsentVersion() != null)
                            .forEach(i -> out.add(new Neighbour(
                                    new GraphNodeRef(ATTESTATION, i.getId() + ":" + Purpose.TRAINING.name()),
                                    "consent")));
                    run.consentsRelied()
                            .forEach(c -> out.add(new Neighbour(
                                    new GraphNodeRef(ATTESTATION, c.getDataset() + ":" + c.getPurpose()), "consent")));
                    Optional.ofNullable(run.getCode())
                            .ifPresent(c -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, c), "code")));
                    Optional.ofNullable(run.getConfig())
                            .ifPresent(c -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, c), "config")));
                });
            case DEPLOYMENT ->
                lineage.findDeployment(node.id)
                        .ifPresent(d -> out.add(new Neighbour(new GraphNodeRef(ARTIFACT, d.getModel()), "deployed")));
            default -> {}
        }
        return out;
    }

    /** The receipt of an erasure node, whose id is {@code <dataset>:<txId>}. */
    private Optional<ErasureReceipt> erasure(String datasetAndTx) {
        int at = datasetAndTx.lastIndexOf(':');
        return ledger.consent().findErasure(datasetAndTx.substring(0, at), datasetAndTx.substring(at + 1));
    }

    private static String relation(String role) {
        return role.toLowerCase(Locale.ROOT);
    }

    private GraphNode describe(GraphNodeRef ref) {
        switch (ref.type) {
            case ARTIFACT -> {
                Optional<Artifact> artifact = artifacts.find(ref.id);
                if (artifact.isEmpty()) {
                    return new GraphNode(ARTIFACT, ref.id, null, null, null, "UNKNOWN", null);
                }
                Artifact a = artifact.get();
                return new GraphNode(
                        ARTIFACT,
                        a.getId(),
                        a.getKind(),
                        a.getDigest(),
                        a.getOwner(),
                        artifacts.state(a.getId()).getStatus(),
                        null);
            }
            case RUN -> {
                String trainer =
                        lineage.findRun(ref.id).map(TrainingRun::getTrainer).orElse(null);
                return new GraphNode(RUN, ref.id, null, null, trainer, null, null);
            }
            case ATTESTATION -> {
                int at = ref.id.lastIndexOf(':');
                var attestation = ledger.consent()
                        .findAttestation(ref.id.substring(0, at), ref.id.substring(at + 1))
                        .map(a -> a.asOf(ledger.tx().timestamp()));
                return new GraphNode(
                        ATTESTATION,
                        ref.id,
                        null,
                        attestation.map(a -> a.getRoot()).orElse(null),
                        attestation.map(a -> a.getOwner()).orElse(null),
                        attestation.map(a -> a.getStatus()).orElse("UNKNOWN"),
                        null);
            }
            case ERASURE -> {
                var receipt = erasure(ref.id);
                return new GraphNode(
                        ERASURE,
                        ref.id,
                        null,
                        null,
                        receipt.map(r -> r.getErasedByOrg()).orElse(null),
                        null,
                        null);
            }
            default -> {
                Optional<Deployment> deployment = lineage.findDeployment(ref.id);
                return new GraphNode(
                        DEPLOYMENT,
                        ref.id,
                        null,
                        deployment.map(Deployment::getModelDigest).orElse(null),
                        deployment.map(Deployment::getOwner).orElse(null),
                        deployment.isPresent() ? lineage.deploymentState(ref.id).getStatus() : null,
                        deployment.map(Deployment::getEnvironment).orElse(null));
            }
        }
    }

    private static final class GraphNodeRef {
        final String type;
        final String id;

        GraphNodeRef(String type, String id) {
            this.type = type;
            this.id = id;
        }

        String key() {
            return type + ":" + id;
        }
    }

    private static final class Neighbour {
        final GraphNodeRef ref;
        final String relation;

        Neighbour(GraphNodeRef ref, String relation) {
            this.ref = ref;
            this.relation = relation;
        }
    }
}
