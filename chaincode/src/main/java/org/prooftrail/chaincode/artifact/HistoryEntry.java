package org.prooftrail.chaincode.artifact;

/**
 * One event in an artifact's history: its registration ({@code REGISTERED}, with the digest and owner), a status
 * change ({@code STATUS_CHANGED}, with the new status and reason) or a recorded verification ({@code VERIFIED}: the
 * digest seen, whether it matched, the purpose, and the artifact's status at the time). Fields that do not apply
 * are absent.
 */
public final class HistoryEntry {
    private final String type;
    private final String txId;
    private final String timestamp;
    private final String by;
    private final String org;
    private final String digest;
    private final String status;
    private final String reason;
    private final Boolean match;
    private final String purpose;

    HistoryEntry(
            String type,
            String txId,
            String timestamp,
            String by,
            String org,
            String digest,
            String status,
            String reason) {
        this(type, txId, timestamp, by, org, digest, status, reason, null, null);
    }

    private HistoryEntry(
            String type,
            String txId,
            String timestamp,
            String by,
            String org,
            String digest,
            String status,
            String reason,
            Boolean match,
            String purpose) {
        this.match = match;
        this.purpose = purpose;
        this.type = type;
        this.txId = txId;
        this.timestamp = timestamp;
        this.by = by;
        this.org = org;
        this.digest = digest;
        this.status = status;
        this.reason = reason;
    }

    public String getType() {
        return type;
    }

    public String getTxId() {
        return txId;
    }

    public String getTimestamp() {
        return timestamp;
    }

    public String getBy() {
        return by;
    }

    public String getOrg() {
        return org;
    }

    public String getDigest() {
        return digest;
    }

    public String getStatus() {
        return status;
    }

    public String getReason() {
        return reason == null || reason.isEmpty() ? null : reason;
    }

    /** For {@code VERIFIED}: whether the digest seen matched the registry; absent otherwise. */
    public Boolean getMatch() {
        return match;
    }

    /** For {@code VERIFIED}: what the copy was checked for; absent otherwise. */
    public String getPurpose() {
        return purpose;
    }

    static HistoryEntry verified(VerificationRecord record) {
        return new HistoryEntry(
                "VERIFIED",
                record.getTxId(),
                record.getVerifiedAt(),
                record.getVerifiedBy(),
                record.getVerifierOrg(),
                record.getDigestSeen(),
                record.getStatus(),
                record.getNote(),
                record.getMatch(),
                record.getPurpose());
    }
}
