package org.prooftrail.client.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.protocol.Purpose;

/**
 * Which transactions wrote the nodes of a lineage graph, asked of the ledger (an artifact's history, a run's, a
 * deployment's and its retirement's, an attestation's, an erasure receipt's transaction id), and which of a
 * transaction's writes is the node's own record. Shared by the Fabric and the embedded-ledger bundles.
 */
public final class LineageWriters {
    private static final Logger LOG = Logger.getLogger(LineageWriters.class.getName());
    private static final String RUN = "run";
    private static final String DEPLOYMENT = "deployment";
    private static final String ATTESTATION = "attestation";
    private static final String ERASURE = "erasure";

    /** The composite-key object types that hold a node's own record, by node type and transaction kind. */
    private static final Map<String, List<String>> RECORD_TYPES = Map.of(
            "registration",
            List.of("artifact"),
            "status",
            List.of("artifactstate"),
            "verification",
            List.of("verification", "verified"),
            RUN,
            List.of(RUN),
            DEPLOYMENT,
            List.of(DEPLOYMENT),
            "retirement",
            List.of("deploymentstate", DEPLOYMENT),
            ATTESTATION,
            List.of("consentattestation"),
            ERASURE,
            List.of("erasurelog"));

    private LineageWriters() {}

    /**
     * A transaction that wrote a lineage node: the node's id, what the transaction was for it (see {@link
     * BundledRecord#kind()}) and its id.
     */
    public record Writer(String id, String kind, String transactionId) {}

    /** The transactions that wrote the nodes of the graph, each once, in the graph's node order. */
    public static List<Writer> writers(ProofTrail ledger, LineageGraph graph) {
        Map<String, Writer> writers = new LinkedHashMap<>();
        for (LineageGraph.Node node : graph.nodes()) {
            for (Writer writer : writersOf(ledger, node)) {
                writers.putIfAbsent(writer.kind() + " " + writer.transactionId(), writer);
            }
        }
        return List.copyOf(writers.values());
    }

    /**
     * The key among those a transaction wrote that is the node's own record (its object type and id, as the
     * chaincode's composite keys spell them), else the first of them; empty when it wrote none.
     */
    public static Optional<String> recordKey(Writer writer, List<String> writtenKeys) {
        for (String type : RECORD_TYPES.getOrDefault(writer.kind(), List.of())) {
            for (String key : writtenKeys) {
                String readable = ReadableKeys.of(key);
                if (readable.equals(type + "/" + writer.id().replace(':', '/'))
                        || readable.startsWith(type + "/" + writer.id() + "/")) {
                    return Optional.of(key);
                }
            }
        }
        return writtenKeys.stream().findFirst();
    }

    private static List<Writer> writersOf(ProofTrail ledger, LineageGraph.Node node) {
        try {
            return switch (node.type()) {
                case "artifact" -> artifactWriters(ledger, node.id());
                case RUN ->
                    List.of(new Writer(node.id(), RUN, ledger.getRun(node.id()).transactionId()));
                case DEPLOYMENT -> deploymentWriters(ledger, node.id());
                case ATTESTATION -> List.of(attestationWriter(ledger, node.id()));
                case ERASURE ->
                    List.of(new Writer(
                            node.id(), ERASURE, node.id().substring(node.id().lastIndexOf(':') + 1)));
                default -> unknown(node);
            };
        } catch (ProofTrailClientException | IllegalArgumentException | IndexOutOfBoundsException e) {
            if (LOG.isLoggable(Level.WARNING)) {
                LOG.log(Level.WARNING, "the writers of " + node.key() + " could not be read: " + e.getMessage(), e);
            }
            return List.of();
        }
    }

    private static List<Writer> artifactWriters(ProofTrail ledger, String id) {
        List<Writer> out = new ArrayList<>();
        for (HistoryEntry entry : ledger.history(id)) {
            String kind =
                    switch (entry.type()) {
                        case REGISTERED -> "registration";
                        case STATUS_CHANGED -> "status";
                        case VERIFIED -> "verification";
                        case UNEXPECTED_CHANGE -> "unexpected";
                    };
            out.add(new Writer(id, kind, entry.transactionId()));
        }
        return out;
    }

    private static List<Writer> deploymentWriters(ProofTrail ledger, String id) {
        List<Writer> out = new ArrayList<>();
        var deployment = ledger.getDeployment(id);
        out.add(new Writer(id, DEPLOYMENT, deployment.transactionId()));
        deployment
                .retirement()
                .ifPresent(retirement -> out.add(new Writer(id, "retirement", retirement.transactionId())));
        return out;
    }

    private static Writer attestationWriter(ProofTrail ledger, String id) {
        int colon = id.lastIndexOf(':');
        return new Writer(
                id,
                ATTESTATION,
                ledger.consentAttestation(id.substring(0, colon), Purpose.valueOf(id.substring(colon + 1)))
                        .transactionId());
    }

    private static List<Writer> unknown(LineageGraph.Node node) {
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.log(Level.WARNING, "lineage node type {0} is not bundled ({1})", new Object[] {node.type(), node.key()
            });
        }
        return List.of();
    }
}
