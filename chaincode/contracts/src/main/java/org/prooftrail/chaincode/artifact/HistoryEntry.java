package org.prooftrail.chaincode.artifact;

import java.util.List;
import org.prooftrail.chaincode.record.VerificationRecord;

/**
 * One event in an artifact's history: its registration ({@code REGISTERED}, with the digest and owner), a status
 * change ({@code STATUS_CHANGED}, with the new status and reason) or a recorded verification ({@code VERIFIED}: the
 * digest seen, whether it matched, the purpose, and the artifact's status at the time) or, on a ledger where the
 * record's key was written again, an {@code UNEXPECTED_CHANGE} ({@code tampered}, with the fields that differ).
 * Fields that do not apply are absent.
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
    private final Boolean tampered;
    private final List<String> differences;

    HistoryEntry(
            String type,
            String txId,
            String timestamp,
            String by,
            String org,
            String digest,
            String status,
            String reason) {
        this(type, txId, timestamp, by, org, digest, status, reason, null, null, null, null);
    }

    /**
     * A version of the record's key after its registration: a record never changes, so this is a rewrite or a
     * deletion that only a transaction outside the chaincode's rules could have made ({@code tampered}), with the
     * fields that differ from the registered record ({@code ["deleted"]} for a deletion).
     */
    static HistoryEntry unexpectedChange(String txId, String timestamp, List<String> differences) {
        return new HistoryEntry(
                "UNEXPECTED_CHANGE",
                txId,
                timestamp,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                List.copyOf(differences));
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
            String purpose,
            Boolean tampered,
            List<String> differences) {
        this.tampered = tampered;
        this.differences = differences;
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

    /** For {@code UNEXPECTED_CHANGE}: always true; absent otherwise. */
    public Boolean getTampered() {
        return tampered;
    }

    /** For {@code UNEXPECTED_CHANGE}: the fields that differ from the registered record; absent otherwise. */
    public List<String> getDifferences() {
        return differences;
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
                record.getPurpose(),
                null,
                null);
    }
}
