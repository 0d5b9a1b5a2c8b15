package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public receipt of an erasure ({@code consent:Erase}, {@code consent:GetErasure}): it proves the purged record
 * had existed without holding it.
 *
 * @param id the receipt's id, {@code erasure:DATASET:TXID}
 * @param keyHash the hash Fabric kept of the purged record's key
 * @param valueHash the hash Fabric kept of its value
 * @param attestations the attestation versions that may have counted the subject
 * @param erasedByOrg the erasing organisation's MSP ID
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ErasureReceipt(
        String id,
        String dataset,
        String collection,
        String keyHash,
        String valueHash,
        List<String> attestations,
        Optional<String> reason,
        String erasedBy,
        String erasedByOrg,
        Instant erasedAt,
        String transactionId,
        String json) {
    public ErasureReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dataset, "dataset");
        attestations = List.copyOf(attestations);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(json, "json");
    }
}
