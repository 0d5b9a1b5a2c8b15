package org.prooftrail.chaincode.graph;

import java.util.List;

/**
 * What {@code lineage:Upstream} and {@code lineage:Downstream} return: the nodes and edges reached from the root
 * within the depth, sorted, and whether the walk stopped at the node budget before reaching the depth.
 */
public final class LineageGraph {
    private final String root;
    private final String direction;
    private final int depth;
    private final List<GraphNode> nodes;
    private final List<GraphEdge> edges;
    private final boolean truncated;
    private final boolean beyondDepth;

    LineageGraph(
            String root,
            String direction,
            int depth,
            List<GraphNode> nodes,
            List<GraphEdge> edges,
            boolean truncated,
            boolean beyondDepth) {
        this.root = root;
        this.direction = direction;
        this.depth = depth;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.truncated = truncated;
        this.beyondDepth = beyondDepth;
    }

    public String getRoot() {
        return root;
    }

    public String getDirection() {
        return direction;
    }

    public int getDepth() {
        return depth;
    }

    public List<GraphNode> getNodes() {
        return nodes;
    }

    public List<GraphEdge> getEdges() {
        return edges;
    }

    public boolean getTruncated() {
        return truncated;
    }

    /**
     * Whether the walk missed something: it stopped at the node budget, or (when asked to probe) nodes lie beyond
     * the depth. Not part of the JSON.
     */
    public boolean cutShort() {
        return truncated || beyondDepth;
    }
}
