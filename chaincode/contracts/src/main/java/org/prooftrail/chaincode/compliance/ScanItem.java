package org.prooftrail.chaincode.compliance;

import java.util.Comparator;
import java.util.List;
import org.prooftrail.chaincode.record.ComplianceReason;

/**
 * One thing {@code lineage:ComplianceScan} found that needs action: an access {@code grant} expiring (or expired
 * and still ACTIVE), a consent {@code attestation} that is STALE or expires within the window, or an active
 * {@code deployment} that is AT_RISK or TAINTED; with what to do and the transaction of the record concerned.
 * Fields that do not apply to the kind are absent.
 */
public final class ScanItem {
    static final Comparator<ScanItem> ORDER = Comparator.comparing((ScanItem i) -> i.kind)
            .thenComparing(i -> i.id)
            .thenComparing(i -> i.purpose == null ? "" : i.purpose)
            .thenComparing(i -> i.grantee == null ? "" : i.grantee)
            .thenComparing(i -> i.role == null ? "" : i.role);

    private final String kind;
    private final String id;
    private final String owner;
    private final String grantee;
    private final String role;
    private final String purpose;
    private final String status;
    private final String expiresAt;
    private final String action;
    private final String txId;
    private final List<ComplianceReason> reasons;

    private ScanItem(Builder b) {
        this.kind = b.kind;
        this.id = b.id;
        this.owner = b.owner;
        this.grantee = b.grantee;
        this.role = b.role;
        this.purpose = b.purpose;
        this.status = b.status;
        this.expiresAt = b.expiresAt;
        this.action = b.action;
        this.txId = b.txId;
        this.reasons = b.reasons == null || b.reasons.isEmpty() ? null : List.copyOf(b.reasons);
    }

    static Builder of(String kind, String id, String owner) {
        return new Builder(kind, id, owner);
    }

    /** {@code grant}, {@code attestation} or {@code deployment}. */
    public String getKind() {
        return kind;
    }

    /** The artifact of a grant, the dataset of an attestation, the deployment's id. */
    public String getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getGrantee() {
        return grantee;
    }

    public String getRole() {
        return role;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getStatus() {
        return status;
    }

    public String getExpiresAt() {
        return expiresAt;
    }

    public String getAction() {
        return action;
    }

    public String getTxId() {
        return txId;
    }

    public List<ComplianceReason> getReasons() {
        return reasons;
    }

    static final class Builder {
        private final String kind;
        private final String id;
        private final String owner;
        private String grantee;
        private String role;
        private String purpose;
        private String status;
        private String expiresAt;
        private String action;
        private String txId;
        private List<ComplianceReason> reasons;

        private Builder(String kind, String id, String owner) {
            this.kind = kind;
            this.id = id;
            this.owner = owner;
        }

        Builder grantee(String grantee, String role) {
            this.grantee = grantee;
            this.role = role;
            return this;
        }

        Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        Builder status(String status) {
            this.status = status;
            return this;
        }

        Builder expiresAt(String expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        Builder action(String action) {
            this.action = action;
            return this;
        }

        Builder txId(String txId) {
            this.txId = txId;
            return this;
        }

        Builder reasons(List<ComplianceReason> reasons) {
            this.reasons = reasons;
            return this;
        }

        ScanItem build() {
            return new ScanItem(this);
        }
    }
}
