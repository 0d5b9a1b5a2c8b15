package org.prooftrail.chaincode.ledger;

import java.util.ArrayList;
import java.util.List;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.ProofTrailException;

/** Reads an inclusion proof argument: {@code {"leafIndex": i, "treeSize": n, "path": ["sha256:…", …]}}. */
public final class ProofInput {
    /** Deeper than any tree of 2^64 leaves. */
    public static final int MAX_PATH = 64;

    private ProofInput() {}

    public static InclusionProof parse(String json) {
        JsonInput in = JsonInput.parse("proof", json);
        long index = in.optionalLong("leafIndex")
                .orElseThrow(() -> ProofTrailException.invalid("proof.leafIndex is required"));
        long size = in.optionalLong("treeSize")
                .orElseThrow(() -> ProofTrailException.invalid("proof.treeSize is required"));
        if (size < 1 || index < 0 || index >= size) {
            throw ProofTrailException.invalid("proof.leafIndex must be at least 0 and below proof.treeSize (" + size
                    + "), and treeSize at least 1");
        }
        List<String> pathText = in.stringList("path");
        if (pathText.size() > MAX_PATH) {
            throw ProofTrailException.invalid("proof.path has more than " + MAX_PATH + " entries");
        }
        List<Digest> path = new ArrayList<>();
        for (int i = 0; i < pathText.size(); i++) {
            path.add(Digest.parse("proof.path[" + i + "]", pathText.get(i)));
        }
        in.rejectUnknownFields();
        return new InclusionProof(index, size, path);
    }
}
