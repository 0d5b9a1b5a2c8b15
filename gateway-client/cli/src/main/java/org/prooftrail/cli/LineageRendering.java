package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.LineageGraph.Edge;
import org.prooftrail.client.LineageGraph.Node;

/** Draws a lineage graph as an indented tree, Graphviz dot or Mermaid. */
final class LineageRendering {
    private LineageRendering() {}

    private static Map<String, Node> nodes(LineageGraph graph) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Node node : graph.nodes()) {
            nodes.put(node.key(), node);
        }
        return nodes;
    }

    static String label(Node node) {
        StringBuilder label =
                new StringBuilder().append(node.type()).append(' ').append(node.id());
        List<String> details = new ArrayList<>();
        for (Optional<String> detail : List.of(node.kind(), node.status(), node.owner(), node.environment())) {
            detail.ifPresent(details::add);
        }
        if (!details.isEmpty()) {
            label.append(" [").append(String.join(", ", details)).append(']');
        }
        return label.toString();
    }

    static String tree(LineageGraph graph) {
        Map<String, Node> nodes = nodes(graph);
        boolean downstream = graph.direction() == LineageGraph.Direction.DOWNSTREAM;
        Map<String, List<String[]>> children = new LinkedHashMap<>();
        for (Edge edge : graph.edges()) {
            String from = downstream ? edge.from() : edge.to();
            String to = downstream ? edge.to() : edge.from();
            children.computeIfAbsent(from, k -> new ArrayList<>()).add(new String[] {to, edge.relation()});
        }
        StringBuilder out = new StringBuilder();
        String root = graph.root();
        out.append(label(nodes.get(root))).append('\n');
        walk(root, "", children, nodes, new HashSet<>(Set.of(root)), out);
        if (graph.truncated()) {
            out.append("(truncated: more nodes than one answer holds)\n");
        }
        return out.toString();
    }

    private static void walk(
            String node,
            String indent,
            Map<String, List<String[]>> children,
            Map<String, Node> nodes,
            Set<String> seen,
            StringBuilder out) {
        List<String[]> next = children.getOrDefault(node, List.of());
        for (int i = 0; i < next.size(); i++) {
            boolean last = i == next.size() - 1;
            String[] child = next.get(i);
            out.append(indent).append(last ? "└─ " : "├─ ").append(child[1]).append(": ");
            out.append(label(nodes.get(child[0])));
            if (!seen.add(child[0])) {
                out.append(" (shown above)\n");
                continue;
            }
            out.append('\n');
            walk(child[0], indent + (last ? "   " : "│  "), children, nodes, seen, out);
        }
    }

    static String dot(LineageGraph graph) {
        StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
        for (Node node : nodes(graph).values()) {
            String shape =
                    switch (node.type()) {
                        case "run" -> "box";
                        case "deployment" -> "doubleoctagon";
                        default -> "ellipse";
                    };
            out.append("  \"")
                    .append(escape(node.key()))
                    .append("\" [label=\"")
                    .append(escape(label(node)))
                    .append("\", shape=")
                    .append(shape)
                    .append("];\n");
        }
        for (Edge edge : graph.edges()) {
            out.append("  \"")
                    .append(escape(edge.from()))
                    .append("\" -> \"")
                    .append(escape(edge.to()))
                    .append("\" [label=\"")
                    .append(edge.relation())
                    .append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    static String mermaid(LineageGraph graph) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (Node node : nodes(graph).values()) {
            String id = "n" + ids.size();
            ids.put(node.key(), id);
            out.append("  ")
                    .append(id)
                    .append("[\"")
                    .append(label(node).replace("\"", "'"))
                    .append("\"]\n");
        }
        for (Edge edge : graph.edges()) {
            out.append("  ")
                    .append(ids.get(edge.from()))
                    .append(" -->|")
                    .append(edge.relation())
                    .append("| ")
                    .append(ids.get(edge.to()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
