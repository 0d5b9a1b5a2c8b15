package org.prooftrail.chaincode.ledger;

import org.hyperledger.fabric.shim.ChaincodeStub;

/** The stores, event sink and transaction context of one transaction, over its stub. */
public final class Ledger {
    private final ArtifactStore artifacts;
    private final LineageStore lineage;
    private final EventSink events;
    private final TxContext tx;

    private Ledger(ChaincodeStub stub) {
        this.artifacts = new ArtifactStore(stub);
        this.lineage = new LineageStore(stub);
        this.events = new EventSink(stub);
        this.tx = TxContext.of(stub);
    }

    public static Ledger on(ChaincodeStub stub) {
        return new Ledger(stub);
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public LineageStore lineage() {
        return lineage;
    }

    public EventSink events() {
        return events;
    }

    public TxContext tx() {
        return tx;
    }
}
