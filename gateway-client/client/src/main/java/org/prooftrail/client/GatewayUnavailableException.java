package org.prooftrail.client;

/** The ledger could not be reached, or did not answer in time; whether the transaction committed is unknown. */
public final class GatewayUnavailableException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    public GatewayUnavailableException(String message, String transactionId, Throwable cause) {
        super(message, transactionId, cause);
    }
}
