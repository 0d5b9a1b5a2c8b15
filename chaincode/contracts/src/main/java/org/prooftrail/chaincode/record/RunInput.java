package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/** An artifact a run trained on, with the digest the trainer saw. */
public final class RunInput {
    private final String id;
    private final String digest;
    private final Long consentVersion;

    public RunInput(
            @JsonProperty("id") String id,
            @JsonProperty("digest") String digest,
            @JsonProperty("consentVersion") Long consentVersion) {
        this.id = Objects.requireNonNull(id, "id");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.consentVersion = consentVersion;
    }

    /** The version of the input's TRAINING consent attestation the run relied on, if the input requires consent. */
    public Long getConsentVersion() {
        return consentVersion;
    }

    public RunInput withConsentVersion(long version) {
        return new RunInput(id, digest, version);
    }

    public String getId() {
        return id;
    }

    public String getDigest() {
        return digest;
    }
}
