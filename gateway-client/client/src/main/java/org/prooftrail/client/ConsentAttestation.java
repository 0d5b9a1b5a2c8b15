package org.prooftrail.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * A dataset's public consent attestation for a purpose ({@code consent:Attest}, {@code GetAttestation},
 * {@code RevokeAttestation}): how many subjects consented and the Merkle root of their references.
 *
 * @param validUntil the earliest expiry of a counted consent (absent when nothing is counted)
 * @param reason why it was revoked
 * @param staleReason why it became {@code STALE}, with {@code staleTxId} and {@code staleAt}
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ConsentAttestation(
        String dataset,
        Purpose purpose,
        String owner,
        long count,
        Digest root,
        Optional<Instant> validUntil,
        long version,
        AttestationStatus status,
        Optional<String> reason,
        String attestedBy,
        Instant attestedAt,
        String transactionId,
        Optional<String> staleReason,
        Optional<String> staleTxId,
        Optional<Instant> staleAt,
        String json) {
    public ConsentAttestation {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(attestedAt, "attestedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(staleReason, "staleReason");
        Objects.requireNonNull(staleTxId, "staleTxId");
        Objects.requireNonNull(staleAt, "staleAt");
        Objects.requireNonNull(json, "json");
    }
}
