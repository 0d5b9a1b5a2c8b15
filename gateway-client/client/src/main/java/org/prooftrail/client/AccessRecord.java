package org.prooftrail.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Purpose;

/**
 * A logged access ({@code access:Log}, {@code access:Logs}): who accessed which artifact for what, and whether the
 * grants allowed it.
 *
 * @param owner the artifact owner's MSP ID
 * @param accessor the accessing organisation's MSP ID
 * @param accessorId the accessing identity
 * @param reason why it was denied
 * @param note what the access was for, as the accessor said
 * @param json this record as the ledger returned it (keys sorted)
 */
public record AccessRecord(
        String artifact,
        String owner,
        String accessor,
        String accessorId,
        Purpose purpose,
        AccessDecision decision,
        Optional<String> reason,
        Optional<String> note,
        Instant at,
        String transactionId,
        String json) {
    public AccessRecord {
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(accessor, "accessor");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(json, "json");
    }

    public boolean allowed() {
        return decision == AccessDecision.ALLOWED;
    }
}
