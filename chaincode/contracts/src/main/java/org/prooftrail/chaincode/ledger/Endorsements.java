package org.prooftrail.chaincode.ledger;

import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * The key-level policies of one transaction's writes: guard keys (owner-only, created at registration, written by
 * every transaction relying on the artifact) and the owners-and-another policy of immutable evidence, built over
 * the organisations the ledger has seen register.
 */
final class Endorsements {
    private final ChaincodeStub stub;
    private SortedSet<String> members;

    Endorsements(ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Records {@code mspId} as a member organisation, once: a write only the first time. Whether it is one is read
     * from {@link #members}, which every registration reads anyway for its evidence policies: one range query
     * instead of that and a point read of the member key, one round trip to the peer less.
     */
    void recordMember(String mspId) {
        if (!members().contains(mspId)) {
            stub.putState(Keys.key(Keys.MEMBER, mspId), Keys.PRESENT);
            members.add(mspId);
        }
    }

    /** The organisations that have registered an artifact, including any recorded earlier in this transaction. */
    SortedSet<String> members() {
        if (members == null) {
            members = new TreeSet<>();
            try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(Keys.partial(Keys.MEMBER))) {
                for (KeyValue entry : range) {
                    members.add(stub.splitCompositeKey(entry.getKey())
                            .getAttributes()
                            .get(0));
                }
            } catch (Exception e) {
                throw ArtifactStore.closeFailure(e);
            }
        }
        return members;
    }

    /** Puts immutable evidence under the policy "every one of {@code owners}, and another if they are one". */
    void putEvidence(String key, byte[] value, Collection<String> owners) {
        stub.putState(key, value);
        stub.setStateValidationParameter(key, Policies.ownersAndAnother(new TreeSet<>(owners), members()));
    }

    /** Creates the guard of a new artifact under its owner's policy. */
    void createGuard(String artifact, String owner) {
        String key = Keys.key(Keys.ARTIFACT_GUARD, artifact);
        stub.putState(key, guardValue(artifact));
        stub.setStateValidationParameter(key, Policies.ownerOnly(owner));
    }

    /**
     * Writes the guard of an artifact this transaction relies on. A blind write (the guard is never read in a
     * transaction), so concurrent transactions relying on one artifact do not conflict on it; the owner's key-level
     * policy still applies to the write, so the owner's peer must endorse.
     */
    void guard(String artifact) {
        stub.putState(Keys.key(Keys.ARTIFACT_GUARD, artifact), guardValue(artifact));
    }

    private byte[] guardValue(String artifact) {
        Map<String, Object> value = new TreeMap<>();
        value.put("id", artifact);
        value.put("txId", stub.getTxId());
        return LedgerCodec.store(value);
    }
}
