package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/** The Merkle root of a directory or a chunked file, and how many leaves the tree has. */
public final class MerkleRef {
    private final String root;
    private final long leaves;

    public MerkleRef(@JsonProperty("root") String root, @JsonProperty("leaves") long leaves) {
        this.root = Objects.requireNonNull(root, "root");
        this.leaves = leaves;
    }

    public String getRoot() {
        return root;
    }

    public long getLeaves() {
        return leaves;
    }
}
