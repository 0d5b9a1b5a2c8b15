package org.prooftrail.chaincode.simulation;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The committed state a {@link TransactionSimulator} reads: what a peer's state database, history database and
 * private data store hold after the last committed transaction. Implementations return {@code null} for what is
 * absent; the simulator turns that into the shim's conventions.
 *
 * <p>Keys are ordered as Fabric's LevelDB orders them, by their UTF-8 bytes, which is Unicode code point order.
 * {@link String#compareTo} agrees for text in the Basic Multilingual Plane without surrogates, and disagrees for
 * supplementary characters against U+E000..U+FFFF; implementations must use code point order.
 */
public interface WorldState {

    /** The committed value of a public key, or {@code null} if it does not exist. */
    byte[] get(String key);

    /**
     * Committed public entries with {@code startInclusive <= key < endExclusive} in key order; an empty {@code
     * endExclusive} means no upper bound. Composite keys (starting with U+0000) are included when the range covers
     * them. The iterator must not be used across a commit.
     */
    Iterator<Map.Entry<String, byte[]>> range(String startInclusive, String endExclusive);

    /** Every committed modification of a public key, newest first, as Fabric v2 returns them. */
    List<HistoryRecord> history(String key);

    /** The key-level endorsement policy of a public key, or {@code null} if it has none. */
    byte[] validationParameter(String key);

    /** Whether this peer's organisation is a member of the collection and so holds its private values. */
    boolean holdsCollection(String collection);

    /** The committed private value, or {@code null}; only meaningful when {@link #holdsCollection} is true. */
    byte[] getPrivate(String collection, String key);

    /** The SHA-256 of the committed private value, which every peer of the channel stores, or {@code null}. */
    byte[] getPrivateHash(String collection, String key);

    /** Committed private entries of a collection, as {@link #range} does for public state. */
    Iterator<Map.Entry<String, byte[]>> privateRange(String collection, String startInclusive, String endExclusive);

    /** The key-level endorsement policy of a private key, or {@code null} if it has none. */
    byte[] privateValidationParameter(String collection, String key);

    /** How many transactions have been committed. */
    long height();
}
