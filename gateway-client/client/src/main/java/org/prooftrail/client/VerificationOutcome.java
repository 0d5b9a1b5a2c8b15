package org.prooftrail.client;

import java.util.Objects;
import org.prooftrail.protocol.ArtifactStatus;

/** Whether a local digest matches the registered one, as {@code artifact:Verify} answers. */
public final class VerificationOutcome {
    private final JsonDocument json;

    VerificationOutcome(JsonDocument json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    public String id() {
        return json.string("id");
    }

    public boolean matches() {
        return json.bool("match");
    }

    public String expected() {
        return json.string("expected");
    }

    public String actual() {
        return json.string("actual");
    }

    public ArtifactStatus status() {
        return ArtifactStatus.valueOf(json.string("status"));
    }

    public JsonDocument json() {
        return json;
    }
}
