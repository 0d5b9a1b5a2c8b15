package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A subject's consent to purposes on a dataset; private to the dataset owner's collection. */
public final class ConsentRecord {

    private final String subject;
    private final String dataset;
    private final List<String> purposes;
    private final String expiresAt;
    private final String formDigest;
    private final String status;
    private final String reason;
    private final String grantedAt;
    private final String changedBy;
    private final String changedAt;
    private final String txId;

    public ConsentRecord(
            @JsonProperty("subject") String subject,
            @JsonProperty("dataset") String dataset,
            @JsonProperty("purposes") List<String> purposes,
            @JsonProperty("expiresAt") String expiresAt,
            @JsonProperty("formDigest") String formDigest,
            @JsonProperty("status") String status,
            @JsonProperty("reason") String reason,
            @JsonProperty("grantedAt") String grantedAt,
            @JsonProperty("changedBy") String changedBy,
            @JsonProperty("changedAt") String changedAt,
            @JsonProperty("txId") String txId) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.purposes = List.copyOf(purposes == null ? List.of() : purposes);
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.formDigest = Objects.requireNonNull(formDigest, "formDigest");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason == null || reason.isEmpty() ? null : reason;
        this.grantedAt = Objects.requireNonNull(grantedAt, "grantedAt");
        this.changedBy = Objects.requireNonNull(changedBy, "changedBy");
        this.changedAt = Objects.requireNonNull(changedAt, "changedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getSubject() {
        return subject;
    }

    public String getDataset() {
        return dataset;
    }

    public List<String> getPurposes() {
        return purposes;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public String getFormDigest() {
        return formDigest;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    /** When the subject first granted this consent; a renewal keeps it. */
    public String getGrantedAt() {
        return grantedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public String getChangedAt() {
        return changedAt;
    }

    public String getTxId() {
        return txId;
    }

    /** Whether this consent covers {@code purpose} at {@code at}. */
    public boolean covers(String purpose, Instant at) {
        return ConsentStatus.GRANTED.name().equals(status)
                && purposes.contains(purpose)
                && at.isBefore(Instant.parse(expiresAt));
    }
}
