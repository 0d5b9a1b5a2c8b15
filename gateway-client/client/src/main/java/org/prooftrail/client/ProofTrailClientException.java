package org.prooftrail.client;

import java.util.Optional;

/**
 * Every failure the client reports. Its subclasses say which stage failed: the contract refused
 * ({@link ContractRejectedException}), the transaction failed validation ({@link CommitFailedException}), it was
 * looked up after its commit status did not come and is in no block, so a retry is safe
 * ({@link TransactionNotCommittedException}), or the ledger could not be reached ({@link
 * GatewayUnavailableException}).
 */
public class ProofTrailClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String transactionId;

    public ProofTrailClientException(String message, String transactionId, Throwable cause) {
        super(message, cause);
        this.transactionId = transactionId;
    }

    /** The transaction this failure concerns, when one had been created. */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }
}
