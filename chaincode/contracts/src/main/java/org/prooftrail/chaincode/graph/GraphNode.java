package org.prooftrail.chaincode.graph;

/**
 * A node of a lineage graph: an artifact, a run or a deployment. {@code key} ({@code type:id}) is unique across
 * types, since an artifact and a run may share an id; the other fields describe the node.
 */
public final class GraphNode {
    private final String key;
    private final String type;
    private final String id;
    private final String kind;
    private final String digest;
    private final String owner;
    private final String status;
    private final String environment;

    GraphNode(String type, String id, String kind, String digest, String owner, String status, String environment) {
        this.key = type + ":" + id;
        this.type = type;
        this.id = id;
        this.kind = kind;
        this.digest = digest;
        this.owner = owner;
        this.status = status;
        this.environment = environment;
    }

    public String getKey() {
        return key;
    }

    public String getType() {
        return type;
    }

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getDigest() {
        return digest;
    }

    public String getOwner() {
        return owner;
    }

    public String getStatus() {
        return status;
    }

    public String getEnvironment() {
        return environment;
    }
}
