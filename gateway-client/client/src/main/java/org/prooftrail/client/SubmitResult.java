package org.prooftrail.client;

import java.util.Objects;

/** A committed transaction: its id, the block it was committed in, and the chaincode's result. */
public final class SubmitResult {
    private final String transactionId;
    private final long blockNumber;
    private final byte[] payload;

    public SubmitResult(String transactionId, long blockNumber, byte[] payload) {
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
        this.blockNumber = blockNumber;
        this.payload = Objects.requireNonNull(payload, "payload").clone();
    }

    public String transactionId() {
        return transactionId;
    }

    public long blockNumber() {
        return blockNumber;
    }

    public byte[] payload() {
        return payload.clone();
    }
}
