package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The public proof that a consent record existed and was purged: which dataset and collection, the hash of its key
 * and of its last value as Fabric kept them on the channel, who erased it and when, and which attestation versions
 * may have counted it (those attested while it was granted), so that lineage can list the runs that relied on them.
 */
public final class ErasureReceipt {
    private final String id;
    private final String dataset;
    private final String collection;
    private final String keyHash;
    private final String valueHash;
    private final List<String> attestations;
    private final String reason;
    private final String erasedBy;
    private final String erasedByOrg;
    private final String erasedAt;
    private final String txId;

    public ErasureReceipt(
            @JsonProperty("id") String id,
            @JsonProperty("dataset") String dataset,
            @JsonProperty("collection") String collection,
            @JsonProperty("keyHash") String keyHash,
            @JsonProperty("valueHash") String valueHash,
            @JsonProperty("attestations") List<String> attestations,
            @JsonProperty("reason") String reason,
            @JsonProperty("erasedBy") String erasedBy,
            @JsonProperty("erasedByOrg") String erasedByOrg,
            @JsonProperty("erasedAt") String erasedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.collection = Objects.requireNonNull(collection, "collection");
        this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
        this.valueHash = Objects.requireNonNull(valueHash, "valueHash");
        this.attestations = List.copyOf(attestations == null ? List.of() : attestations);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.erasedBy = Objects.requireNonNull(erasedBy, "erasedBy");
        this.erasedByOrg = Objects.requireNonNull(erasedByOrg, "erasedByOrg");
        this.erasedAt = Objects.requireNonNull(erasedAt, "erasedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getId() {
        return id;
    }

    public String getDataset() {
        return dataset;
    }

    public String getCollection() {
        return collection;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getValueHash() {
        return valueHash;
    }

    /** {@code PURPOSE:version} of every attestation that may have counted the erased consent. */
    public List<String> getAttestations() {
        return attestations;
    }

    public String getReason() {
        return reason;
    }

    public String getErasedBy() {
        return erasedBy;
    }

    public String getErasedByOrg() {
        return erasedByOrg;
    }

    public String getErasedAt() {
        return erasedAt;
    }

    public String getTxId() {
        return txId;
    }
}
