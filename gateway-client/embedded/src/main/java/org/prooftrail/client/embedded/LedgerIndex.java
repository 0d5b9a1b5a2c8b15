package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.prooftrail.chaincode.simulation.HistoryRecord;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.client.LedgerEvent;

/**
 * The durable, derived index of a transaction log: the public world state with its key-level policies, the history of
 * every public key, the committed events and where each record starts, in an H2 MVStore file ({@code
 * ledger/index.mv.db}). It is opened, not rebuilt: it records the log position it reflects (record count, end, last
 * record's hash and start), and whoever opens it checks that position against the log and applies only the records
 * after it.
 *
 * <p>Only the current state is copied into the index. History entries and events are references into the log: each
 * state entry names the record that last wrote its key, a history entry links a record's write of a key to the record
 * that wrote the key before (keyed by record number, so history is appended, never inserted), an event entry is the
 * number of a record that has one, and values are read from those records in the log (each read checks the record's
 * CRC, hash and number) when asked for. So the index stays a fraction of the log's size, and a commit rewrites few
 * pages.
 *
 * <p>It never holds private data, not even a private key's name or hash: only the numbers of the records whose
 * private section is not empty, which the store reads from the log (sealed) and decrypts into memory. An MVStore keeps
 * superseded pages in its file until they are reused, so anything it ever held could outlive a purge there.
 *
 * <p>Applying a record is idempotent (every entry is keyed by the record or by the key), so replaying records the
 * index already partly holds repairs it. Only the writer (holding {@code ledger/LOCK}) opens it writable; it commits
 * a version only when the log is on disk up to the position that version records, so the index is never ahead of
 * the log. Readers open it read-only without a lock ({@link SharedReadPath}) and reopen it when it changes.
 *
 * <p>Keys are stored transformed so that the MVStore's UTF-16 string order is Unicode code point order, the order of
 * Fabric's state database ({@link #sortable}).
 */
final class LedgerIndex implements AutoCloseable {
    static final String FILE = "index.mv.db";
    private static final byte[] FORMAT = "prooftrail-index/4".getBytes(UTF_8);
    /** The log an index file reflects, beside it. */
    static final String LOG_FILE = "transactions.log";
    /**
     * How long the space of superseded pages is kept from reuse: far longer than a command uses one version (it reads
     * one for milliseconds). Longer would keep more superseded pages in the file; {@code ledger verify} reads the whole
     * index it opened first thing, and again from a version opened afresh if this was too short for it.
     */
    static final int RETENTION_MILLIS = 10_000;

    /**
     * Compaction starts when the chunks of the file hold less live data than this, and rewrites the chunks below it.
     * Each commit rewrites every page it changes, and registrations change pages all over the state (a digest puts
     * its key at a random place), so superseded pages accumulate as fast as commits write.
     */
    private static final int COMPACT_BELOW_PERCENT = 50;

    /** The least and the most one {@link #compact} rewrites; in between it follows how fast the file fills. */
    private static final int COMPACT_MIN_BYTES = 4 << 20;

    private static final int COMPACT_MAX_BYTES = 64 << 20;

    /**
     * Pages are split at this size. Every commit rewrites each page it changed, and a record changes pages all over the
     * state and history (keys hold digests and ids): small pages keep that rewriting, hence the file, small.
     */
    private static final int PAGE_BYTES = 4096;

    /**
     * A state entry's first byte, followed by the record that last wrote the key (8 bytes): the value follows, or a
     * key-level policy (int length, bytes) and then the value.
     */
    private static final byte NO_POLICY = 0;

    private static final byte POLICY = 1;

    private static final int WRITER_BYTES = Long.BYTES;

    /** The value of an event entry: the key says everything. */
    private static final byte[] REFERENCE = new byte[0];

    /** A history key holds the record number above these bits and the write's place in the record below them. */
    private static final int PLACE_BITS = 24;

    private final Path file;
    private final Path logFile;
    private final MVStore store;
    private final MVMap<String, byte[]> meta;
    /** Key -> state entry: the value and the key-level policy, if any. */
    private final MVMap<String, byte[]> state;
    /**
     * A record's write of a key -> the record that wrote (or deleted) that key before it, 0 if none: each key's
     * history is a chain from its state entry (or its {@link #deleted} entry) back through these. Keyed by record
     * number and the write's place in the record ({@link #write}), so entries are appended in order.
     */
    private final MVMap<Long, Long> history;
    /** Deleted key -> the record that deleted it: where the history of a key without a state entry starts. */
    private final MVMap<String, Long> deleted;
    /** Record number -> where it starts in the log. */
    private final MVMap<Long, Long> records;
    /** Only in indexes built to check a log (verify): the live index's transaction ids are its own, never replayed. */
    private final MVMap<String, Long> txIds;
    /** Record number -> nothing: the record holds a chaincode event. */
    private final MVMap<Long, byte[]> events;

    private final MVMap<Long, Long> privateRecords;

    /** How much the next {@link #compact} may rewrite, and the fill rate the last one saw (writer only). */
    private int compactBytes = COMPACT_MIN_BYTES;

    private int lastFill = 100;

    /** The log position an index reflects: the records applied, where they end, the last one's hash and start. */
    record Position(long records, long end, byte[] lastHash, long lastStart) {
        static final Position EMPTY = new Position(0, 0, LogRecord.NO_HASH, -1);

        /** Where a scan of the log continues after these records. */
        LogScanner.Result scanFrom() {
            return records == 0 ? LogScanner.START : new LogScanner.Result(records, lastHash, end, 0, -1, -1, null);
        }
    }

    /**
     * Opens the maps. The meta map keeps the MVStore's generic types, so that the format of any version can be read
     * from it; the others are typed (format 3), which compares keys and writes pages faster than the generic types,
     * and are opened only once the format is known to be this one.
     */
    private LedgerIndex(Path file, MVStore store, boolean checkTxIds, boolean create) {
        this.file = file;
        this.logFile = file.resolveSibling(LOG_FILE);
        this.store = store;
        this.meta = store.openMap("meta");
        if (create && meta.get("format") == null && !store.hasMap("records")) {
            meta.put("format", FORMAT);
        }
        checkFormat();
        this.state = store.openMap("state", bytesBy(StringDataType.INSTANCE));
        this.history = store.openMap("history", longs());
        this.deleted = store.openMap(
                "deleted",
                new MVMap.Builder<String, Long>()
                        .keyType(StringDataType.INSTANCE)
                        .valueType(LongDataType.INSTANCE));
        this.records = store.openMap("records", longs());
        this.txIds = checkTxIds
                ? store.openMap(
                        "txids",
                        new MVMap.Builder<String, Long>()
                                .keyType(StringDataType.INSTANCE)
                                .valueType(LongDataType.INSTANCE))
                : null;
        this.events = store.openMap("events", bytesBy(LongDataType.INSTANCE));
        this.privateRecords = store.openMap("private", longs());
    }

    private static MVMap.Builder<Long, Long> longs() {
        return new MVMap.Builder<Long, Long>().keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE);
    }

    private static <K> MVMap.Builder<K, byte[]> bytesBy(DataType<K> keyType) {
        return new MVMap.Builder<K, byte[]>().keyType(keyType).valueType(ByteArrayDataType.INSTANCE);
    }

    /**
     * Opens the index file to write, creating it owner-only if absent. Only the holder of the writer lock may.
     *
     * @throws IllegalStateException if the file is not a prooftrail index of this format
     */
    static LedgerIndex openWritable(Path file) throws IOException {
        return openWritable(file, false, false);
    }

    /**
     * Opens (creating) an index file for a rebuild from the whole log: it commits on its own as memory fills, so a
     * version may hold part of a record; nobody reads it before it is closed.
     */
    static LedgerIndex openBulk(Path file) throws IOException {
        return openWritable(file, true, false);
    }

    /** An index in memory only, for verifying a small log: nothing is written; it checks transaction ids. */
    static LedgerIndex inMemory() {
        return new LedgerIndex(Path.of("(memory)"), new MVStore.Builder().open(), true, true);
    }

    /** A scratch index file for verifying a large log: as {@link #openBulk}, and it checks transaction ids. */
    static LedgerIndex openScratch(Path file) throws IOException {
        return openWritable(file, true, true);
    }

    private static LedgerIndex openWritable(Path file, boolean bulk, boolean checkTxIds) throws IOException {
        if (!Files.exists(file)) {
            OwnerOnly.createFile(file, new byte[0]);
        }
        final MVStore store;
        try {
            final MVStore.Builder builder = new MVStore.Builder()
                    .fileName(file.toString())
                    .cacheSize(16)
                    .pageSplitSize(PAGE_BYTES);
            // The live index commits only when told to (after the log is forced): no background commits, and no
            // commit by a thread that applies a record when unsaved changes pass a threshold.
            // A bulk index (a rebuild, verification's scratch index) commits as its memory fills and compacts in the
            // MVStore's background thread, which keeps its file near its live size.
            store = (bulk ? builder : builder.autoCommitDisabled().autoCommitBufferSize(0)).open();
        } catch (MVStoreException e) {
            throw new IllegalStateException("the index " + file + " cannot be opened: " + e.getMessage(), e);
        }
        // A reader may still read versions the writer has superseded; keep their pages a while.
        store.setRetentionTime(RETENTION_MILLIS);
        return new LedgerIndex(file, store, checkTxIds, true);
    }

    /**
     * Opens the index file to read, taking no lock, at the last version the writer committed.
     *
     * @throws IllegalStateException if the file is not a readable prooftrail index
     */
    static LedgerIndex openReadOnly(Path file) {
        final MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(SharedReadPath.name(file))
                    .readOnly()
                    .cacheSize(16)
                    .open();
        } catch (MVStoreException e) {
            throw new IllegalStateException("the index " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (store.openMap("meta").get("format") == null) {
            store.closeImmediately();
            throw new IllegalStateException("the index " + file + " has not been written yet");
        }
        return new LedgerIndex(file, store, false, false);
    }

    private void checkFormat() {
        final byte[] format = meta.get("format");
        if (format == null || !MessageDigest.isEqual(format, FORMAT)) {
            store.closeImmediately();
            throw new IllegalStateException("the index " + file + " is not a " + new String(FORMAT, UTF_8)
                    + " file; rebuild it from the log" + " (prooftrail ledger reindex)");
        }
    }

    Path file() {
        return file;
    }

    /** The log position this index reflects. */
    Position position() {
        final byte[] bytes = meta.get("position");
        if (bytes == null) {
            return Position.EMPTY;
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final long count = in.getLong();
        final long end = in.getLong();
        final long lastStart = in.getLong();
        final byte[] hash = new byte[LogRecord.HASH_BYTES];
        in.get(hash);
        return new Position(count, end, hash, lastStart);
    }

    /**
     * Applies one committed record: its public write set, its event, its transaction id, and whether it holds
     * private writes; then records the new position. Replaying a record already (partly) applied changes nothing.
     *
     * @throws IllegalStateException if the transaction id was committed by another record (Fabric: DUPLICATE_TXID)
     */
    void apply(long number, String txId, byte[] hash, long start, long end, WriteSet writeSet, boolean hasPrivate) {
        if (txIds != null) {
            final Long earlier = txIds.get(txId);
            if (earlier != null && earlier != number) {
                throw new IllegalStateException(
                        "DUPLICATE_TXID: transaction " + txId + " is already committed in record " + earlier);
            }
            txIds.put(txId, number);
        }
        final int[] place = {0};
        writeSet.forEachWrite((key, value) -> applyWrite(number, place[0]++, key, value));
        writeSet.validationParameters().forEach((key, policy) -> {
            final String sortable = sortable(key);
            final byte[] entry = state.get(sortable);
            if (entry != null) {
                state.put(sortable, stateEntry(writerOf(entry), policy.length == 0 ? null : policy, valueOf(entry)));
            }
        });
        if (writeSet.event().isPresent()) {
            events.put(number, REFERENCE);
        }
        if (hasPrivate) {
            privateRecords.put(number, start);
        }
        records.put(number, start);
        final ByteBuffer position = ByteBuffer.allocate(24 + LogRecord.HASH_BYTES);
        position.putLong(number).putLong(end).putLong(start).put(hash);
        meta.put("position", position.array());
    }

    /** Applies record {@code number}'s write of {@code key} (a null value deletes it), its {@code place}-th write. */
    private void applyWrite(long number, int place, String key, byte[] value) {
        final String sortable = sortable(key);
        final byte[] replaced = state.operate(sortable, value, new StateUpdate(number, value));
        long previous = replaced == null ? 0 : writerOf(replaced);
        if (previous == 0) {
            final Long gone = value == null ? deleted.put(sortable, number) : deleted.remove(sortable);
            previous = gone == null ? 0 : gone;
        } else if (value == null) {
            deleted.put(sortable, number);
        }
        // A record applied again (a repair) finds itself as the previous writer: its entry is already there.
        if (previous != number) {
            history.put(write(number, place), previous);
        }
    }

    /** Makes what was applied durable as one version: call only once the log is on disk up to {@link #position}. */
    void commit() {
        store.commit();
    }

    /**
     * Rewrites the live pages of mostly superseded chunks and commits, so that their space can be reused and the file
     * stays within about twice what it holds: nothing while the chunks are at least {@value #COMPACT_BELOW_PERCENT} %
     * live, else as much as it rewrote last time, doubled while the fill rate still falls (up to {@value
     * #COMPACT_MAX_BYTES} bytes) and halved once it rises. Like {@link #commit}, call only once the log is on disk up
     * to {@link #position}.
     */
    void compact() {
        final int fill = store.getFileStore().getChunksFillRate();
        if (fill >= COMPACT_BELOW_PERCENT) {
            compactBytes = Math.max(COMPACT_MIN_BYTES, compactBytes / 2);
        } else {
            compactBytes = fill < lastFill
                    ? Math.min(COMPACT_MAX_BYTES, compactBytes * 2)
                    : Math.max(COMPACT_MIN_BYTES, compactBytes / 2);
            // In steps, each its own commit, so that no chunk of the file gets larger than a step.
            for (int rewritten = 0; rewritten < compactBytes; rewritten += COMPACT_MIN_BYTES) {
                if (!store.compact(COMPACT_BELOW_PERCENT, COMPACT_MIN_BYTES)) {
                    break;
                }
                store.commit();
            }
            if (store.hasUnsavedChanges()) {
                store.commit();
            }
        }
        lastFill = fill;
    }

    boolean hasUnsavedChanges() {
        return store.hasUnsavedChanges();
    }

    /** About how many bytes the next commit writes. */
    int unsavedBytes() {
        return store.getUnsavedMemory();
    }

    // ------------------------------------------------------------------------------------------- reads

    byte[] get(String key) {
        final byte[] entry = state.get(sortable(key));
        return entry == null ? null : valueOf(entry);
    }

    byte[] validationParameter(String key) {
        return policyOf(state.get(sortable(key)));
    }

    /** Public entries with start <= key < end (no upper bound if end is empty), in code point order. */
    Iterator<Map.Entry<String, byte[]>> range(String startInclusive, String endExclusive) {
        final String from = sortable(startInclusive);
        final String to = endExclusive.isEmpty() ? null : sortable(endExclusive);
        if (to != null && from.compareTo(to) >= 0) {
            return Collections.emptyIterator();
        }
        final Cursor<String, byte[]> cursor = state.cursor(from);
        return new Iterator<>() {
            private String key = advance();

            private String advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                final String next = cursor.next();
                return to != null && next.compareTo(to) >= 0 ? null : next;
            }

            @Override
            public boolean hasNext() {
                return key != null;
            }

            @Override
            public Map.Entry<String, byte[]> next() {
                if (key == null) {
                    throw new NoSuchElementException();
                }
                final Map.Entry<String, byte[]> entry = Map.entry(original(key), valueOf(cursor.getValue()));
                key = advance();
                return entry;
            }
        };
    }

    /**
     * Every committed modification of a public key, newest first as Fabric v2 returns them ({@link
     * org.prooftrail.chaincode.simulation.WorldState#history}), each read from the record in the log: the chain of
     * writers from the key's state entry (or, deleted, its entry among the deleted keys) back to its first write.
     */
    List<HistoryRecord> history(String key) {
        final String sortable = sortable(key);
        final byte[] entry = state.get(sortable);
        final Long gone = entry == null ? deleted.get(sortable) : null;
        long number = entry != null ? writerOf(entry) : gone == null ? 0 : gone;
        if (number == 0) {
            return List.of();
        }
        final List<HistoryRecord> found = new ArrayList<>();
        try (LogRandomAccess log = LogRandomAccess.open(logFile)) {
            while (number != 0) {
                final LogRecord record = read(log, number);
                final Written written = find(record.writeSet(), key);
                final Long previous = written.place < 0 ? null : history.get(write(number, written.place));
                if (previous == null || previous >= number) {
                    throw new IllegalStateException("the index " + file + " says record " + number
                            + " wrote a key it does not write; rebuild it (prooftrail ledger reindex)");
                }
                found.add(new HistoryRecord(record.txId(), record.timestamp(), written.value, written.value == null));
                number = previous;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the history of a key from " + logFile + ": " + e, e);
        }
        return Collections.unmodifiableList(found);
    }

    /** A key's place among the keys a write set writes, in key order (-1: not written), and its value (null: deleted). */
    private record Written(int place, byte[] value) {}

    private static Written find(WriteSet writeSet, String key) {
        final int[] counted = {0};
        final Written[] found = {new Written(-1, null)};
        writeSet.forEachWrite((written, value) -> {
            if (written.equals(key)) {
                found[0] = new Written(counted[0], value);
            }
            counted[0]++;
        });
        return found[0];
    }

    /** The history key of a record's write: the record number, then the write's place among the record's writes. */
    private static long write(long number, int place) {
        if (place >= 1 << PLACE_BITS || number >= 1L << (Long.SIZE - 1 - PLACE_BITS)) {
            throw new IllegalStateException(
                    "record " + number + " writes more keys, or is further along the log, than an index can hold");
        }
        return number << PLACE_BITS | place;
    }

    /** The events of blocks after {@code after} up to {@code upTo}, at most {@code limit}, in block order. */
    List<LedgerEvent> events(long after, long upTo, int limit) {
        final List<LedgerEvent> found = new ArrayList<>();
        if (upTo <= after) {
            return found;
        }
        final Cursor<Long, byte[]> cursor = events.cursor(after + 1, upTo, false);
        if (!cursor.hasNext()) {
            return found;
        }
        try (LogRandomAccess log = LogRandomAccess.open(logFile)) {
            while (cursor.hasNext() && found.size() < limit) {
                final long block = cursor.next();
                final LogRecord record = read(log, block);
                final ChaincodeEvent event = record.writeSet()
                        .event()
                        .orElseThrow(() -> new IllegalStateException("the index " + file + " says record " + block
                                + " holds an event, and it does not; rebuild it (prooftrail ledger reindex)"));
                found.add(new LedgerEvent(
                        block,
                        record.txId(),
                        event.getEventName(),
                        event.getPayload().toByteArray()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read events from " + logFile + ": " + e, e);
        }
        return found;
    }

    /** The record numbered {@code number}, read from the log where this index says it starts. */
    private LogRecord read(LogRandomAccess log, long number) throws IOException {
        final Long start = records.get(number);
        if (start == null) {
            throw new IllegalStateException("the index " + file + " does not know where record " + number
                    + " starts; rebuild it (prooftrail ledger reindex)");
        }
        return log.read(start, number).record();
    }

    /** Where each record with private writes after {@code after} starts in the log, in record order. */
    List<long[]> privateRecordsAfter(long after, long upTo) {
        final List<long[]> found = new ArrayList<>();
        if (upTo <= after) {
            return found;
        }
        final Cursor<Long, Long> cursor = privateRecords.cursor(after + 1, upTo, false);
        while (cursor.hasNext()) {
            final long number = cursor.next();
            found.add(new long[] {number, cursor.getValue()});
        }
        return found;
    }

    /**
     * A SHA-256 over everything the index holds below the given height, in key order: what verification compares
     * between the index in use and one rebuilt from the log.
     */
    byte[] digest() {
        // Pin the version read: compaction (the bulk index's background thread, the writer's flusher) frees the chunks
        // of superseded versions after the retention time, and reading a million records takes longer than that.
        final MVStore.TxCounter pinned = store.registerVersionUsage();
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final Cursor<String, byte[]> entries = state.cursor(null);
            while (entries.hasNext()) {
                update(digest, entries.next().getBytes(UTF_8));
                update(digest, entries.getValue());
            }
            final Cursor<String, Long> gone = deleted.cursor(null);
            while (gone.hasNext()) {
                update(digest, gone.next().getBytes(UTF_8));
                digest.update(ByteBuffer.allocate(8).putLong(gone.getValue()).array());
            }
            final Cursor<Long, byte[]> withEvents = events.cursor(null);
            while (withEvents.hasNext()) {
                digest.update(ByteBuffer.allocate(8).putLong(withEvents.next()).array());
            }
            for (MVMap<Long, Long> map : List.of(history, records, privateRecords)) {
                final Cursor<Long, Long> cursor = map.cursor(null);
                while (cursor.hasNext()) {
                    digest.update(ByteBuffer.allocate(16)
                            .putLong(cursor.next())
                            .putLong(cursor.getValue())
                            .array());
                }
            }
            update(digest, meta.get("position"));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        } finally {
            store.deregisterVersionUsage(pinned);
        }
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        final byte[] value = bytes == null ? new byte[0] : bytes;
        digest.update(ByteBuffer.allocate(4).putInt(value.length).array());
        digest.update(value);
    }

    /** Closes, first committing what was applied if writable (the caller made the log durable up to it). */
    @Override
    public void close() {
        if (!store.isClosed()) {
            if (!store.isReadOnly()) {
                store.commit();
            }
            store.close(0);
        }
    }

    /** Closes without committing what was applied since the last commit. */
    void abandon() {
        if (!store.isClosed()) {
            store.closeImmediately();
        }
    }

    // ------------------------------------------------------------------------------------------- encoding

    private static byte[] stateEntry(long writer, byte[] policy, byte[] value) {
        final ByteBuffer entry =
                ByteBuffer.allocate(1 + WRITER_BYTES + (policy == null ? 0 : 4 + policy.length) + value.length);
        if (policy == null) {
            entry.put(NO_POLICY).putLong(writer);
        } else {
            entry.put(POLICY).putLong(writer).putInt(policy.length).put(policy);
        }
        return entry.put(value).array();
    }

    private static long writerOf(byte[] entry) {
        return ByteBuffer.wrap(entry, 1, WRITER_BYTES).getLong();
    }

    private static byte[] policyOf(byte[] entry) {
        final int from = 1 + WRITER_BYTES + 4;
        return entry == null || entry[0] == NO_POLICY
                ? null
                : Arrays.copyOfRange(
                        entry,
                        from,
                        from + ByteBuffer.wrap(entry, 1 + WRITER_BYTES, 4).getInt());
    }

    private static byte[] valueOf(byte[] entry) {
        final int from = entry[0] == NO_POLICY
                ? 1 + WRITER_BYTES
                : 1
                        + WRITER_BYTES
                        + 4
                        + ByteBuffer.wrap(entry, 1 + WRITER_BYTES, 4).getInt();
        return Arrays.copyOfRange(entry, from, entry.length);
    }

    /**
     * A write of one key to the state in one descent of the map (a null value deletes): the new entry keeps the key's
     * policy and names the writing record. It is built from this write's own value, never from the value the map
     * hands back: {@link MVMap#operate} passes what the last {@link #selectValue} returned when it tries again after
     * another thread changed the map (a bulk index's background thread does), which would wrap the entry twice.
     */
    static final class StateUpdate extends MVMap.DecisionMaker<Object> {
        private final long writer;
        private final boolean delete;
        private final byte[] value;

        StateUpdate(long writer, byte[] value) {
            super();
            this.writer = writer;
            this.delete = value == null;
            this.value = delete ? new byte[0] : value.clone();
        }

        @Override
        public MVMap.Decision decide(Object existing, Object provided) {
            if (delete) {
                return existing == null ? MVMap.Decision.ABORT : MVMap.Decision.REMOVE;
            }
            return MVMap.Decision.PUT;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T selectValue(T existing, T provided) {
            // The map's values are byte arrays (ByteArrayDataType): T is byte[] here.
            return (T) stateEntry(writer, policyOf((byte[]) existing), value);
        }
    }

    /**
     * The key with its UTF-16 units moved so that {@link String#compareTo} orders transformed keys as code points
     * order the originals: surrogates (U+D800..U+DFFF) go above U+E000..U+FFFF, which move down to make room.
     */
    static String sortable(String key) {
        char[] chars = null;
        for (int i = 0; i < key.length(); i++) {
            final char c = key.charAt(i);
            if (c >= 0xD800) {
                if (chars == null) {
                    chars = key.toCharArray();
                }
                chars[i] = (char) (c < 0xE000 ? c + 0x2000 : c - 0x800);
            }
        }
        return chars == null ? key : new String(chars);
    }

    static String original(String sortable) {
        char[] chars = null;
        for (int i = 0; i < sortable.length(); i++) {
            final char c = sortable.charAt(i);
            if (c >= 0xD800) {
                if (chars == null) {
                    chars = sortable.toCharArray();
                }
                chars[i] = (char) (c >= 0xF800 ? c - 0x2000 : c + 0x800);
            }
        }
        return chars == null ? sortable : new String(chars);
    }
}
