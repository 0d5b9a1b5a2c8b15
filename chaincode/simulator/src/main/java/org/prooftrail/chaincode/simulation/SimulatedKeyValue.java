package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A key and its committed value, as a range query yields them. */
final class SimulatedKeyValue implements KeyValue {

    private final String key;
    private final byte[] value;

    SimulatedKeyValue(final String key, final byte[] value) {
        this.key = key;
        this.value = value.clone();
    }

    @Override
    public String getKey() {
        return key;
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
    public String toString() {
        return KeyOrder.printable(key) + "=" + value.length + " bytes";
    }
}
