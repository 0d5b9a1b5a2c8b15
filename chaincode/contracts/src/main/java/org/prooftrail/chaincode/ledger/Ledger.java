package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.prooftrail.protocol.ProofTrailException;

/** The stores, event sink and transaction context of one transaction, over its stub. */
public final class Ledger {
    private final ArtifactStore artifacts;
    private final LineageStore lineage;
    private final AccessStore access;
    private final ConsentStore consent;
    private final UpgradeStore upgrades;
    private final FederationStore federation;
    private final EventSink events;
    private final TxContext tx;
    private final ChaincodeStub stub;

    private Ledger(ChaincodeStub stub) {
        this.stub = stub;
        Endorsements endorsements = new Endorsements(stub);
        this.artifacts = new ArtifactStore(stub, endorsements);
        this.lineage = new LineageStore(stub, endorsements);
        this.events = new EventSink(stub);
        this.tx = TxContext.of(stub);
        this.access = new AccessStore(stub, tx, endorsements);
        this.consent = new ConsentStore(stub, endorsements);
        this.upgrades = new UpgradeStore(stub, endorsements, access, consent);
        this.federation = new FederationStore(stub, endorsements);
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

    public AccessStore access() {
        return access;
    }

    /** Federations, their rounds, members' updates and the edges that put them in the lineage graph. */
    public FederationStore federation() {
        return federation;
    }

    public ConsentStore consent() {
        return consent;
    }

    /** Back-fills for records written by an earlier release. */
    public UpgradeStore upgrades() {
        return upgrades;
    }

    public EventSink events() {
        return events;
    }

    /**
     * A JSON object that arrived in the proposal's transient map under {@code key}: the only way personal data
     * reaches the chaincode, since transient data is never written to a block.
     */
    public JsonInput transientJson(String key) {
        return transientJson(key, JsonInput.MAX_BYTES);
    }

    /** Whether the proposal's transient map has an entry {@code key}, whatever it holds. */
    public boolean hasTransient(String key) {
        return stub.getTransient().containsKey(key);
    }

    /** The transient map entry {@code key} as one JSON object of at most {@code maxBytes}. */
    public JsonInput transientJson(String key, int maxBytes) {
        byte[] bytes = stub.getTransient().get(key);
        if (bytes == null || bytes.length == 0) {
            throw ProofTrailException.invalid("the transient map has no '" + key + "' entry: personal data travels only"
                    + " in the transient map, never in arguments");
        }
        return JsonInput.parse("transient " + key, new String(bytes, StandardCharsets.UTF_8), maxBytes);
    }

    public TxContext tx() {
        return tx;
    }
}
