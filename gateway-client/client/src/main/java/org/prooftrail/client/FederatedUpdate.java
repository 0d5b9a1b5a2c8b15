package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.prooftrail.protocol.Digest;

/**
 * A member's update in a federation round ({@code federation:SubmitUpdate}): its digest, the local datasets it was
 * trained on (with the digests seen and the consent attestation versions relied on) and the sample count.
 *
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record FederatedUpdate(
        String id,
        String federation,
        long round,
        String member,
        Digest digest,
        List<TrainingRun.Input> datasets,
        long samples,
        List<TrainingRun.ConsentReliance> consents,
        String submittedBy,
        Instant submittedAt,
        String transactionId,
        String json) {

    public FederatedUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(federation, "federation");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(digest, "digest");
        datasets = List.copyOf(datasets);
        consents = List.copyOf(consents);
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(json, "json");
    }
}
