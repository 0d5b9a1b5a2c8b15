package org.prooftrail.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * A recorded check of a local copy ({@code artifact:RecordVerification}): the digest seen, the registered one,
 * whether they matched (decided by the chaincode), what for, the artifact's status then, and who checked when.
 *
 * @param json this record as the ledger returned it (keys sorted)
 */
public record VerificationRecord(
        String id,
        Digest digestSeen,
        Digest expected,
        boolean matches,
        Purpose purpose,
        Optional<String> note,
        ArtifactStatus status,
        String verifiedBy,
        String verifierOrg,
        Instant verifiedAt,
        String transactionId,
        String json) {
    public VerificationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(digestSeen, "digestSeen");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(json, "json");
    }
}
