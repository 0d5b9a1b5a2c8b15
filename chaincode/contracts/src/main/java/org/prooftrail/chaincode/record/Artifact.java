package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A registered artifact: what the registrant submitted plus who, when and in which transaction. Never changes
 * after registration; its status lives in {@link ArtifactState} under its own key.
 */
public final class Artifact {
    private final String id;
    private final String kind;
    private final String digest;
    private final Long size;
    private final String uri;
    private final MerkleRef merkle;
    private final List<String> parents;
    private final SortedMap<String, String> metadata;
    private final String owner;
    private final String registeredBy;
    private final String registeredAt;
    private final String txId;
    private final Boolean requiresConsent;
    private final List<String> consentFrom;

    public Artifact(
            @JsonProperty("id") String id,
            @JsonProperty("kind") String kind,
            @JsonProperty("digest") String digest,
            @JsonProperty("size") Long size,
            @JsonProperty("uri") String uri,
            @JsonProperty("merkle") MerkleRef merkle,
            @JsonProperty("parents") List<String> parents,
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("owner") String owner,
            @JsonProperty("registeredBy") String registeredBy,
            @JsonProperty("registeredAt") String registeredAt,
            @JsonProperty("txId") String txId,
            @JsonProperty("requiresConsent") Boolean requiresConsent,
            @JsonProperty("consentFrom") List<String> consentFrom) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.size = size;
        this.uri = uri;
        this.merkle = merkle;
        this.parents = parents == null ? List.of() : List.copyOf(parents);
        this.metadata = metadata == null ? new TreeMap<>() : new TreeMap<>(metadata);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.registeredBy = Objects.requireNonNull(registeredBy, "registeredBy");
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        this.txId = Objects.requireNonNull(txId, "txId");
        this.requiresConsent = Boolean.TRUE.equals(requiresConsent) ? Boolean.TRUE : null;
        this.consentFrom = consentFrom == null || consentFrom.isEmpty() ? null : List.copyOf(consentFrom);
    }

    /**
     * The consent-requiring datasets this artifact derives from through its parents (transitively), sorted: their
     * consent governs it too. Absent when none, so artifacts without such an ancestry keep their first-wave bytes.
     */
    public List<String> getConsentFrom() {
        return consentFrom;
    }

    /** {@link #getConsentFrom()}, never null. */
    public List<String> consentSources() {
        return consentFrom == null ? List.of() : consentFrom;
    }

    /** Whether its own consent or an ancestor's governs it. */
    public boolean governedByConsent() {
        return Boolean.TRUE.equals(requiresConsent) || consentFrom != null;
    }

    /** True for a dataset that may be trained on only under a current consent attestation; else absent. */
    public Boolean getRequiresConsent() {
        return requiresConsent;
    }

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getDigest() {
        return digest;
    }

    public Long getSize() {
        return size;
    }

    public String getUri() {
        return uri;
    }

    public MerkleRef getMerkle() {
        return merkle;
    }

    public List<String> getParents() {
        return parents;
    }

    public SortedMap<String, String> getMetadata() {
        return new TreeMap<>(metadata);
    }

    public String getOwner() {
        return owner;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }

    public String getRegisteredAt() {
        return registeredAt;
    }

    public String getTxId() {
        return txId;
    }
}
