package org.prooftrail.client;

import java.util.List;
import java.util.Objects;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * A proof that one subject is counted in a dataset's current consent attestation ({@code consent:Prove}), which
 * anyone can check with {@link ProofTrail#verifyConsentInclusion} without learning the other subjects.
 *
 * @param json the proof as JSON (keys sorted): the document {@code prooftrail consent prove} prints
 */
public record ConsentProof(
        String dataset,
        Purpose purpose,
        long version,
        Digest root,
        Digest leafDigest,
        long leafIndex,
        long treeSize,
        List<Digest> path,
        String json) {
    public ConsentProof {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(leafDigest, "leafDigest");
        path = List.copyOf(path);
        Objects.requireNonNull(json, "json");
    }
}
