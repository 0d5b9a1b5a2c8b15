package org.prooftrail.client;

import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Purpose;

/**
 * Whether a subject's inclusion proof holds against the public attestation ({@code consent:VerifyInclusion}); a
 * proof that does not hold is {@code included == false} with the reason.
 *
 * @param version the attestation version checked against
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ConsentInclusion(
        String dataset, Purpose purpose, long version, boolean included, Optional<String> reason, String json) {
    public ConsentInclusion {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(json, "json");
    }
}
