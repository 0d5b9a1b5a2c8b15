package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The transaction's id and timestamp: the only sources of "now" and of uniqueness the chaincode may use, since
 * every endorsing peer must compute the same result.
 */
public final class TxContext {
    private final String txId;
    private final Instant timestamp;

    public TxContext(String txId, Instant timestamp) {
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    static TxContext of(ChaincodeStub stub) {
        return new TxContext(stub.getTxId(), stub.getTxTimestamp());
    }

    public String txId() {
        return txId;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** The timestamp as ISO-8601 in UTC, the form every record stores. */
    public String timestampText() {
        return timestamp.toString();
    }
}
