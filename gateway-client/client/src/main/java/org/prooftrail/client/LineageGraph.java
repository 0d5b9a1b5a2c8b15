package org.prooftrail.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A lineage graph ({@code lineage:Upstream}, {@code lineage:Downstream}): the nodes reached from {@code root} and
 * the edges between them.
 *
 * @param root the key of the node asked about ({@code artifact:ID}, {@code run:ID}, ...)
 * @param truncated whether the walk stopped at the bound of nodes an answer holds
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record LineageGraph(
        String root,
        Direction direction,
        long depth,
        List<Node> nodes,
        List<Edge> edges,
        boolean truncated,
        String json) {
    public LineageGraph {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(direction, "direction");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Objects.requireNonNull(json, "json");
    }

    /** Which way the walk went. */
    public enum Direction {
        UPSTREAM,
        DOWNSTREAM;

        /** The wire name: {@code upstream} or {@code downstream}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A node: {@code key} is {@code type:id}; {@code type} is {@code artifact}, {@code run}, {@code deployment},
     * {@code attestation} or {@code erasure} (kept as text, so a newer chaincode's node types still read);
     * {@code status} is the node's own status (an artifact's, a deployment's, an attestation's).
     */
    public record Node(
            String key,
            String type,
            String id,
            Optional<String> kind,
            Optional<String> digest,
            Optional<String> owner,
            Optional<String> status,
            Optional<String> environment) {
        public Node {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(environment, "environment");
        }
    }

    /**
     * An edge between node keys; {@code relation} is {@code derived}, {@code input}, {@code code}, {@code config},
     * {@code output}, {@code deployed}, {@code consent} or {@code counted-in}.
     */
    public record Edge(String from, String to, String relation) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(relation, "relation");
        }
    }
}
