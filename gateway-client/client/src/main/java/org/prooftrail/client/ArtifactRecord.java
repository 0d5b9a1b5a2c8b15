package org.prooftrail.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;

/** A registered artifact as {@code artifact:Get} returns it: the registration and its current status. */
public final class ArtifactRecord {
    private final JsonDocument json;

    ArtifactRecord(JsonDocument json) {
        this.json = Objects.requireNonNull(json, "json");
        json.object();
    }

    public String id() {
        return json.string("id");
    }

    public ArtifactKind kind() {
        return ArtifactKind.valueOf(json.string("kind"));
    }

    public Digest digest() {
        return Digest.parse("digest", json.string("digest"));
    }

    public ArtifactStatus status() {
        return ArtifactStatus.valueOf(json.string("status"));
    }

    /** The MSP ID of the organisation that registered it. */
    public String owner() {
        return json.string("owner");
    }

    public String registeredBy() {
        return json.string("registeredBy");
    }

    public String registeredAt() {
        return json.string("registeredAt");
    }

    public String transactionId() {
        return json.string("txId");
    }

    public Optional<String> uri() {
        return Optional.ofNullable(json.string("uri"));
    }

    @SuppressWarnings("unchecked")
    public Optional<Digest> merkleRoot() {
        Object merkle = json.object().get("merkle");
        if (merkle instanceof Map<?, ?> map) {
            return Optional.of(Digest.parse("merkle.root", String.valueOf(((Map<String, Object>) map).get("root"))));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public List<String> parents() {
        Object parents = json.object().get("parents");
        return parents instanceof List<?> list ? List.copyOf((List<String>) list) : List.of();
    }

    /** The JSON as the chaincode returned it. */
    public JsonDocument json() {
        return json;
    }
}
