package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.protocol.LedgerTime;
import org.prooftrail.protocol.ProofTrailException;

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

    /**
     * The stub's transaction id and timestamp; a timestamp outside {@link LedgerTime#EARLIEST} to {@link LedgerTime#LATEST} is refused
     * with {@code FAILED_PRECONDITION}, since it would become a key the ledger cannot order. (A peer's clock check
     * refuses such a proposal first; this holds also where no clock is checked.)
     */
    static TxContext of(ChaincodeStub stub) {
        Instant timestamp = stub.getTxTimestamp();
        if (!LedgerTime.storable(timestamp)) {
            throw ProofTrailException.failedPrecondition("the proposal's timestamp " + timestamp + " is outside the"
                    + " times the ledger stores, " + LedgerTime.EARLIEST + " up to " + LedgerTime.LATEST);
        }
        return new TxContext(stub.getTxId(), timestamp);
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
