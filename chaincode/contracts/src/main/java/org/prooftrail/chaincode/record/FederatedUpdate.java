package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * A member's model update in one round: its digest (the update itself stays with the member), the member's local
 * datasets it was trained on (with the digests seen and the consent attestation versions relied on) and the sample
 * count. Immutable.
 */
public final class FederatedUpdate {
    private final String id;
    private final String federation;
    private final long round;
    private final String member;
    private final String digest;
    private final List<RunInput> datasets;
    private final long samples;
    private final List<ConsentReliance> consents;
    private final String submittedBy;
    private final String submittedAt;
    private final String txId;

    // Genson binds every stored field through this one constructor; an empty list is stored absent (null).
    @SuppressWarnings({"PMD.ExcessiveParameterList", "PMD.NullAssignment"})
    public FederatedUpdate(
            @JsonProperty("id") String id,
            @JsonProperty("federation") String federation,
            @JsonProperty("round") long round,
            @JsonProperty("member") String member,
            @JsonProperty("digest") String digest,
            @JsonProperty("datasets") List<RunInput> datasets,
            @JsonProperty("samples") long samples,
            @JsonProperty("consents") List<ConsentReliance> consents,
            @JsonProperty("submittedBy") String submittedBy,
            @JsonProperty("submittedAt") String submittedAt,
            @JsonProperty("txId") String txId) {
        this.id = Objects.requireNonNull(id, "id");
        this.federation = Objects.requireNonNull(federation, "federation");
        this.round = round;
        this.member = Objects.requireNonNull(member, "member");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.datasets = List.copyOf(datasets == null ? List.of() : datasets);
        this.samples = samples;
        this.consents = consents == null || consents.isEmpty() ? null : List.copyOf(consents);
        this.submittedBy = Objects.requireNonNull(submittedBy, "submittedBy");
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        this.txId = Objects.requireNonNull(txId, "txId");
    }

    public String getId() {
        return id;
    }

    public String getFederation() {
        return federation;
    }

    public long getRound() {
        return round;
    }

    /** The MSP ID of the submitting member organisation. */
    public String getMember() {
        return member;
    }

    public String getDigest() {
        return digest;
    }

    public List<RunInput> getDatasets() {
        return datasets;
    }

    public long getSamples() {
        return samples;
    }

    /** The consent attestation versions relied on; null (absent) when none. */
    public List<ConsentReliance> getConsents() {
        return consents;
    }

    /** {@link #getConsents()}, never null. */
    public List<ConsentReliance> consentsRelied() {
        return consents == null ? List.of() : consents;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getSubmittedAt() {
        return submittedAt;
    }

    public String getTxId() {
        return txId;
    }
}
