package org.prooftrail.client;

import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;

/**
 * Whether a leaf is in an artifact's registered Merkle tree ({@code artifact:VerifyInclusion}). A proof that does
 * not hold is {@code included == false} with the reason, not an error.
 *
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record InclusionCheck(
        String id,
        boolean included,
        Optional<Digest> root,
        Digest leafDigest,
        long leafIndex,
        long treeSize,
        Optional<String> reason,
        String json) {
    public InclusionCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(leafDigest, "leafDigest");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(json, "json");
    }
}
