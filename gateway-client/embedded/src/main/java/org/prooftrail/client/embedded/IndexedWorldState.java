package org.prooftrail.client.embedded;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.prooftrail.chaincode.simulation.HistoryRecord;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.WorldState;

/**
 * What the contracts read in the embedded ledger: public state, policies and history from the durable {@link
 * LedgerIndex}, private data from memory (decrypted from the log's sealed records; the embedded peer holds every
 * collection). Callers keep commits apart from reads, as {@link LedgerStore} does with its commit lock.
 */
final class IndexedWorldState implements WorldState {
    private final LedgerIndex index;
    private final MemoryWorldState privateState;

    IndexedWorldState(LedgerIndex index, MemoryWorldState privateState) {
        this.index = index;
        this.privateState = privateState;
    }

    @Override
    public byte[] get(String key) {
        return index.get(key);
    }

    @Override
    public Iterator<Map.Entry<String, byte[]>> range(String startInclusive, String endExclusive) {
        return index.range(startInclusive, endExclusive);
    }

    @Override
    public List<HistoryRecord> history(String key) {
        return index.history(key);
    }

    @Override
    public byte[] validationParameter(String key) {
        return index.validationParameter(key);
    }

    @Override
    public boolean holdsCollection(String collection) {
        return true;
    }

    @Override
    public byte[] getPrivate(String collection, String key) {
        return privateState.getPrivate(collection, key);
    }

    @Override
    public byte[] getPrivateHash(String collection, String key) {
        return privateState.getPrivateHash(collection, key);
    }

    @Override
    public Iterator<Map.Entry<String, byte[]>> privateRange(
            String collection, String startInclusive, String endExclusive) {
        return privateState.privateRange(collection, startInclusive, endExclusive);
    }

    @Override
    public byte[] privateValidationParameter(String collection, String key) {
        return privateState.privateValidationParameter(collection, key);
    }

    @Override
    public long height() {
        return index.position().records();
    }
}
