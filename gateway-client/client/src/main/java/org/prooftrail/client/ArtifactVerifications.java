package org.prooftrail.client;

import java.util.List;
import java.util.Objects;

/**
 * Every recorded verification of an artifact ({@code artifact:Verifications}), oldest first, mismatches included.
 *
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ArtifactVerifications(String id, List<VerificationRecord> verifications, String json) {
    public ArtifactVerifications {
        Objects.requireNonNull(id, "id");
        verifications = List.copyOf(verifications);
        Objects.requireNonNull(json, "json");
    }
}
