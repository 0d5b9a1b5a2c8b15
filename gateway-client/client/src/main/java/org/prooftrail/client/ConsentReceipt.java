package org.prooftrail.client;

import java.util.List;
import java.util.Objects;
import org.prooftrail.protocol.Purpose;

/**
 * The public trace of a consent grant or revocation ({@code consent:Grant}, {@code consent:Revoke}): no purposes and
 * no expiry, since a submitted transaction's answer stays in the block for every channel member.
 *
 * @param collection the owner's private data collection
 * @param staleAttestations the attestations this transaction made {@code STALE} (purpose and version)
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ConsentReceipt(
        String dataset,
        String collection,
        ConsentStatus status,
        String transactionId,
        List<StaleAttestation> staleAttestations,
        String json) {
    public ConsentReceipt {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(transactionId, "transactionId");
        staleAttestations = List.copyOf(staleAttestations);
        Objects.requireNonNull(json, "json");
    }

    /** An attestation version made {@code STALE}. */
    public record StaleAttestation(Purpose purpose, long version) {
        public StaleAttestation {
            Objects.requireNonNull(purpose, "purpose");
        }
    }
}
