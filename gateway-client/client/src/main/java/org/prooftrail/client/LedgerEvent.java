package org.prooftrail.client;

import java.util.Objects;

/** A chaincode event as committed: its block, transaction, name and JSON payload. */
public final class LedgerEvent {
    private final long blockNumber;
    private final String transactionId;
    private final String name;
    private final byte[] payload;

    public LedgerEvent(long blockNumber, String transactionId, String name, byte[] payload) {
        this.blockNumber = blockNumber;
        this.transactionId = Objects.requireNonNull(transactionId, "transactionId");
        this.name = Objects.requireNonNull(name, "name");
        this.payload = Objects.requireNonNull(payload, "payload").clone();
    }

    public long blockNumber() {
        return blockNumber;
    }

    public String transactionId() {
        return transactionId;
    }

    public String name() {
        return name;
    }

    public byte[] payload() {
        return payload.clone();
    }
}
