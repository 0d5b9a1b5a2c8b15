package org.prooftrail.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;

/** What {@link ProofTrail#register} records: an artifact's id, kind and fingerprint, and what it derives from. */
public final class Registration {
    private final String id;
    private final ArtifactKind kind;
    private final Digest digest;
    private final Long size;
    private final String uri;
    private final Digest merkleRoot;
    private final long merkleLeaves;
    private final List<String> parents;
    private final Map<String, String> metadata;
    private final boolean requiresConsent;

    private Registration(Builder builder) {
        this.requiresConsent = builder.requiresConsent;
        this.id = Objects.requireNonNull(builder.id, "id");
        this.kind = Objects.requireNonNull(builder.kind, "kind");
        this.digest = Objects.requireNonNull(builder.digest, "digest");
        this.size = builder.size;
        this.uri = builder.uri;
        this.merkleRoot = builder.merkleRoot;
        this.merkleLeaves = builder.merkleLeaves;
        this.parents = List.copyOf(builder.parents);
        this.metadata = new TreeMap<>(builder.metadata);
    }

    public static Builder builder(String id, ArtifactKind kind, Digest digest) {
        return new Builder(id, kind, digest);
    }

    public String id() {
        return id;
    }

    public ArtifactKind kind() {
        return kind;
    }

    public Digest digest() {
        return digest;
    }

    public Optional<Long> size() {
        return Optional.ofNullable(size);
    }

    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    public Optional<Digest> merkleRoot() {
        return Optional.ofNullable(merkleRoot);
    }

    public long merkleLeaves() {
        return merkleLeaves;
    }

    public List<String> parents() {
        return parents;
    }

    public Map<String, String> metadata() {
        return new TreeMap<>(metadata);
    }

    public boolean requiresConsent() {
        return requiresConsent;
    }

    /** The {@code artifact:Register} argument. */
    Map<String, Object> toArgument() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("kind", kind.name());
        json.put("digest", digest.toString());
        if (size != null) {
            json.put("size", size);
        }
        if (uri != null) {
            json.put("uri", uri);
        }
        if (merkleRoot != null) {
            json.put("merkle", Map.of("root", merkleRoot.toString(), "leaves", merkleLeaves));
        }
        if (!parents.isEmpty()) {
            json.put("parents", parents);
        }
        if (!metadata.isEmpty()) {
            json.put("metadata", metadata);
        }
        if (requiresConsent) {
            json.put("requiresConsent", true);
        }
        return json;
    }

    /** Builds a {@link Registration}; required values are named in the factory, nulls rejected by name. */
    public static final class Builder {
        private final String id;
        private final ArtifactKind kind;
        private final Digest digest;
        private Long size;
        private String uri;
        private Digest merkleRoot;
        private long merkleLeaves;
        private final List<String> parents = new ArrayList<>();
        private final Map<String, String> metadata = new TreeMap<>();
        private boolean requiresConsent;

        private Builder(String id, ArtifactKind kind, Digest digest) {
            this.id = Objects.requireNonNull(id, "id");
            this.kind = Objects.requireNonNull(kind, "kind");
            this.digest = Objects.requireNonNull(digest, "digest");
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        public Builder merkle(Digest root, long leaves) {
            this.merkleRoot = Objects.requireNonNull(root, "root");
            this.merkleLeaves = leaves;
            return this;
        }

        public Builder parent(String parent) {
            parents.add(Objects.requireNonNull(parent, "parent"));
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Marks a dataset that may be trained on only under a current consent attestation. */
        public Builder requiresConsent() {
            this.requiresConsent = true;
            return this;
        }

        public Registration build() {
            return new Registration(this);
        }
    }
}
