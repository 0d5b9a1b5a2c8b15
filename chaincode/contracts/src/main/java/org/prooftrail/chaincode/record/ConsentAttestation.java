package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.prooftrail.protocol.Merkle;

/**
 * The public statement of how many subjects consent to a purpose on a dataset, and the Merkle root over their
 * references (sorted, each leaf the RFC 9162 leaf hash of the 32 reference bytes), so that one subject's inclusion
 * can be proved without revealing the others. Versioned: each attestation replaces the previous one.
 */
public final class ConsentAttestation {

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
    private final String staleReason;
    private final String staleTxId;
    private final String staleAt;

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
            @JsonProperty("txId") String txId,
            @JsonProperty("staleReason") String staleReason,
            @JsonProperty("staleTxId") String staleTxId,
            @JsonProperty("staleAt") String staleAt) {
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
        this.staleReason = staleReason;
        this.staleTxId = staleTxId;
        this.staleAt = staleAt;
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

    /** Why the attestation became {@link AttestationStatus#STALE}; absent otherwise. */
    public String getStaleReason() {
        return staleReason;
    }

    /** The transaction that made it {@link AttestationStatus#STALE} (a revocation or erasure); absent for an expiry. */
    public String getStaleTxId() {
        return staleTxId;
    }

    /** When it became {@link AttestationStatus#STALE}: that transaction's time, or the expiry itself. */
    public String getStaleAt() {
        return staleAt;
    }

    /** A copy of this attestation, same version and statement, marked {@link AttestationStatus#STALE} for {@code reason}. */
    public ConsentAttestation stale(String reason, String txId, String at) {
        return new ConsentAttestation(
                dataset,
                purpose,
                owner,
                count,
                root,
                validUntil,
                version,
                AttestationStatus.STALE.name(),
                this.reason,
                attestedBy,
                attestedAt,
                this.txId,
                reason,
                txId,
                at);
    }

    /**
     * The attestation as it stands at {@code now}: an {@link AttestationStatus#ACTIVE} one at or past its {@link #getValidUntil()} is
     * reported {@link AttestationStatus#STALE} ("expired at ..."), computed when read, never written.
     */
    public ConsentAttestation asOf(Instant now) {
        if (AttestationStatus.ACTIVE.name().equals(status)
                && validUntil != null
                && !now.isBefore(Instant.parse(validUntil))) {
            return stale("expired at " + validUntil, null, validUntil);
        }
        return this;
    }

    /** Whether it is {@link AttestationStatus#STALE} (not a getter: stored JSON holds the status, not this derived flag). */
    public boolean markedStale() {
        return AttestationStatus.STALE.name().equals(status);
    }

    /** The empty attestation (version 0) a consent-requiring dataset starts with. */
    public static ConsentAttestation none(String dataset, String purpose, String owner, String at, String txId) {
        return new ConsentAttestation(
                dataset,
                purpose,
                owner,
                0,
                Merkle.root(List.of()).toString(),
                null,
                0,
                AttestationStatus.NONE.name(),
                null,
                owner,
                at,
                txId,
                null,
                null,
                null);
    }

    /** Whether anything was ever attested. */
    public boolean attested() {
        return !AttestationStatus.NONE.name().equals(status);
    }

    /** {@code attestation:<dataset>:<purpose>}, the id lineage walks start from. */
    public String key() {
        return "attestation:" + dataset + ":" + purpose;
    }
}
