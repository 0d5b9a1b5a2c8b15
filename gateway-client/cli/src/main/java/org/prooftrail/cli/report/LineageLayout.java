package org.prooftrail.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out a lineage graph left to right (sources first) with Eclipse ELK's layered algorithm: layers, crossing
 * minimisation and orthogonal edge routing. Node sizes come from their labels in a monospace font, so that the
 * layout fits the text without measuring fonts.
 */
final class LineageLayout {
    /** Width of one character of the labels' monospace font, in SVG units (0.6 em of a 12-unit font). */
    static final double CHAR_WIDTH = 7.2;

    static final double LINE_HEIGHT = 16;
    static final double PADDING = 10;
    static final int MAX_LABEL = 48;

    static {
        // Registered explicitly: a shaded jar's merged service files would do it too, but this does not depend on it.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private LineageLayout() {}

    /** A placed node: its top-left corner, size and the label lines it was sized for. */
    record Box(ReportModel.Node node, double x, double y, double width, double height, List<String> lines) {}

    /** A routed edge: its points from source to target. */
    record Route(ReportModel.Edge edge, List<double[]> points) {}

    /** The laid-out graph and its overall size. */
    record Laid(List<Box> boxes, List<Route> routes, double width, double height) {}

    static Laid layout(List<ReportModel.Node> nodes, List<ReportModel.Edge> edges) {
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        graph.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        graph.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(12));
        Map<String, ElkNode> placed = new LinkedHashMap<>();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (ReportModel.Node node : nodes) {
            List<String> label = label(node);
            int longest = label.stream().mapToInt(String::length).max().orElse(1);
            ElkNode elk = ElkGraphUtil.createNode(graph);
            elk.setIdentifier("n" + placed.size());
            elk.setDimensions(longest * CHAR_WIDTH + 2 * PADDING, label.size() * LINE_HEIGHT + 2 * PADDING - 4);
            placed.put(node.key(), elk);
            lines.put(node.key(), label);
        }
        Map<ElkEdge, ReportModel.Edge> routed = new LinkedHashMap<>();
        for (ReportModel.Edge edge : edges) {
            ElkNode from = placed.get(edge.from());
            ElkNode to = placed.get(edge.to());
            if (from != null && to != null) {
                routed.put(ElkGraphUtil.createSimpleEdge(from, to), edge);
            }
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
        List<Box> boxes = new ArrayList<>();
        for (ReportModel.Node node : nodes) {
            ElkNode elk = placed.get(node.key());
            boxes.add(new Box(node, elk.getX(), elk.getY(), elk.getWidth(), elk.getHeight(), lines.get(node.key())));
        }
        List<Route> routes = new ArrayList<>();
        routed.forEach((elk, edge) -> {
            List<double[]> points = new ArrayList<>();
            for (ElkEdgeSection section : elk.getSections()) {
                points.add(new double[] {section.getStartX(), section.getStartY()});
                section.getBendPoints().forEach(bend -> points.add(new double[] {bend.getX(), bend.getY()}));
                points.add(new double[] {section.getEndX(), section.getEndY()});
            }
            routes.add(new Route(edge, points));
        });
        KVector size = new KVector(graph.getWidth(), graph.getHeight());
        return new Laid(boxes, routes, Math.max(size.x, 1), Math.max(size.y, 1));
    }

    /** The node's label lines: its type and id, then its details; each cut to {@link #MAX_LABEL} characters. */
    static List<String> label(ReportModel.Node node) {
        List<String> label = new ArrayList<>();
        label.add(cut(node.type() + " " + node.id()));
        if (!node.details().isEmpty()) {
            label.add(cut(String.join(" · ", node.details())));
        }
        return label;
    }

    private static String cut(String text) {
        return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
    }
}
