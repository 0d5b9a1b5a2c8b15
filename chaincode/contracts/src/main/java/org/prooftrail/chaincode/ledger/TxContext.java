package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.protocol.ProofTrailException;

/**
 * The transaction's id and timestamp: the only sources of "now" and of uniqueness the chaincode may use, since
 * every endorsing peer must compute the same result.
 */
public final class TxContext {
    /** The earliest time the ledger stores or orders by: nothing prooftrail records happened before. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * The first time the ledger no longer stores: sort keys hold nanoseconds since 1970 in a {@code long}, which
     * overflows in April 2262; the year before is the limit.
     */
    public static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

    private final String txId;
    private final Instant timestamp;

    public TxContext(String txId, Instant timestamp) {
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * The stub's transaction id and timestamp; a timestamp outside {@link #EARLIEST} to {@link #LATEST} is refused
     * with {@code FAILED_PRECONDITION}, since it would become a key the ledger cannot order. (A peer's clock check
     * refuses such a proposal first; this holds also where no clock is checked.)
     */
    static TxContext of(ChaincodeStub stub) {
        Instant timestamp = stub.getTxTimestamp();
        if (!storable(timestamp)) {
            throw ProofTrailException.failedPrecondition("the proposal's timestamp " + timestamp + " is outside the"
                    + " times the ledger stores, " + EARLIEST + " up to " + LATEST);
        }
        return new TxContext(stub.getTxId(), timestamp);
    }

    /** Whether the ledger can store and order by {@code at}: from {@link #EARLIEST} up to {@link #LATEST}. */
    public static boolean storable(Instant at) {
        return !at.isBefore(EARLIEST) && at.isBefore(LATEST);
    }

    /**
     * {@code at}, if the ledger can store it; otherwise {@code INVALID_ARGUMENT} naming {@code field} and the range.
     */
    public static Instant requireStorable(String field, Instant at) {
        if (!storable(at)) {
            throw ProofTrailException.invalid(
                    field + " " + at + " is outside the times the ledger stores, " + EARLIEST + " up to " + LATEST);
        }
        return at;
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
