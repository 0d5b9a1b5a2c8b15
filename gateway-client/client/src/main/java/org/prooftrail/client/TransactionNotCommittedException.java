package org.prooftrail.client;

/**
 * A submitted transaction whose commit status did not arrive in time was looked up by its id and is in no block:
 * not after the channel had grown by the configured number of blocks past the moment it was looked for, nor, on a
 * channel that cut no block meanwhile, within the resolution deadline (an orderer cuts a block within its batch
 * timeout of receiving a transaction, so an idle channel has nothing of it in flight). It did not take effect, and
 * submitting the same request again is safe for idempotent transactions: registering the same id with the same
 * digest again returns the existing record, so even if this one commits after all, a retry does not register
 * twice.
 */
public final class TransactionNotCommittedException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    private final long lookedFromHeight;
    private final long lookedToHeight;

    public TransactionNotCommittedException(
            String message, String transactionId, long lookedFromHeight, long lookedToHeight, Throwable cause) {
        super(message, transactionId, cause);
        this.lookedFromHeight = lookedFromHeight;
        this.lookedToHeight = lookedToHeight;
    }

    /** The channel's height when the lookup began; the transaction was submitted before it. */
    public long lookedFromHeight() {
        return lookedFromHeight;
    }

    /** The channel's height at the last lookup that did not find the transaction. */
    public long lookedToHeight() {
        return lookedToHeight;
    }

    /** Always true: the transaction did not take effect, and an idempotent request may be submitted again. */
    public boolean retrySafe() {
        return true;
    }
}
