package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * One committed modification of a key, as Fabric's history database reports it: the transaction, its timestamp, the
 * value written, and whether it was a delete (a delete carries an empty value).
 */
public final class HistoryRecord implements KeyModification {

    private final String txId;
    private final Instant timestamp;
    private final byte[] value;
    private final boolean deleted;

    public HistoryRecord(final String txId, final Instant timestamp, final byte[] value, final boolean deleted) {
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.value =
                deleted ? new byte[0] : Objects.requireNonNull(value, "value").clone();
        this.deleted = deleted;
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, UTF_8);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean isDeleted() {
        return deleted;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof HistoryRecord that
                && txId.equals(that.txId)
                && timestamp.equals(that.timestamp)
                && Arrays.equals(value, that.value)
                && deleted == that.deleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, timestamp, Arrays.hashCode(value), deleted);
    }

    @Override
    public String toString() {
        return "HistoryRecord{txId=" + txId + ", timestamp=" + timestamp + ", "
                + (deleted ? "deleted" : value.length + " bytes") + "}";
    }
}
