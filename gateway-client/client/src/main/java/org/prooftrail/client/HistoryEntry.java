package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * One entry of an artifact's history ({@code artifact:History}). Which fields are present depends on the
 * {@link Type}: a registration has the digest and owner, a status change the new status and reason, a verification
 * the digest seen, {@code match} and the purpose, an unexpected change the fields that differ.
 *
 * @param by the submitter's identity (absent for an unexpected change)
 * @param org the submitter's MSP ID (absent for an unexpected change)
 * @param digest the registered digest, or for a verification the digest seen
 * @param status the status set, or for a verification the artifact's status then
 * @param reason the status change's reason, or a verification's note
 * @param match for a verification: whether the digest seen matched
 * @param purpose for a verification: what the copy was checked for
 * @param differences for an unexpected change: the fields that differ from the registration, or {@code deleted}
 * @param json this entry as the ledger returned it (keys sorted)
 */
public record HistoryEntry(
        Type type,
        String transactionId,
        Instant timestamp,
        Optional<String> by,
        Optional<String> org,
        Optional<Digest> digest,
        Optional<ArtifactStatus> status,
        Optional<String> reason,
        Optional<Boolean> match,
        Optional<Purpose> purpose,
        boolean tampered,
        List<String> differences,
        String json) {

    /** What happened. */
    public enum Type {
        REGISTERED,
        STATUS_CHANGED,
        VERIFIED,
        /** A version of the record's key written outside the chaincode's rules (see docs/trust-model.md). */
        UNEXPECTED_CHANGE
    }

    public HistoryEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(purpose, "purpose");
        differences = List.copyOf(differences);
        Objects.requireNonNull(json, "json");
    }
}
