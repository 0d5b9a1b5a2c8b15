package org.prooftrail.client.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification of one bundled record: who wrote it, when, in which transaction and block, and each named
 * {@link Check} in the order of {@link Check#NAMES}. A report renders exactly this.
 *
 * @param key the state key the record claims, written for people ({@code artifact/ID})
 * @param creatorMspId the MSP ID of the transaction's creator (empty when the transaction could not be read)
 * @param creatorSubject the subject of the creator's certificate (RFC 2253)
 * @param timestamp the transaction's timestamp (its channel header)
 */
public record RecordVerification(
        String id,
        String kind,
        String key,
        String transactionId,
        long blockNumber,
        Optional<String> creatorMspId,
        Optional<String> creatorSubject,
        Optional<Instant> timestamp,
        List<Check> checks) {
    public RecordVerification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(creatorMspId, "creatorMspId");
        Objects.requireNonNull(creatorSubject, "creatorSubject");
        Objects.requireNonNull(timestamp, "timestamp");
        checks = List.copyOf(checks);
    }

    /** Whether every check held. */
    public boolean ok() {
        return checks.stream().allMatch(Check::ok);
    }

    /** The checks that failed, in order. */
    public List<Check> failures() {
        return checks.stream().filter(check -> !check.ok()).toList();
    }

    /** The check of this name. */
    public Optional<Check> check(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst();
    }
}
