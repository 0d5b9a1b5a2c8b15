package org.prooftrail.chaincode.artifact;

/**
 * One event in an artifact's history: its registration ({@code REGISTERED}, with the digest and owner) or a
 * status change ({@code STATUS_CHANGED}, with the new status and reason).
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

    HistoryEntry(
            String type,
            String txId,
            String timestamp,
            String by,
            String org,
            String digest,
            String status,
            String reason) {
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
}
