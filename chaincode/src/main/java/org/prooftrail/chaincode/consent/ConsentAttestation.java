package org.prooftrail.chaincode.consent;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.prooftrail.protocol.Merkle;

/**
 * The public statement of how many subjects consent to a purpose on a dataset, and the Merkle root over their
 * references (sorted, each leaf the RFC 9162 leaf hash of the 32 reference bytes), so that one subject's inclusion
 * can be proved without revealing the others. Versioned: each attestation replaces the previous one.
 */
public final class ConsentAttestation {
    public static final String ACTIVE = "ACTIVE";
    public static final String REVOKED = "REVOKED";
    /**
     * A consent it counted was revoked, erased or has expired since: the promise no longer holds, and the training
     * gate refuses it until the owner attests again. Same version as the ACTIVE one it replaces.
     */
    public static final String STALE = "STALE";
    /** The placeholder a consent-requiring dataset is registered with: nothing attested yet. */
    public static final String NONE = "NONE";

    private final String dataset;
    private final String purpose;
    private final String owner;
    private final long count;
    private final String root;
    private final String validUntil;
    private final long version;
    private final String status;
    private final String reason;
    private final String attestedBy;
    private final String attestedAt;
    private final String txId;

    public ConsentAttestation(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("owner") String owner,
            @JsonProperty("count") long count,
            @JsonProperty("root") String root,
            @JsonProperty("validUntil") String validUntil,
            @JsonProperty("version") long version,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("attestedBy") String attestedBy,
            @JsonProperty("attestedAt") String attestedAt,
            @JsonProperty("txId") String txId) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.count = count;
        this.root = Objects.requireNonNull(root, "root");
        this.validUntil = validUntil;
        this.version = version;
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null || reason.isEmpty() ? null : reason;
        this.attestedBy = Objects.requireNonNull(attestedBy, "attestedBy");
        this.attestedAt = Objects.requireNonNull(attestedAt, "attestedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getDataset() {
        return dataset;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getOwner() {
        return owner;
    }

    public long getCount() {
        return count;
    }

    public String getRoot() {
        return root;
    }

    /** The earliest expiry among the attested consents: the attestation covers nothing after it. */
    public String getValidUntil() {
        return validUntil;
    }

    public long getVersion() {
        return version;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public String getAttestedBy() {
        return attestedBy;
    }

    public String getAttestedAt() {
        return attestedAt;
    }

    public String getTxId() {
        return txId;
    }

    /** The empty attestation (version 0) a consent-requiring dataset starts with. */
    public static ConsentAttestation none(String dataset, String purpose, String owner, String at, String txId) {
        return new ConsentAttestation(
                dataset, purpose, owner, 0, Merkle.root(List.of()).toString(), null, 0, NONE, null, owner, at, txId);
    }

    /** Whether anything was ever attested. */
    public boolean attested() {
        return !NONE.equals(status);
    }

    /** {@code attestation:<dataset>:<purpose>}, the id lineage walks start from. */
    public String key() {
        return "attestation:" + dataset + ":" + purpose;
    }
}
