package org.prooftrail.chaincode.ledger;

import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Emits the transaction's chaincode event. Fabric keeps one event per transaction, and every state change in
 * prooftrail is one transaction, so each change emits exactly one small JSON event with ids, never personal data.
 */
public final class EventSink {
    private final ChaincodeStub stub;

    EventSink(ChaincodeStub stub) {
        this.stub = stub;
    }

    public void emit(String name, Map<String, Object> payload) {
        stub.setEvent(name, LedgerCodec.encode(new TreeMap<>(payload)));
    }
}
