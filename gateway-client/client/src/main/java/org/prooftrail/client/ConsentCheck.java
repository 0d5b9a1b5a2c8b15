package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Purpose;

/**
 * Whether a subject consents to a purpose on a dataset now ({@code consent:Check}, on the owner's peer only).
 *
 * @param status the subject's consent record, {@code NONE} without one
 * @param expiresAt the record's expiry, if there is a record
 * @param purposes the purposes the record covers
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ConsentCheck(
        String dataset,
        Purpose purpose,
        boolean consented,
        ConsentStatus status,
        Optional<Instant> expiresAt,
        List<Purpose> purposes,
        String json) {
    public ConsentCheck {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(json, "json");
    }
}
