package org.prooftrail.chaincode.graph;

/**
 * A directed edge in the direction data flows: {@code derived} (parent to child artifact), {@code input},
 * {@code code}, {@code config} (artifact to run), {@code output} (run to artifact), {@code deployed} (model to
 * deployment).
 */
public final class GraphEdge {
    private final String from;
    private final String to;
    private final String relation;

    GraphEdge(String from, String to, String relation) {
        this.from = from;
        this.to = to;
        this.relation = relation;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public String getRelation() {
        return relation;
    }

    String sortKey() {
        return from + '\u0000' + to + '\u0000' + relation;
    }
}
