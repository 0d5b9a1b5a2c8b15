package org.prooftrail.chaincode.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.chaincode.graph.GraphNode;
import org.prooftrail.chaincode.graph.LineageGraph;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LedgerCodec;
import org.prooftrail.chaincode.ledger.LineageStore;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ConsentReliance;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentState;
import org.prooftrail.chaincode.record.DeploymentStatus;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.chaincode.record.TrainingRun;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of the model life cycle, for one transaction by one caller. */
public final class LineageService {
    static final int MAX_TEXT = 256;
    static final int MAX_ACCEPTED_RISK = 1024;
    static final int MAX_URI = 2048;

    private final Ledger ledger;
    private final ArtifactStore artifacts;
    private final LineageStore lineage;
    private final Caller caller;
    private final TrainingGate gate;
    private final DeploymentGate deploymentGate;
    private final LineageGraphs graphs;

    public LineageService(Ledger ledger, Caller caller, TrainingGate gate, DeploymentGate deploymentGate) {
        this.ledger = ledger;
        this.artifacts = ledger.artifacts();
        this.lineage = ledger.lineage();
        this.caller = caller;
        this.gate = gate;
        this.deploymentGate = deploymentGate;
        this.graphs = new LineageGraphs(ledger);
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
        ledger.federation().findUpdate(request.id).ifPresent(existing -> {
            throw ProofTrailException.alreadyExists("run id " + request.id + " is taken by the federated update"
                    + " submitted in transaction " + existing.getTxId());
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
        Map<String, String> ownerOf = new TreeMap<>(upstream.owners);
        for (String named : named(request)) {
            ownerOf.computeIfAbsent(named, id -> usable(id, "artifact").getOwner());
        }
        lineage.putRun(run, ownerOf);
        for (ConsentReliance reliance : run.consentsRelied()) {
            ledger.consent()
                    .putConsentUse(
                            reliance.getDataset(),
                            reliance.getPurpose(),
                            run.getId(),
                            reliance.getVersion(),
                            List.of(run.getTrainer(), ownerOf.get(reliance.getDataset())));
        }
        // The run relies on every artifact it names and every one the gate judged upstream: their owners' peers
        // must endorse it, and run the gate themselves.
        ownerOf.keySet().forEach(artifacts::guard);
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
     * generation each), within {@link #LineageGraphs.MAX_DEPTH} generations and {@link #LineageGraphs.MAX_NODES} artifacts and runs; an upstream
     * larger than that is refused rather than admitted unchecked. Collects the consent attestation version of each
     * consent-requiring dataset.
     */
    private final class UpstreamGate {
        private final Map<String, Long> relied;
        /** The owner of every artifact the gate admitted. */
        private final Map<String, String> owners = new TreeMap<>();

        private final Set<String> seen = new HashSet<>();
        private final Set<String> runs = new HashSet<>();

        UpstreamGate(Map<String, Long> relied) {
            this.relied = relied;
        }

        OptionalLong admit(Artifact artifact, String input) {
            seen.add(artifact.getId());
            owners.put(artifact.getId(), artifact.getOwner());
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
                    for (LineageStore.Edge producer : lineage.producers(id, LineageGraphs.MAX_NODES)) {
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
                        if (generation > LineageGraphs.MAX_DEPTH) {
                            throw tooLarge(input, "more than " + LineageGraphs.MAX_DEPTH + " generations");
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
            if (seen.size() + runs.size() >= LineageGraphs.MAX_NODES) {
                throw tooLarge(input, "more than " + LineageGraphs.MAX_NODES + " nodes");
            }
        }

        private ProofTrailException tooLarge(String input, String size) {
            return ProofTrailException.failedPrecondition("the upstream of input " + input + " has " + size
                    + ", beyond what the training gate checks: it refuses rather than admit data it has not checked"
                    + " (lineage:Upstream shows the lineage)");
        }
    }

    /** The ids a run request names directly: inputs, code, config and outputs. */
    private static List<String> named(RunRequest request) {
        List<String> ids = new ArrayList<>();
        request.inputs.forEach(input -> ids.add(input.getId()));
        if (request.code != null) {
            ids.add(request.code);
        }
        if (request.config != null) {
            ids.add(request.config);
        }
        ids.addAll(request.outputs);
        return ids;
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
        requireNoFederatedProducer(output);
        if (lineage.hasDownstream(output)
                || !ledger.federation().consumers(output, 1).isEmpty()) {
            throw ProofTrailException.failedPrecondition("output " + output
                    + " already has artifacts, runs or deployments derived from it; record the run that produced"
                    + " a model before anything uses it");
        }
    }

    private void requireNoFederatedProducer(String output) {
        List<String> aggregations = ledger.federation().producers(output, 1);
        if (!aggregations.isEmpty()) {
            throw ProofTrailException.failedPrecondition(
                    "output " + output + " was already produced by the federated aggregation " + aggregations.get(0));
        }
    }

    /**
     * The run, and (only when there are any) the artifacts it names whose guard the transaction that wrote the run's
     * key did not write:
     * {@code "unendorsed": [{"artifact", "owner"}]}. The real chaincode writes the guard of every artifact a run
     * names, so such a run was committed without its owner's peer, by organisations running another chaincode: a
     * claim its owner never endorsed (see docs/trust-model.md).
     */
    public Map<String, Object> getRun(String idText) {
        String id = Ids.id("id", idText);
        TrainingRun run =
                lineage.findRun(id).orElseThrow(() -> ProofTrailException.notFound("run " + id + " does not exist"));
        List<Map<String, String>> unendorsed = new ArrayList<>();
        TreeSet<String> named = new TreeSet<>();
        run.getInputs().forEach(input -> named.add(input.getId()));
        for (String used : new String[] {run.getCode(), run.getConfig()}) {
            if (used != null) {
                named.add(used);
            }
        }
        named.addAll(run.getOutputs());
        String writtenIn = lineage.runWrittenIn(id).orElse(run.getTxId());
        for (String artifact : named) {
            if (artifacts.guardedIn(artifact, writtenIn).orElse(true)) {
                continue;
            }
            Map<String, String> entry = new TreeMap<>();
            entry.put("artifact", artifact);
            entry.put("owner", artifacts.find(artifact).map(Artifact::getOwner).orElse(null));
            unendorsed.add(entry);
        }
        Map<String, Object> view = new TreeMap<>(LedgerCodec.fields(run));
        if (!unendorsed.isEmpty()) {
            view.put("unendorsed", unendorsed);
        }
        return view;
    }

    /**
     * Records a deployment of a model. The model must be a registered, {@code ACTIVE} {@code MODEL} artifact, every
     * model upstream of it (itself included) must have its training run recorded, and the deployment gate must admit
     * it (another organisation's model needs its INFERENCE grant; a TAINTED upstream is refused, an AT_RISK one
     * needs {@code acceptRisk}). The compliance status at deployment is recorded on the deployment.
     */
    public DeploymentView recordDeployment(String json) {
        JsonInput in = JsonInput.parse("deployment", json);
        String id = Ids.nodeId("deployment.id", in.requiredString("id"));
        String model = Ids.id("deployment.model", in.requiredString("model"));
        String environment = Ids.text("deployment.environment", in.requiredString("environment"), MAX_TEXT, true);
        String endpoint = in.optionalString("endpoint")
                .map(e -> Ids.text("deployment.endpoint", e, MAX_URI, true))
                .orElse(null);
        String acceptRisk = in.optionalString("acceptRisk")
                .map(LineageService::acceptedRisk)
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
        Clearance clearance = deploymentGate.admit(caller, artifact, acceptRisk);
        Deployment deployment = new Deployment(
                id,
                model,
                artifact.getDigest(),
                environment,
                endpoint,
                caller.mspId(),
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId(),
                clearance.status(),
                clearance.acceptedRisk(),
                clearance.reasons());
        DeploymentState state = new DeploymentState(
                id, DeploymentStatus.ACTIVE.name(), "", caller.id(), deployment.getRecordedAt(), deployment.getTxId());
        lineage.putDeployment(deployment, state, artifact.getOwner());
        artifacts.guard(model);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("model", model);
        event.put("environment", environment);
        event.put("owner", deployment.getOwner());
        event.put("compliance", clearance.status());
        if (clearance.acceptedRisk() != null) {
            event.put("acceptedRisk", clearance.acceptedRisk());
        }
        event.put("txId", deployment.getTxId());
        ledger.events().emit(EventNames.DEPLOYMENT_RECORDED, event);
        return new DeploymentView(deployment, state);
    }

    /** The deployer's reason for accepting an AT_RISK model: printable text, not empty. */
    private static String acceptedRisk(String text) {
        if (text.isBlank()) {
            throw ProofTrailException.invalid(
                    "deployment.acceptRisk must state why the risk is accepted; it is" + " recorded on the deployment");
        }
        return Ids.text("deployment.acceptRisk", text, MAX_ACCEPTED_RISK, true);
    }

    private void requireTrainingRecorded(String model) {
        LineageGraph upstream =
                graphs.walk(new LineageGraphs.NodeRef(LineageGraphs.ARTIFACT, model), LineageGraphs.MAX_DEPTH, false);
        for (GraphNode node : upstream.getNodes()) {
            if (LineageGraphs.ARTIFACT.equals(node.getType())
                    && ArtifactKind.MODEL.name().equals(node.getKind())
                    && lineage.producers(node.getId(), 1).isEmpty()
                    && ledger.federation().producers(node.getId(), 1).isEmpty()) {
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
        if (!DeploymentStatus.ACTIVE.name().equals(current.getStatus())) {
            throw ProofTrailException.failedPrecondition(
                    "deployment " + id + " was already retired in transaction " + current.getTxId());
        }
        DeploymentState state = new DeploymentState(
                id,
                DeploymentStatus.RETIRED.name(),
                reason,
                caller.id(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        lineage.updateDeploymentState(deployment, state);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("model", deployment.getModel());
        event.put("owner", deployment.getOwner());
        event.put("compliance", deploymentGate.statusOf(deployment.getModel()));
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
        int depth = LineageGraphs.depth(depthText);
        return graphs.walk(graphs.resolve(id), depth, downstream);
    }
}
