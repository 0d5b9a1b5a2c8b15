package org.prooftrail.protocol;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 9162 inclusion proof: the leaf's index, the tree's size and the audit path from the leaf's sibling up to
 * the child of the root. Its JSON form, as {@code artifact:VerifyInclusion} takes it, is
 * {@code {"leafIndex": 3, "treeSize": 7, "path": ["sha256:…", …]}}.
 */
public final class InclusionProof {
    private final long leafIndex;
    private final long treeSize;
    private final List<Digest> path;

    public InclusionProof(long leafIndex, long treeSize, List<Digest> path) {
        this.leafIndex = leafIndex;
        this.treeSize = treeSize;
        this.path = List.copyOf(Objects.requireNonNull(path, "path"));
    }

    public long leafIndex() {
        return leafIndex;
    }

    public long treeSize() {
        return treeSize;
    }

    public List<Digest> path() {
        return path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InclusionProof that
                && leafIndex == that.leafIndex
                && treeSize == that.treeSize
                && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leafIndex, treeSize, path);
    }

    @Override
    public String toString() {
        return "InclusionProof[leafIndex=" + leafIndex + ", treeSize=" + treeSize + ", path=" + path + "]";
    }
}
