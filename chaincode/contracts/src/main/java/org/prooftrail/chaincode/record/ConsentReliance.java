package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/**
 * That a training run relied on version {@code version} of a dataset's consent attestation for {@code purpose}: the
 * dataset may be a direct input or any governed ancestor of one. Compliance reads it to tell whether that promise
 * still holds (a later STALE or REVOKED status of the same version); it never changes once recorded.
 */
public final class ConsentReliance {
    private final String dataset;
    private final String purpose;
    private final long version;

    public ConsentReliance(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("version") long version) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.version = version;
    }

    public String getDataset() {
        return dataset;
    }

    public String getPurpose() {
        return purpose;
    }

    public long getVersion() {
        return version;
    }
}
