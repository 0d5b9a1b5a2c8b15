package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A party's recorded check of its local copy before use: the digest it saw, whether that matched the registry,
 * for what purpose, who and when. Mismatches are recorded too: they are the evidence of tampering.
 */
public final class VerificationRecord {
    private final String id;
    private final String digestSeen;
    private final String expected;
    private final boolean match;
    private final String purpose;
    private final String note;
    private final String status;
    private final String verifiedBy;
    private final String verifierOrg;
    private final String verifiedAt;
    private final String txId;

    public VerificationRecord(
            @JsonProperty("id") String id,
            @JsonProperty("digestSeen") String digestSeen,
            @JsonProperty("expected") String expected,
            @JsonProperty("match") boolean match,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("note") String note,
            @JsonProperty("status") String status,
            @JsonProperty("verifiedBy") String verifiedBy,
            @JsonProperty("verifierOrg") String verifierOrg,
            @JsonProperty("verifiedAt") String verifiedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.digestSeen = Objects.requireNonNull(digestSeen, "digestSeen");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.match = match;
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.note = note == null || note.isEmpty() ? null : note;
        this.status = Objects.requireNonNull(status, "status");
        this.verifiedBy = Objects.requireNonNull(verifiedBy, "verifiedBy");
        this.verifierOrg = Objects.requireNonNull(verifierOrg, "verifierOrg");
        this.verifiedAt = Objects.requireNonNull(verifiedAt, "verifiedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getId() {
        return id;
    }

    public String getDigestSeen() {
        return digestSeen;
    }

    public String getExpected() {
        return expected;
    }

    public boolean getMatch() {
        return match;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getNote() {
        return note;
    }

    public String getStatus() {
        return status;
    }

    public String getVerifiedBy() {
        return verifiedBy;
    }

    public String getVerifierOrg() {
        return verifierOrg;
    }

    public String getVerifiedAt() {
        return verifiedAt;
    }

    public String getTxId() {
        return txId;
    }
}
