package org.prooftrail.chaincode.lineage;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/** An artifact a run trained on, with the digest the trainer saw. */
public final class RunInput {
    private final String id;
    private final String digest;

    public RunInput(@JsonProperty("id") String id, @JsonProperty("digest") String digest) {
        this.id = Objects.requireNonNull(id, "id");
        this.digest = Objects.requireNonNull(digest, "digest");
    }

    public String getId() {
        return id;
    }

    public String getDigest() {
        return digest;
    }
}
