package org.prooftrail.client;

import java.util.Objects;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;

/**
 * Whether a digest matches the registered one, as {@code artifact:Verify} answers, with the artifact's status.
 *
 * @param matches whether {@code actual} is the registered digest {@code expected}
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record VerificationOutcome(
        String id, boolean matches, Digest expected, Digest actual, ArtifactStatus status, String json) {
    public VerificationOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(json, "json");
    }
}
