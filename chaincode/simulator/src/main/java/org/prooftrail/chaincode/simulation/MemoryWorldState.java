package org.prooftrail.chaincode.simulation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * A world state held in memory, committed one write set at a time as a peer commits a valid transaction.
 *
 * <p>Commit follows Fabric's ledger: a value write keeps the key's endorsement policy and a delete removes it; a
 * policy set on a key that does not exist after the transaction's value writes is dropped; every peer stores the
 * SHA-256 of a private value but only a peer whose organisation holds the collection stores the value; a purge
 * removes value and hash; a transaction id commits at most once. History is recorded for public keys only; as no
 * earlier private versions are kept, a purge differs from a private delete only in the write set.
 *
 * <p>Methods are synchronized. As on a peer, where commit waits for running simulations, a commit must not happen
 * while a simulation still iterates over a range; the iterator would then fail fast.
 */
public final class MemoryWorldState implements WorldState {

    private static final Logger LOGGER = Logger.getLogger(MemoryWorldState.class.getName());

    private final Set<String> heldCollections;
    private final boolean holdsEveryCollection;
    private final NavigableMap<String, byte[]> state = new TreeMap<>(KeyOrder.CODE_POINT);
    private final Map<String, byte[]> validationParameters = new HashMap<>();
    private final Map<String, List<HistoryRecord>> history = new HashMap<>();
    private final Map<String, NavigableMap<String, byte[]>> privateValues = new HashMap<>();
    private final Map<String, Map<String, byte[]>> privateHashes = new HashMap<>();
    private final Map<String, Map<String, byte[]>> privateValidationParameters = new HashMap<>();
    private final Set<String> committedTxIds = new HashSet<>();
    private long height;

    /** A world state of a peer whose organisation is a member of every collection. */
    public MemoryWorldState() {
        this.heldCollections = Set.of();
        this.holdsEveryCollection = true;
    }

    /** A world state of a peer whose organisation is a member of exactly these collections. */
    public MemoryWorldState(final Set<String> heldCollections) {
        Objects.requireNonNull(heldCollections, "heldCollections");
        this.heldCollections = Set.copyOf(heldCollections);
        this.holdsEveryCollection = false;
    }

    /**
     * Applies a write set atomically as the transaction {@code txId} committed at {@code timestamp}.
     *
     * @throws IllegalStateException if a transaction with this id was already committed (Fabric: DUPLICATE_TXID)
     */
    public synchronized void commit(final WriteSet writeSet, final String txId, final Instant timestamp) {
        Objects.requireNonNull(writeSet, "writeSet");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(timestamp, "timestamp");
        if (committedTxIds.contains(txId)) {
            throw new IllegalStateException("DUPLICATE_TXID: transaction " + txId + " is already committed");
        }
        writeSet.rawWrites().forEach((key, value) -> {
            if (value == null) {
                state.remove(key);
                validationParameters.remove(key);
            } else {
                state.put(key, value.clone());
            }
            history.computeIfAbsent(key, ignored -> new ArrayList<>())
                    .add(new HistoryRecord(txId, timestamp, value, value == null));
        });
        writeSet.rawValidationParameters()
                .forEach((key, policy) -> applyPolicy(validationParameters, state.containsKey(key), key, policy));
        writeSet.rawCollections().forEach(this::commitCollection);
        committedTxIds.add(txId);
        height++;
        LOGGER.fine(() -> "committed " + txId + " at height " + height + ": " + writeSet);
    }

    private void commitCollection(final String collection, final WriteSet.CollectionWrites writes) {
        final NavigableMap<String, byte[]> values =
                privateValues.computeIfAbsent(collection, ignored -> new TreeMap<>(KeyOrder.CODE_POINT));
        final Map<String, byte[]> hashes = privateHashes.computeIfAbsent(collection, ignored -> new HashMap<>());
        final Map<String, byte[]> policies =
                privateValidationParameters.computeIfAbsent(collection, ignored -> new HashMap<>());
        final boolean holds = holdsCollection(collection);
        writes.writes.forEach((key, value) -> {
            if (value == null) {
                values.remove(key);
                hashes.remove(key);
                policies.remove(key);
            } else {
                hashes.put(key, sha256(value));
                if (holds) {
                    values.put(key, value.clone());
                }
            }
        });
        writes.validationParameters.forEach(
                (key, policy) -> applyPolicy(policies, hashes.containsKey(key), key, policy));
    }

    private static void applyPolicy(
            final Map<String, byte[]> policies, final boolean keyExists, final String key, final byte[] policy) {
        if (!keyExists || policy.length == 0) {
            policies.remove(key);
        } else {
            policies.put(key, policy.clone());
        }
    }

    @Override
    public synchronized byte[] get(final String key) {
        return copy(state.get(key));
    }

    @Override
    public synchronized Iterator<Map.Entry<String, byte[]>> range(
            final String startInclusive, final String endExclusive) {
        return entries(state, startInclusive, endExclusive);
    }

    @Override
    public synchronized List<HistoryRecord> history(final String key) {
        final List<HistoryRecord> newestFirst = new ArrayList<>(history.getOrDefault(key, List.of()));
        Collections.reverse(newestFirst);
        return Collections.unmodifiableList(newestFirst);
    }

    @Override
    public synchronized byte[] validationParameter(final String key) {
        return copy(validationParameters.get(key));
    }

    @Override
    public boolean holdsCollection(final String collection) {
        return holdsEveryCollection || heldCollections.contains(collection);
    }

    @Override
    public synchronized byte[] getPrivate(final String collection, final String key) {
        final Map<String, byte[]> values = privateValues.get(collection);
        return values == null ? null : copy(values.get(key));
    }

    @Override
    public synchronized byte[] getPrivateHash(final String collection, final String key) {
        final Map<String, byte[]> hashes = privateHashes.get(collection);
        return hashes == null ? null : copy(hashes.get(key));
    }

    @Override
    public synchronized Iterator<Map.Entry<String, byte[]>> privateRange(
            final String collection, final String startInclusive, final String endExclusive) {
        final NavigableMap<String, byte[]> values = privateValues.get(collection);
        return values == null ? Collections.emptyIterator() : entries(values, startInclusive, endExclusive);
    }

    @Override
    public synchronized byte[] privateValidationParameter(final String collection, final String key) {
        final Map<String, byte[]> policies = privateValidationParameters.get(collection);
        return policies == null ? null : copy(policies.get(key));
    }

    @Override
    public synchronized long height() {
        return height;
    }

    private static Iterator<Map.Entry<String, byte[]>> entries(
            final NavigableMap<String, byte[]> map, final String startInclusive, final String endExclusive) {
        Objects.requireNonNull(startInclusive, "startInclusive");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (!endExclusive.isEmpty() && KeyOrder.compare(startInclusive, endExclusive) >= 0) {
            return Collections.emptyIterator();
        }
        final Iterator<Map.Entry<String, byte[]>> entries = endExclusive.isEmpty()
                ? map.tailMap(startInclusive, true).entrySet().iterator()
                : map.subMap(startInclusive, true, endExclusive, false)
                        .entrySet()
                        .iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Map.Entry<String, byte[]> next() {
                final Map.Entry<String, byte[]> entry = entries.next();
                return Map.entry(entry.getKey(), entry.getValue().clone());
            }
        };
    }

    static byte[] sha256(final byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static byte[] copy(final byte[] value) {
        return value == null ? null : value.clone();
    }
}
