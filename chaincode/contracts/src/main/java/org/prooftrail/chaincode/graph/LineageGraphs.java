package org.prooftrail.chaincode.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.FederationStore;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LineageStore;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.ErasureReceipt;
import org.prooftrail.chaincode.record.FederatedUpdate;
import org.prooftrail.chaincode.record.FederationRound;
import org.prooftrail.chaincode.record.TrainingRun;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * The lineage graph as a read model: resolves an id to its node and walks the graph upstream or downstream,
 * breadth first, bounded by a depth and by {@link #MAX_NODES}, reading each node's edges through the point and
 * prefix indexes of {@link LineageStore}, so a walk costs O(nodes it reaches). Lineage queries, the deployment gate
 * and compliance all walk through here.
 */
public final class LineageGraphs {
    public static final int DEFAULT_DEPTH = 8;
    public static final int MAX_DEPTH = 32;
    /** A walk stops, marked truncated, once it has this many nodes. */
    public static final int MAX_NODES = 1000;

    public static final String ARTIFACT = "artifact";
    public static final String RUN = "run";
    public static final String DEPLOYMENT = "deployment";
    public static final String ATTESTATION = "attestation";
    public static final String ERASURE = "erasure";
    /** A member's federated update; its id is the update id. */
    public static final String UPDATE = "update";
    /** A federated round's aggregation; its id is {@code <federation>:<round>}. */
    public static final String AGGREGATION = "aggregation";

    private static final String OUTPUT = "output";
    private static final String CONSENT = "consent";

    private final Ledger ledger;
    private final ArtifactStore artifacts;
    private final LineageStore lineage;
    private final FederationStore federations;

    public LineageGraphs(Ledger ledger) {
        this.ledger = ledger;
        this.artifacts = ledger.artifacts();
        this.lineage = ledger.lineage();
        this.federations = ledger.federation();
    }

    /** A node of the graph before it is described: its type and id. */
    public static final class NodeRef {
        private final String type;
        private final String id;

        public NodeRef(String type, String id) {
            this.type = Objects.requireNonNull(type, "type");
            this.id = Objects.requireNonNull(id, "id");
        }

        public String type() {
            return type;
        }

        public String id() {
            return id;
        }

        /** {@code type:id}, unique across types. */
        public String key() {
            return type + ":" + id;
        }
    }

    /** A depth from its text: blank means {@link #DEFAULT_DEPTH}, else a whole number from 1 to {@link #MAX_DEPTH}. */
    public static int depth(String text) {
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

    /**
     * An id names an artifact if one exists, else a run, else a deployment, else a consent attestation
     * ({@code attestation:DATASET:PURPOSE}) or an erasure receipt ({@code erasure:DATASET:TXID}). Artifact, run and
     * deployment ids may not use those prefixes, so none can shadow them.
     */
    public NodeRef resolve(String id) {
        if (artifacts.exists(id)) {
            return new NodeRef(ARTIFACT, id);
        }
        if (lineage.findRun(id).isPresent()) {
            return new NodeRef(RUN, id);
        }
        if (lineage.findDeployment(id).isPresent()) {
            return new NodeRef(DEPLOYMENT, id);
        }
        if (federations.findUpdate(id).isPresent()) {
            return new NodeRef(UPDATE, id);
        }
        int purposeAt = id.lastIndexOf(':');
        if (id.startsWith(ATTESTATION + ":") && purposeAt > ATTESTATION.length() + 1) {
            String dataset = id.substring(ATTESTATION.length() + 1, purposeAt);
            String purpose = id.substring(purposeAt + 1);
            if (ledger.consent()
                    .findAttestation(dataset, purpose)
                    .filter(ConsentAttestation::attested)
                    .isPresent()) {
                return new NodeRef(ATTESTATION, dataset + ":" + purpose);
            }
        }
        if (id.startsWith(ERASURE + ":") && purposeAt > ERASURE.length() + 1) {
            String dataset = id.substring(ERASURE.length() + 1, purposeAt);
            if (ledger.consent()
                    .findErasure(dataset, id.substring(purposeAt + 1))
                    .isPresent()) {
                return new NodeRef(ERASURE, id.substring(ERASURE.length() + 1));
            }
        }
        if (id.startsWith(AGGREGATION + ":") && purposeAt > AGGREGATION.length() + 1) {
            Optional<FederationRound> round = aggregation(id.substring(AGGREGATION.length() + 1));
            if (round.isPresent()) {
                return new NodeRef(AGGREGATION, id.substring(AGGREGATION.length() + 1));
            }
        }
        throw ProofTrailException.notFound("no artifact, run, deployment, federated update, aggregation"
                + " (aggregation:FEDERATION:ROUND), consent attestation (attestation:DATASET:PURPOSE) or erasure"
                + " receipt (erasure:DATASET:TXID) " + id + " exists");
    }

    /** Everything upstream ({@code downstream} false) or downstream of {@code root}, within {@code depth} levels. */
    public LineageGraph walk(NodeRef root, int depth, boolean downstream) {
        return walk(root, depth, downstream, false);
    }

    /**
     * As {@link #walk(NodeRef, int, boolean)}; with {@code probeBeyondDepth}, a walk that reached the depth with
     * nodes left to expand also looks whether any of them has a further neighbour, so that
     * {@link LineageGraph#cutShort()} tells a caller that must see everything (compliance) that it did not.
     */
    public LineageGraph walk(NodeRef root, int depth, boolean downstream, boolean probeBeyondDepth) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        Map<String, GraphEdge> edges = new TreeMap<>();
        Deque<NodeRef> frontier = new ArrayDeque<>();
        nodes.put(root.key(), describe(root));
        frontier.add(root);
        boolean truncated = false;
        for (int level = 0; level < depth && !frontier.isEmpty() && !truncated; level++) {
            Deque<NodeRef> next = new ArrayDeque<>();
            for (NodeRef node : frontier) {
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
        boolean beyondDepth = false;
        if (probeBeyondDepth && !truncated) {
            for (NodeRef node : frontier) {
                if (!(downstream ? downstreamOf(node) : upstreamOf(node)).isEmpty()) {
                    beyondDepth = true;
                    break;
                }
            }
        }
        List<GraphNode> sorted = new ArrayList<>(nodes.values());
        sorted.sort(Comparator.comparing(GraphNode::getKey));
        return new LineageGraph(
                root.key(),
                downstream ? "downstream" : "upstream",
                depth,
                sorted,
                new ArrayList<>(edges.values()),
                truncated,
                beyondDepth);
    }

    private List<Neighbour> downstreamOf(NodeRef node) {
        List<Neighbour> out = new ArrayList<>();
        switch (node.type) {
            case ARTIFACT -> {
                lineage.children(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new NodeRef(ARTIFACT, e.id()), "derived")));
                lineage.consumers(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new NodeRef(RUN, e.id()), relation(e.role()))));
                lineage.deployments(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new NodeRef(DEPLOYMENT, e.id()), "deployed")));
                federations
                        .consumers(node.id, MAX_NODES)
                        .forEach(use -> out.add(
                                use.kind() == FederationStore.Consumer.UPDATE
                                        ? new Neighbour(new NodeRef(UPDATE, use.node()), "input")
                                        : new Neighbour(new NodeRef(AGGREGATION, use.node()), "base")));
            }
            case UPDATE ->
                federations.findUpdate(node.id).ifPresent(update -> aggregation(
                                FederationStore.aggregationId(update.getFederation(), update.getRound()))
                        .filter(round ->
                                round.getUpdates() != null && round.getUpdates().contains(node.id))
                        .ifPresent(round -> out.add(new Neighbour(
                                new NodeRef(
                                        AGGREGATION,
                                        FederationStore.aggregationId(round.getFederation(), round.getRound())),
                                "aggregated"))));
            case AGGREGATION ->
                aggregation(node.id)
                        .filter(round -> round.getModel() != null)
                        .ifPresent(round -> out.add(new Neighbour(new NodeRef(ARTIFACT, round.getModel()), OUTPUT)));
            case RUN ->
                lineage.findRun(node.id).ifPresent(run -> run.getOutputs()
                        .forEach(o -> out.add(new Neighbour(new NodeRef(ARTIFACT, o), OUTPUT))));
            case ATTESTATION -> {
                int at = node.id.lastIndexOf(':');
                ledger.consent()
                        .consentUses(node.id.substring(0, at), node.id.substring(at + 1), MAX_NODES)
                        .keySet()
                        .forEach(run -> out.add(new Neighbour(consentUser(run), CONSENT)));
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
                                        out.add(new Neighbour(consentUser(run), "counted-in"));
                                    }
                                });
                    }
                });
            default -> {}
        }
        return out;
    }

    private List<Neighbour> upstreamOf(NodeRef node) {
        List<Neighbour> out = new ArrayList<>();
        switch (node.type) {
            case ARTIFACT -> {
                artifacts.find(node.id).ifPresent(a -> a.getParents()
                        .forEach(p -> out.add(new Neighbour(new NodeRef(ARTIFACT, p), "derived"))));
                lineage.producers(node.id, MAX_NODES)
                        .forEach(e -> out.add(new Neighbour(new NodeRef(RUN, e.id()), OUTPUT)));
                federations
                        .producers(node.id, MAX_NODES)
                        .forEach(a -> out.add(new Neighbour(new NodeRef(AGGREGATION, a), OUTPUT)));
            }
            case UPDATE ->
                federations.findUpdate(node.id).ifPresent(update -> {
                    update.getDatasets()
                            .forEach(d -> out.add(new Neighbour(new NodeRef(ARTIFACT, d.getId()), "input")));
                    update.consentsRelied()
                            .forEach(c -> out.add(new Neighbour(
                                    new NodeRef(ATTESTATION, c.getDataset() + ":" + c.getPurpose()), CONSENT)));
                });
            case AGGREGATION ->
                aggregation(node.id).ifPresent(round -> {
                    out.add(new Neighbour(new NodeRef(ARTIFACT, round.getBaseModel()), "base"));
                    if (round.getUpdates() != null) {
                        round.getUpdates().forEach(u -> out.add(new Neighbour(new NodeRef(UPDATE, u), "update")));
                    }
                });
            case RUN ->
                lineage.findRun(node.id).ifPresent(run -> {
                    run.getInputs().forEach(i -> out.add(new Neighbour(new NodeRef(ARTIFACT, i.getId()), "input")));
                    run.getInputs().stream()
                            .filter(i -> i.getConsentVersion() != null)
                            .forEach(i -> out.add(new Neighbour(
                                    new NodeRef(ATTESTATION, i.getId() + ":" + Purpose.TRAINING.name()), CONSENT)));
                    // Runs of release 0.1.0 name the attestation only on the input; later runs list every
                    // attestation relied on, upstream ones included. The walk keeps each node and edge once.
                    run.consentsRelied()
                            .forEach(c -> out.add(new Neighbour(
                                    new NodeRef(ATTESTATION, c.getDataset() + ":" + c.getPurpose()), CONSENT)));
                    Optional.ofNullable(run.getCode())
                            .ifPresent(c -> out.add(new Neighbour(new NodeRef(ARTIFACT, c), "code")));
                    Optional.ofNullable(run.getConfig())
                            .ifPresent(c -> out.add(new Neighbour(new NodeRef(ARTIFACT, c), "config")));
                });
            case DEPLOYMENT ->
                lineage.findDeployment(node.id)
                        .ifPresent(d -> out.add(new Neighbour(new NodeRef(ARTIFACT, d.getModel()), "deployed")));
            default -> {}
        }
        return out;
    }

    /** A consent use names a run or, for a federated update, the update. */
    private NodeRef consentUser(String id) {
        return lineage.findRun(id).isEmpty() && federations.findUpdate(id).isPresent()
                ? new NodeRef(UPDATE, id)
                : new NodeRef(RUN, id);
    }

    /** The round of an aggregation node, whose id is {@code <federation>:<round>}. */
    private Optional<FederationRound> aggregation(String federationAndRound) {
        int at = federationAndRound.lastIndexOf(':');
        if (at <= 0) {
            return Optional.empty();
        }
        long round;
        try {
            round = Long.parseLong(federationAndRound.substring(at + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return round < 1 ? Optional.empty() : federations.findRound(federationAndRound.substring(0, at), round);
    }

    /** The receipt of an erasure node, whose id is {@code <dataset>:<txId>}. */
    private Optional<ErasureReceipt> erasure(String datasetAndTx) {
        int at = datasetAndTx.lastIndexOf(':');
        return ledger.consent().findErasure(datasetAndTx.substring(0, at), datasetAndTx.substring(at + 1));
    }

    private static String relation(String role) {
        return role.toLowerCase(Locale.ROOT);
    }

    private GraphNode describe(NodeRef ref) {
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
            case UPDATE -> {
                Optional<FederatedUpdate> update = federations.findUpdate(ref.id);
                return new GraphNode(
                        UPDATE,
                        ref.id,
                        null,
                        update.map(FederatedUpdate::getDigest).orElse(null),
                        update.map(FederatedUpdate::getMember).orElse(null),
                        null,
                        null);
            }
            case AGGREGATION -> {
                Optional<FederationRound> round = aggregation(ref.id);
                return new GraphNode(
                        AGGREGATION,
                        ref.id,
                        null,
                        round.map(FederationRound::getMerkleRoot).orElse(null),
                        round.flatMap(r -> federations.find(r.getFederation()))
                                .map(f -> f.getCoordinator())
                                .orElse(null),
                        round.map(FederationRound::getStatus).orElse(null),
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

    private static final class Neighbour {
        final NodeRef ref;
        final String relation;

        Neighbour(NodeRef ref, String relation) {
            this.ref = ref;
            this.relation = relation;
        }
    }
}
