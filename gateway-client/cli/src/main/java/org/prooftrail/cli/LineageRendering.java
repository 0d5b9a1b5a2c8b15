package org.prooftrail.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Draws a lineage graph ({@code nodes}, {@code edges}) as an indented tree, Graphviz dot or Mermaid. */
final class LineageRendering {
    private LineageRendering() {}

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> nodes(Map<String, Object> graph) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        for (Object node : (List<Object>) graph.get("nodes")) {
            Map<String, Object> n = (Map<String, Object>) node;
            nodes.put((String) n.get("key"), n);
        }
        return nodes;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> edges(Map<String, Object> graph) {
        List<Map<String, Object>> edges = new ArrayList<>();
        for (Object edge : (List<Object>) graph.get("edges")) {
            edges.add((Map<String, Object>) edge);
        }
        return edges;
    }

    static String label(Map<String, Object> node) {
        StringBuilder label =
                new StringBuilder().append(node.get("type")).append(' ').append(node.get("id"));
        List<String> details = new ArrayList<>();
        for (String key : List.of("kind", "status", "owner", "environment")) {
            if (node.get(key) != null) {
                details.add(String.valueOf(node.get(key)));
            }
        }
        if (!details.isEmpty()) {
            label.append(" [").append(String.join(", ", details)).append(']');
        }
        return label.toString();
    }

    static String tree(Map<String, Object> graph) {
        Map<String, Map<String, Object>> nodes = nodes(graph);
        boolean downstream = "downstream".equals(graph.get("direction"));
        Map<String, List<String[]>> children = new LinkedHashMap<>();
        for (Map<String, Object> edge : edges(graph)) {
            String from = (String) (downstream ? edge.get("from") : edge.get("to"));
            String to = (String) (downstream ? edge.get("to") : edge.get("from"));
            children.computeIfAbsent(from, k -> new ArrayList<>())
                    .add(new String[] {to, (String) edge.get("relation")});
        }
        StringBuilder out = new StringBuilder();
        String root = (String) graph.get("root");
        out.append(label(nodes.get(root))).append('\n');
        walk(root, "", children, nodes, new HashSet<>(Set.of(root)), out);
        if (Boolean.TRUE.equals(graph.get("truncated"))) {
            out.append("(truncated: more nodes than one answer holds)\n");
        }
        return out.toString();
    }

    private static void walk(
            String node,
            String indent,
            Map<String, List<String[]>> children,
            Map<String, Map<String, Object>> nodes,
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

    static String dot(Map<String, Object> graph) {
        StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
        for (Map<String, Object> node : nodes(graph).values()) {
            String shape =
                    switch (String.valueOf(node.get("type"))) {
                        case "run" -> "box";
                        case "deployment" -> "doubleoctagon";
                        default -> "ellipse";
                    };
            out.append("  \"")
                    .append(escape((String) node.get("key")))
                    .append("\" [label=\"")
                    .append(escape(label(node)))
                    .append("\", shape=")
                    .append(shape)
                    .append("];\n");
        }
        for (Map<String, Object> edge : edges(graph)) {
            out.append("  \"")
                    .append(escape((String) edge.get("from")))
                    .append("\" -> \"")
                    .append(escape((String) edge.get("to")))
                    .append("\" [label=\"")
                    .append(edge.get("relation"))
                    .append("\"];\n");
        }
        return out.append("}\n").toString();
    }

    static String mermaid(Map<String, Object> graph) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map<String, Object> node : nodes(graph).values()) {
            String id = "n" + ids.size();
            ids.put((String) node.get("key"), id);
            out.append("  ")
                    .append(id)
                    .append("[\"")
                    .append(label(node).replace("\"", "'"))
                    .append("\"]\n");
        }
        for (Map<String, Object> edge : edges(graph)) {
            out.append("  ")
                    .append(ids.get(edge.get("from")))
                    .append(" -->|")
                    .append(edge.get("relation"))
                    .append("| ")
                    .append(ids.get(edge.get("to")))
                    .append('\n');
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
