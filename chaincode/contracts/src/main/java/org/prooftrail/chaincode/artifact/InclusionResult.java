package org.prooftrail.chaincode.artifact;

/** What {@code artifact:VerifyInclusion} returns: whether the leaf is in the artifact's registered Merkle tree. */
public final class InclusionResult {
    private final String id;
    private final boolean included;
    private final String root;
    private final String leafDigest;
    private final long leafIndex;
    private final long treeSize;
    private final String reason;

    InclusionResult(
            String id, boolean included, String root, String leafDigest, long leafIndex, long treeSize, String reason) {
        this.id = id;
        this.included = included;
        this.root = root;
        this.leafDigest = leafDigest;
        this.leafIndex = leafIndex;
        this.treeSize = treeSize;
        this.reason = reason;
    }

    public String getId() {
        return id;
    }

    public boolean getIncluded() {
        return included;
    }

    public String getRoot() {
        return root;
    }

    public String getLeafDigest() {
        return leafDigest;
    }

    public long getLeafIndex() {
        return leafIndex;
    }

    public long getTreeSize() {
        return treeSize;
    }

    /** Why the proof failed, or null when it holds. */
    public String getReason() {
        return reason;
    }
}
