package org.prooftrail.client;

import java.util.Objects;

/**
 * The transaction was endorsed and ordered but the peers marked it invalid, with Fabric's validation code
 * (for example {@code MVCC_READ_CONFLICT} or {@code ENDORSEMENT_POLICY_FAILURE}). Nothing it wrote took effect.
 */
public final class CommitFailedException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    private final String validationCode;
    private final boolean retryable;

    public CommitFailedException(String validationCode, boolean retryable, String transactionId, Throwable cause) {
        super(
                "transaction " + transactionId + " failed validation: " + Objects.requireNonNull(validationCode)
                        + (retryable ? " (a retry may succeed)" : ""),
                transactionId,
                cause);
        this.validationCode = validationCode;
        this.retryable = retryable;
    }

    /** Fabric's {@code TxValidationCode} name. */
    public String validationCode() {
        return validationCode;
    }

    /** Whether submitting the same request again as a new transaction can succeed (a read conflict can). */
    public boolean retryable() {
        return retryable;
    }
}
