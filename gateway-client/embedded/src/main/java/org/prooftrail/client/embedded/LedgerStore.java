package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.hyperledger.fabric.shim.Chaincode;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.TransactionSimulator;
import org.prooftrail.chaincode.simulation.WorldState;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.LedgerEventListener;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.protocol.Contracts;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Transaction;

/**
 * One open ledger folder: the transaction log (the source of truth), the durable index derived from it ({@link
 * LedgerIndex}: public state, history, events), the private data decrypted into memory, and the subscriptions.
 * Sessions ({@link LedgerSession}) submit through it as one identity each.
 *
 * <p>Opening reads neither the whole log nor the whole index: it checks that the index's last record is where the
 * log has it, applies the records after it (the writer; a reader whose index is behind and finds no writer repairs it
 * under the writer lock), and decrypts the records that hold private writes. An index that does not match the log is
 * rebuilt by the writer with a warning, or refused by a reader; {@link #reindex} rebuilds it on demand.
 *
 * <p>Readers and the writer. A store opens as a reader: it takes no lock, reads the index as the writer last committed
 * it and reopens it when it changes (before each evaluation, and every {@value #FOLLOW_MILLIS} ms while someone
 * subscribes). Its first submit makes it the writer: it takes the exclusive lock on {@code ledger/LOCK} (an OS file
 * lock, so one writer per folder across processes; a second one is refused), brings the index up to the log, cuts a
 * torn tail and from then on appends. {@link #open(Path, boolean)} with {@code write} becomes the writer at once.
 *
 * <p>Concurrency: a read-write lock keeps commits apart from simulations. A submit holds the write lock while it
 * simulates, appends its record and applies it to the index, so commits are serial and each simulation reads
 * everything committed before it; it then releases the lock and waits for the disk flush, which concurrent submitters
 * share. The writer commits the index (one MVStore version) at most {@value #FLUSH_MILLIS} ms after a change, and only
 * once the log is on disk up to what that version holds: the index is never ahead of the log, so what a reader sees
 * is always on disk. Nothing is acknowledged, evaluated or delivered as an event before its record is on disk.
 *
 * <p>Private data: each private write goes to the log sealed under a data key of its own, kept in {@code
 * ledger/keys/} ({@link PrivateData}, {@link PrivateDataKeys}); a purge destroys the data keys of the private key's
 * earlier writes once the purge is on disk. The index holds no private data; the decrypted private state lives in
 * memory only.
 */
final class LedgerStore {
    static final long FOLLOW_MILLIS = 100;
    static final long FLUSH_MILLIS = 1000;

    /** How often the writer looks whether its index is due for a commit. */
    private static final long FLUSH_TICK_MILLIS = 100;

    /** The writer commits its index once it holds this many bytes of changes, even within a second. */
    private static final int COMMIT_BYTES = 4 << 20;

    /** While catching up with a long log, the index is committed every this many records (bounded memory). */
    private static final int CATCH_UP_BATCH = 10_000;

    /** Verification rebuilds the index of a log up to this size in memory, of a larger one in a scratch file. */
    private static final long IN_MEMORY_VERIFY_BYTES = 16L << 20;

    /** How long a reader waits for the writer to commit records it found in the log before it gives up. */
    private static final long WRITER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long to wait before reading a record that did not verify a second time, in case it was being written. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** How a verification that could not read the index in use begins its finding. */
    private static final String UNREADABLE_INDEX = "the index in use ";

    private static final Logger LOGGER = Logger.getLogger(LedgerStore.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;
    private final Path ledger;
    private final Path logFile;
    private final Path indexFile;
    private final PrivateDataKeys keys;
    private final PrivateData.Names names = new PrivateData.Names();
    private final LocalIdentities identities = new LocalIdentities();
    private final Creator localUser;
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
    private final Object following = new Object();
    private final EventFeed events = new EventFeed(this::indexedEvents);
    private final Set<EventFeed.Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    // Guarded by the commit lock (replaced under its write lock).
    private LedgerIndex index;
    private final MemoryWorldState privateState = new MemoryWorldState();
    private long privateApplied;
    private WorldState world = new MemoryWorldState();
    private FileTime indexSeenModified;
    private long indexSeenSize = -1;
    private String indexProblem;
    private volatile boolean checked;

    private volatile Writer writer;
    /** When the writer last committed its index, and whether it was closed cleanly since (flusher only). */
    private long lastIndexCommit = System.nanoTime();

    private boolean indexClosedCleanly;

    private Thread poller;
    private Thread flusher;
    private volatile boolean closed;

    /** What the writer holds: the lock and the log it appends to. */
    private static final class Writer {
        final FileChannel lockFile;
        final FileLock lock;
        final TransactionLog log;

        Writer(FileChannel lockFile, FileLock lock, TransactionLog log) {
            this.lockFile = lockFile;
            this.lock = lock;
            this.log = log;
        }
    }

    private LedgerStore(Path home, Path ledger, Creator localUser) {
        this.home = home;
        this.ledger = ledger;
        this.logFile = ledger.resolve(LedgerIndex.LOG_FILE);
        this.indexFile = ledger.resolve(LedgerIndex.FILE);
        this.keys = new PrivateDataKeys(ledger.resolve("keys"));
        this.localUser = localUser;
    }

    /**
     * Opens the ledger folder, creating it owner-only if needed; as the writer at once if {@code write}, else as a
     * reader that becomes the writer on its first submit.
     */
    static LedgerStore open(Path home, boolean write) {
        Objects.requireNonNull(home, "home");
        final Path ledger = home.resolve("ledger");
        LedgerStore store = null;
        try {
            OwnerOnly.createDirectories(home);
            OwnerOnly.createDirectories(ledger);
            // A home made by an earlier version has a world-readable ledger folder.
            OwnerOnly.tighten(ledger);
            final Creator user = LocalIdentities.loadOrCreate(home.resolve("identity"), EmbeddedLedger.DEFAULT_MSP_ID);
            store = new LedgerStore(home, ledger, user);
            if (write) {
                store.becomeWriter();
            } else {
                store.openToRead();
            }
            final long height = store.height();
            LOGGER.fine(() -> "opened " + ledger + " at height " + height + (write ? " to write" : " to read"));
            return store;
        } catch (IOException e) {
            if (store != null) {
                store.close();
            }
            throw new GatewayUnavailableException(
                    "cannot open the embedded ledger in " + ledger + ": " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------- opening

    /**
     * A reader's open: opens the index read-only and checks it against the log; repairs it first (under the writer
     * lock, if no other process holds it) if it is missing or does not match the log, and brings it up to the log.
     * An index that does not match the log while another process writes is refused, never used.
     */
    private void openToRead() throws IOException {
        if (!Files.exists(logFile)) {
            checked = true; // nothing committed yet: the empty state; what a writer commits later is followed
            return;
        }
        follow();
        String problem = readerIndexProblem();
        if (problem != null) {
            repairIfNoWriter();
            follow();
            problem = readerIndexProblem();
        }
        if (problem != null) {
            throw new GatewayUnavailableException(
                    "cannot use the index of the embedded ledger " + ledger + " (" + problem + "): if the process"
                            + " that writes to it is starting, try again in a moment; otherwise rebuild it with"
                            + " prooftrail ledger reindex once that process has stopped",
                    null,
                    null);
        }
        // Only an index checked against the log makes events visible (one that did not match may have been ahead).
        checked = true;
        catchUpAsReader();
        events.publish(indexedRecords());
    }

    /** Why the index a reader opened cannot be used as it is, or null (it may still be behind the log). */
    private String readerIndexProblem() throws IOException {
        if (index == null) {
            return indexProblem == null ? "there is none yet" : indexProblem;
        }
        return mismatch(index.position());
    }

    /**
     * Brings the index up to the log's complete records under the writer lock, if no other process holds it; else
     * leaves it to that process. Like every reader it never changes the log (a torn tail stays for the writer to cut)
     * nor the key store.
     */
    private void repairIfNoWriter() throws IOException {
        synchronized (following) {
            try (FileChannel lockFile = OwnerOnly.open(ledger.resolve("LOCK"), StandardOpenOption.WRITE)) {
                final FileLock lock;
                try {
                    lock = lockFile.tryLock();
                } catch (OverlappingFileLockException e) {
                    return; // this process writes to it
                }
                if (lock == null) {
                    return; // another process writes: it keeps the index
                }
                try {
                    final LedgerIndex repaired = openIndexForWriting();
                    try {
                        final LogScanner.Result scanned =
                                LogScanner.scan(logFile, repaired.position().scanFrom(), -1, catchUp(repaired));
                        if (scanned.problem != null) {
                            repaired.abandon();
                            throw new CorruptLedgerException(scanned.verification(logFile));
                        }
                        forceLog();
                    } finally {
                        repaired.close();
                    }
                } finally {
                    lock.release();
                }
            }
        }
    }

    /**
     * A reader's catch-up before it answers: reopens the index if the writer committed since, and if the log holds
     * complete records the index does not, waits for the writer to commit them (it does within {@value
     * #FLUSH_MILLIS} ms), or, when no writer runs (it crashed), repairs the index itself. So a reader answers with
     * every transaction acknowledged before it asked.
     */
    private void catchUpAsReader() {
        if (writer != null || closed) {
            return;
        }
        follow();
        try {
            if (!Files.exists(logFile)) {
                return;
            }
            final long beyond = recordsBeyondIndex();
            if (beyond == 0) {
                return;
            }
            final long deadline = System.nanoTime() + WRITER_WAIT_NANOS;
            while (indexedRecords() < beyond && System.nanoTime() < deadline && writer == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                follow();
            }
            if (writer == null && indexedRecords() < beyond) {
                repairIfNoWriter();
                follow();
            }
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot read the embedded ledger log " + logFile + ": " + e.getMessage(), null, e);
        }
    }

    /** How many complete records the log holds in all, if more than the index holds; else 0. */
    private long recordsBeyondIndex() throws IOException {
        final LedgerIndex.Position indexed;
        commits.readLock().lock();
        try {
            indexed = index == null ? LedgerIndex.Position.EMPTY : index.position();
        } finally {
            commits.readLock().unlock();
        }
        if (Files.size(logFile) <= Math.max(indexed.end(), LogScanner.FILE_HEADER.length)) {
            return 0;
        }
        LogScanner.Result tail = LogScanner.scan(logFile, indexed.scanFrom(), -1, record -> {});
        if (tail.problem != null) {
            // A file system may show a record before all of it: look again before calling it corrupt.
            LockSupport.parkNanos(RECHECK_NANOS);
            tail = LogScanner.scan(logFile, indexed.scanFrom(), -1, record -> {});
            if (tail.problem != null) {
                throw new CorruptLedgerException(tail.verification(logFile));
            }
        }
        return tail.records > indexed.records() ? tail.records : 0;
    }

    private long indexedRecords() {
        commits.readLock().lock();
        try {
            return index == null ? 0 : index.position().records();
        } finally {
            commits.readLock().unlock();
        }
    }

    /**
     * The index opened to write, checked against the log: one that does not match it (or cannot be read) is rebuilt
     * from the log, with a warning. Only the holder of the writer lock calls this.
     */
    private LedgerIndex openIndexForWriting() throws IOException {
        deleteLeftovers();
        return openIndexFile();
    }

    /**
     * {@link #openIndexForWriting} without removing leftovers: for the writer reopening its index while other
     * processes' verifications may still use their scratch files.
     */
    private LedgerIndex openIndexFile() throws IOException {
        String problem;
        LedgerIndex opened = null;
        try {
            opened = LedgerIndex.openWritable(indexFile);
            problem = mismatch(opened.position());
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return opened;
        }
        if (opened != null) {
            opened.abandon();
        }
        final String why = problem;
        if (Files.exists(logFile) && Files.size(logFile) > LogScanner.FILE_HEADER.length) {
            LOGGER.warning(() -> "the index " + indexFile + " does not match the log (" + why + "); rebuilding it"
                    + " from the log");
        }
        Files.deleteIfExists(indexFile);
        return LedgerIndex.openWritable(indexFile);
    }

    /** Why the index at {@code position} does not match the log, or null if its last record is the log's. */
    private String mismatch(LedgerIndex.Position position) throws IOException {
        if (position.records() == 0) {
            return null;
        }
        if (!Files.exists(logFile)) {
            return "the index holds " + position.records() + " records but there is no log";
        }
        try (LogRandomAccess log = LogRandomAccess.open(logFile)) {
            if (log.size() < position.end()) {
                return "the log is " + log.size() + " bytes long, shorter than the " + position.end()
                        + " bytes the index reflects";
            }
            final LogRandomAccess.Located last = log.read(position.lastStart(), position.records());
            if (last.end() != position.end()
                    || !MessageDigest.isEqual(last.record().hash(), position.lastHash())) {
                return "record " + position.records() + " of the log is not the one the index reflects";
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** A scan consumer that applies each record to {@code target} (public part), committing it now and then. */
    private Consumer<LogRecord> catchUp(LedgerIndex target) {
        final long[] next = {
            target.position().records() == 0
                    ? LogScanner.FILE_HEADER.length
                    : target.position().end()
        };
        final int[] pending = {0};
        return record -> {
            final long start = next[0];
            final long end = start + record.size();
            target.apply(
                    record.number(),
                    record.txId(),
                    record.hash(),
                    start,
                    end,
                    record.writeSet(),
                    record.hasPrivateWrites());
            next[0] = end;
            if (++pending[0] >= CATCH_UP_BATCH) {
                forceLog();
                target.commit();
                pending[0] = 0;
            }
        };
    }

    /** Removes what an interrupted reindex or verification left. */
    private void deleteLeftovers() throws IOException {
        Files.deleteIfExists(ledger.resolve(LedgerIndex.FILE + ".new"));
        try (var files = Files.newDirectoryStream(ledger, "verify-*" + LedgerIndex.FILE)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Forces the log file (a reader's descriptor is enough on Linux); records read from it may not have been. */
    private void forceLog() {
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (IOException e) {
            LOGGER.fine(() -> "cannot force " + logFile + ": " + e);
        }
    }

    /**
     * A reader's look for news: reopens the index if the writer committed a new version since the last look, and
     * decrypts the private writes of the records it adds. Nothing once this store is the writer.
     */
    private void follow() {
        if (writer != null || closed) {
            return;
        }
        synchronized (following) {
            if (writer != null || closed) {
                return;
            }
            final FileTime modified;
            final long size;
            try {
                if (!Files.exists(indexFile)) {
                    return;
                }
                modified = Files.getLastModifiedTime(indexFile);
                size = Files.size(indexFile);
            } catch (IOException e) {
                return;
            }
            if (modified.equals(indexSeenModified) && size == indexSeenSize) {
                return;
            }
            final LedgerIndex fresh;
            try {
                fresh = LedgerIndex.openReadOnly(indexFile);
            } catch (IllegalStateException e) {
                if (index == null) {
                    indexProblem = e.getMessage(); // perhaps being created by the writer
                    return;
                }
                throw new GatewayUnavailableException(
                        "cannot read the index of the embedded ledger: " + e.getMessage(), null, e);
            }
            commits.writeLock().lock();
            try {
                final LedgerIndex previous = index;
                use(fresh);
                indexSeenModified = modified;
                indexSeenSize = size;
                if (previous != null) {
                    previous.close();
                }
                loadPrivate(fresh.position().records());
            } catch (IOException e) {
                throw new GatewayUnavailableException(
                        "cannot read the embedded ledger log " + logFile + ": " + e.getMessage(), null, e);
            } finally {
                commits.writeLock().unlock();
            }
            if (checked) {
                events.publish(fresh.position().records());
            }
        }
    }

    /** Decrypts into memory the private writes of the indexed records after those already loaded, up to {@code upTo}. */
    private void loadPrivate(long upTo) throws IOException {
        final List<long[]> found = index.privateRecordsAfter(privateApplied, upTo);
        if (found.isEmpty()) {
            privateApplied = Math.max(privateApplied, upTo);
            return;
        }
        try (LogRandomAccess log = LogRandomAccess.open(logFile)) {
            for (long[] entry : found) {
                final LogRecord record = log.read(entry[1], entry[0]).record();
                final WriteSet whole;
                try {
                    whole = PrivateData.open(record, keys, names);
                } catch (IllegalArgumentException e) {
                    throw new CorruptLedgerException(new LedgerVerification(
                            logFile,
                            record.number() - 1,
                            LogRecord.hex(record.previousHash()),
                            record.number(),
                            entry[1],
                            "record " + record.number() + " at byte " + entry[1] + ": " + e.getMessage()));
                }
                privateState.commit(privatePart(whole), record.txId(), record.timestamp());
            }
        } catch (IllegalStateException e) {
            throw new CorruptLedgerException(
                    new LedgerVerification(logFile, 0, LogRecord.hex(LogRecord.NO_HASH), -1, -1, e.getMessage()));
        }
        privateApplied = Math.max(privateApplied, upTo);
    }

    /** The private writes of a whole write set, for the private state in memory. */
    private static WriteSet privatePart(WriteSet whole) {
        final WriteSet.Builder part = WriteSet.builder();
        for (String collection : whole.collections()) {
            whole.privatePuts(collection).forEach((key, value) -> part.putPrivate(collection, key, value));
            for (String key : whole.privateDeletes(collection)) {
                if (whole.purges(collection).contains(key)) {
                    part.purgePrivate(collection, key);
                } else {
                    part.deletePrivate(collection, key);
                }
            }
            whole.privateValidationParameters(collection)
                    .forEach((key, policy) -> part.privateValidationParameter(collection, key, policy));
        }
        return part.build();
    }

    /**
     * Takes the writer lock, brings the index up to the log (rebuilding it if it does not match), cuts a torn tail,
     * finishes purges a crashed writer did not, and opens the log for appending.
     */
    private void becomeWriter() {
        if (writer != null) {
            return;
        }
        synchronized (following) {
            if (writer != null) {
                return;
            }
            failIfClosed();
            FileChannel lockFile = null;
            try {
                lockFile = OwnerOnly.open(ledger.resolve("LOCK"), StandardOpenOption.WRITE);
                final FileLock lock;
                try {
                    lock = lockFile.tryLock();
                } catch (OverlappingFileLockException e) {
                    throw new GatewayUnavailableException(
                            "the embedded ledger " + ledger + " is already open for writing in this process", null, e);
                }
                if (lock == null) {
                    throw new GatewayUnavailableException(
                            "the embedded ledger " + ledger + " is in use by another process that writes to it (one"
                                    + " writer at a time; reading commands such as show and watch need no lock)",
                            null,
                            null);
                }
                keys.prepare();
                final TransactionLog log;
                commits.writeLock().lock();
                try {
                    if (index != null) {
                        index.close();
                        index = null;
                    }
                    final LedgerIndex writable = openIndexForWriting();
                    try {
                        log = TransactionLog.open(logFile, writable.position().scanFrom(), catchUp(writable));
                        forceLog();
                        writable.commit();
                    } catch (IOException | RuntimeException e) {
                        writable.abandon();
                        throw e;
                    }
                    use(writable);
                    if (writable.position().records() < privateApplied) {
                        // The index was rebuilt shorter than what this reader had read: start the private state over.
                        throw new CorruptLedgerException(new LedgerVerification(
                                logFile,
                                writable.position().records(),
                                LogRecord.hex(writable.position().lastHash()),
                                -1,
                                -1,
                                "the log holds fewer records than this process had already read"));
                    }
                    loadPrivate(writable.position().records());
                } finally {
                    commits.writeLock().unlock();
                }
                writer = new Writer(lockFile, lock, log);
                events.publish(log.durableRecords());
                finishPurges();
                startFlushing();
            } catch (IOException e) {
                closeQuietly(lockFile);
                throw new GatewayUnavailableException(
                        "cannot open the embedded ledger in " + ledger + " for writing: " + e.getMessage(), null, e);
            } catch (RuntimeException e) {
                closeQuietly(lockFile);
                throw e;
            }
        }
    }

    /** Destroys the data keys that purges in the log erased but a crash left (the purge was on disk first). */
    private void finishPurges() {
        for (PrivateData.Purge purge : names.drainPurges()) {
            destroy(purge.token(), purge.record());
        }
    }

    private void destroy(byte[] token, long record) {
        try {
            final int destroyed = keys.destroyBefore(token, record);
            LOGGER.fine(() -> "purge in record " + record + " destroyed " + destroyed + " data keys");
        } catch (IOException e) {
            LOGGER.warning(() -> "could not destroy the data keys purged in record " + record + " (" + e.getMessage()
                    + "); the next open for writing retries");
        }
    }

    /** The writer commits the index a moment after it changes, once the log is on disk up to it. */
    private void startFlushing() {
        final Thread thread = new Thread(this::flushUntilClosed, "prooftrail-embedded-index");
        thread.setDaemon(true);
        flusher = thread;
        thread.start();
    }

    private void flushUntilClosed() {
        while (!closed) {
            synchronized (following) {
                if (closed) {
                    return;
                }
                try {
                    following.wait(FLUSH_TICK_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                flushIndex();
            } catch (RuntimeException e) {
                LOGGER.warning(() -> "committing the embedded ledger's index: " + e + "; the next open repairs it");
            }
        }
    }

    /**
     * Commits the index, after forcing the log up to what it holds, once it changed {@value #FLUSH_MILLIS} ms ago or
     * holds {@value #COMMIT_BYTES} bytes of changes (each commit is one chunk of the file; a reader that opens the
     * index while the writer has it open reads the newest chunks block by block, so chunks are kept small). Once the
     * index has not changed for {@value #FLUSH_MILLIS} ms it is closed cleanly and opened again: a cleanly closed
     * MVStore is opened by a reader without that search.
     */
    private void flushIndex() {
        final Writer current = writer;
        if (current == null) {
            return;
        }
        final boolean due = System.nanoTime() - lastIndexCommit >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
        final int unsaved;
        commits.readLock().lock();
        try {
            if (closed || index == null) {
                return;
            }
            unsaved = index.hasUnsavedChanges() ? Math.max(1, index.unsavedBytes()) : 0;
        } finally {
            commits.readLock().unlock();
        }
        if (unsaved == 0) {
            if (due && !indexClosedCleanly) {
                reopenIndexCleanly();
            }
            return;
        }
        if (!due && unsaved < COMMIT_BYTES) {
            return;
        }
        // Force the log up to what is applied so far without holding up submitters (they share this force); under the
        // lock, only what was appended meanwhile is left to force, usually already on its way by its submitters.
        current.log.awaitDurable(current.log.written());
        commits.writeLock().lock();
        try {
            if (closed || index == null || !index.hasUnsavedChanges()) {
                return;
            }
            current.log.awaitDurable(current.log.written());
            index.commit();
            index.compact();
            lastIndexCommit = System.nanoTime();
            indexClosedCleanly = false;
        } finally {
            commits.writeLock().unlock();
        }
    }

    /** Makes {@code opened} the index in use, which the contracts read through {@link #world}. Under the commit lock. */
    private void use(LedgerIndex opened) {
        index = opened;
        world = new IndexedWorldState(opened, privateState);
    }

    /** Closes the idle index cleanly and opens it again. */
    private void reopenIndexCleanly() {
        commits.writeLock().lock();
        try {
            if (closed || writer == null || index == null || index.hasUnsavedChanges()) {
                return;
            }
            reopenIndex(true);
            indexClosedCleanly = true;
        } finally {
            commits.writeLock().unlock();
        }
    }

    /**
     * Opens the writer's index again from its file, after closing it cleanly (an idle index) or abandoning what it
     * holds in memory (an index that could not be read), and applies the log's records after its last commit; an index
     * that no longer opens, or holds another log's records, is rebuilt from the log (with a warning). Holding the
     * commit write lock.
     */
    private void reopenIndex(boolean cleanly) {
        final Writer current = writer;
        current.log.awaitDurable(current.log.written());
        if (cleanly) {
            index.close();
        } else {
            index.abandon();
        }
        index = null;
        try {
            final LedgerIndex fresh = openIndexFile();
            try {
                LogScanner.scan(logFile, fresh.position().scanFrom(), current.log.written(), catchUp(fresh));
                fresh.commit();
            } catch (IOException | RuntimeException e) {
                fresh.abandon();
                throw e;
            }
            use(fresh);
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot open the embedded ledger's index " + indexFile + " again: " + e.getMessage(), null, e);
        }
    }

    private List<LedgerEvent> indexedEvents(long after, long upTo, int limit) {
        commits.readLock().lock();
        try {
            return index == null || closed ? List.of() : index.events(after, upTo, limit);
        } finally {
            commits.readLock().unlock();
        }
    }

    LedgerSession session() {
        return new LedgerSession(this, localUser, true);
    }

    LedgerSession session(String mspId, Set<org.prooftrail.protocol.Role> roles) {
        return new LedgerSession(this, identities.issue(mspId, roles), false);
    }

    Path home() {
        return home;
    }

    long height() {
        final Writer current = writer;
        if (current != null) {
            return current.log.durableRecords();
        }
        commits.readLock().lock();
        try {
            return index == null ? 0 : index.position().records();
        } finally {
            commits.readLock().unlock();
        }
    }

    /** Whether this store holds the writer lock. */
    boolean writing() {
        return writer != null;
    }

    SubmitResult submit(Creator creator, Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
        failIfClosed();
        becomeWriter();
        final TransactionLog log = writer.log;
        final String txId = newTxId(creator);
        final Chaincode.Response response;
        final TransactionLog.Appended appended;
        final PrivateData.Sealed sealed;
        commits.writeLock().lock();
        try {
            failIfClosed();
            // Taken under the writer lock, so timestamps never go backwards along the log.
            final Instant timestamp = Instant.now();
            final TransactionSimulator stub = stub(creator, txId, timestamp, transaction, arguments, data);
            response = run(stub, txId);
            final WriteSet writeSet = stub.writeSet();
            // The data keys are on disk before the record that needs them.
            sealed = PrivateData.seal(writeSet, log.nextNumber(), keys);
            appended = log.append(
                    txId, timestamp, creator.mspId(), creator.digest(), sealed.publicWriteSet, sealed.privateSection);
            // The disk forces the record while it is applied to the index.
            log.forceSoon();
            final boolean hasPrivate = !writeSet.collections().isEmpty();
            index.apply(appended.number, txId, appended.hash, appended.start, appended.end, writeSet, hasPrivate);
            if (hasPrivate) {
                privateState.commit(privatePart(writeSet), txId, timestamp);
            }
            privateApplied = appended.number;
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot store the data keys of a private write in " + keys.directory() + ": " + e.getMessage(),
                    null,
                    e);
        } finally {
            commits.writeLock().unlock();
        }
        log.awaitDurable(appended.end);
        // The purge is on disk: now its erased writes' keys go. A crash before this is finished at the next open.
        sealed.purgedTokens.forEach(token -> destroy(token, appended.number));
        events.publish(log.durableRecords());
        return new SubmitResult(txId, appended.number, payload(response));
    }

    byte[] evaluate(
            Creator creator, Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        failIfClosed();
        catchUpAsReader();
        final String txId = newTxId(creator);
        final Chaincode.Response response;
        final Writer current;
        final long seen;
        commits.readLock().lock();
        try {
            failIfClosed();
            current = writer;
            seen = current == null ? -1 : current.log.written();
            response = run(stub(creator, txId, Instant.now(), transaction, arguments, transientData), txId);
        } finally {
            commits.readLock().unlock();
        }
        if (current != null) {
            // What the query saw may include records not yet on disk; answer only once they are.
            current.log.awaitDurable(seen);
        }
        return payload(response);
    }

    EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(listener, "listener");
        failIfClosed();
        catchUpAsReader();
        startFollowing();
        final EventFeed.Subscription subscription = events.subscribe(checkpoint, listener, subscriptions::remove);
        subscriptions.add(subscription);
        return subscription;
    }

    /** A reader with subscribers looks for new records every {@link #FOLLOW_MILLIS} ms until it closes or writes. */
    private void startFollowing() {
        synchronized (following) {
            if (poller != null || writer != null) {
                return;
            }
            poller = new Thread(this::followUntilClosed, "prooftrail-embedded-follow");
            poller.setDaemon(true);
            poller.start();
        }
    }

    private void followUntilClosed() {
        while (!closed && writer == null) {
            try {
                catchUpAsReader();
            } catch (CorruptLedgerException e) {
                LOGGER.severe(() -> "stopped following the embedded ledger: " + e.getMessage());
                return;
            } catch (GatewayUnavailableException e) {
                LOGGER.warning(() -> "reading the embedded ledger: " + e.getMessage() + "; trying again");
            }
            synchronized (following) {
                if (closed) {
                    return;
                }
                try {
                    following.wait(FOLLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Checks the whole log (every record, the hash chain, the private sections and their keys) and that the index in
     * use is the one the log builds: the log is replayed into a fresh index beside it, compared and deleted.
     */
    LedgerVerification verify() {
        final LedgerVerification first = verifyOnce();
        final String problem = first.problem().orElse("");
        if (!problem.startsWith(UNREADABLE_INDEX) || writer == null) {
            return first;
        }
        // The index in use could not be read through (a damaged file, a page the MVStore no longer finds): open it
        // again from its last commit and the log's records after it, rebuilding it if need be, and check once more.
        LOGGER.warning(() -> problem + "; opening it again from its last commit and the log");
        commits.writeLock().lock();
        try {
            failIfClosed();
            reopenIndex(false);
        } finally {
            commits.writeLock().unlock();
        }
        return verifyOnce();
    }

    /** The digest of the index in use, or why it cannot be read (one of them null). */
    private record InUse(byte[] digest, String unreadable) {}

    private InUse inUseDigest() {
        try {
            return new InUse(index == null ? null : index.digest(), null);
        } catch (RuntimeException e) {
            return new InUse(
                    null,
                    UNREADABLE_INDEX + indexFile + " cannot be read (" + e.getMessage()
                            + "); rebuild it (prooftrail ledger reindex)");
        }
    }

    private LedgerVerification verifyOnce() {
        failIfClosed();
        try {
            catchUpAsReader();
        } catch (CorruptLedgerException e) {
            return e.verification();
        }
        if (writer == null && !Files.exists(logFile)) {
            return new LedgerVerification(logFile, 0, LogRecord.hex(LogRecord.NO_HASH), -1, -1, null);
        }
        commits.readLock().lock();
        Path scratch = null;
        try {
            failIfClosed();
            final Writer current = writer;
            final long end;
            final long committed;
            if (current != null) {
                current.log.awaitDurable(current.log.written());
                end = current.log.written();
                committed = current.log.durableRecords();
            } else {
                end = Files.size(logFile);
                committed = index == null ? 0 : index.position().records();
            }
            final LedgerIndex.Position indexed = index == null ? LedgerIndex.Position.EMPTY : index.position();
            // Read the index in use first: a reader's version must be read within the writer's retention time.
            final InUse inUse = inUseDigest();
            final byte[] inUseDigest = inUse.digest;
            final String unreadable = inUse.unreadable;
            scratch = ledger.resolve("verify-" + Long.toHexString(RANDOM.nextLong()) + LedgerIndex.FILE);
            final PrivateData.Names rebuiltNames = new PrivateData.Names();
            final LogScanner.Result result;
            final byte[] rebuiltDigest;
            // A small log is rebuilt in memory; a large one in a scratch file (bounded memory), deleted afterwards.
            try (LedgerIndex rebuilt =
                    end <= IN_MEMORY_VERIFY_BYTES ? LedgerIndex.inMemory() : LedgerIndex.openScratch(scratch)) {
                final Consumer<LogRecord> apply = catchUp(rebuilt);
                final LogScanner.Result upToIndex = LogScanner.scan(logFile, indexed.end(), record -> {
                    apply.accept(record);
                    PrivateData.open(record, keys, rebuiltNames);
                });
                if (upToIndex.problem != null) {
                    return upToIndex.verification(logFile);
                }
                rebuiltDigest = upToIndex.records == indexed.records() ? rebuilt.digest() : null;
                result = LogScanner.scan(
                        logFile, upToIndex, end, record -> PrivateData.open(record, keys, rebuiltNames));
            }
            if (result.problem != null) {
                return result.verification(logFile);
            }
            if ((current != null && result.tornBytes > 0) || result.records < committed) {
                return new LedgerVerification(
                        logFile,
                        result.records,
                        LogRecord.hex(result.lastHash),
                        result.records + 1,
                        result.goodEnd,
                        "the log holds " + result.records + " complete records but " + committed + " were committed");
            }
            // Without a key store (a copy of the log alone, for an auditor) the log is all there is to check.
            final boolean keyStore = Files.isDirectory(keys.directory());
            if (keyStore && !rebuiltNames.unexplainedMissingKeys().isEmpty()) {
                // A writer in another process may have purged them after what this reader has read.
                LogScanner.scan(logFile, result, -1, rebuiltNames::notePurges);
            }
            final Map<String, Long> lost = keyStore ? rebuiltNames.unexplainedMissingKeys() : Map.of();
            if (!lost.isEmpty()) {
                final long first = java.util.Collections.min(lost.values());
                return new LedgerVerification(
                        logFile,
                        result.records,
                        LogRecord.hex(result.lastHash),
                        first,
                        -1,
                        "record " + first + ": the data keys of " + lost.size() + " private key(s) are missing from "
                                + keys.directory() + " though no purge erased them (one is token "
                                + lost.keySet().iterator().next() + "); their private data is lost");
            }
            if (unreadable != null) {
                return new LedgerVerification(
                        logFile, result.records, LogRecord.hex(result.lastHash), -1, -1, unreadable);
            }
            if (index != null && (rebuiltDigest == null || !MessageDigest.isEqual(rebuiltDigest, inUseDigest))) {
                return new LedgerVerification(
                        logFile,
                        result.records,
                        LogRecord.hex(result.lastHash),
                        -1,
                        -1,
                        "the index " + indexFile + " does not hold what the log's first " + indexed.records()
                                + " records build; rebuild it (prooftrail ledger reindex)");
            }
            return result.verification(logFile);
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot read the embedded ledger log " + logFile + ": " + e.getMessage(), null, e);
        } finally {
            commits.readLock().unlock();
            deleteQuietly(scratch);
        }
    }

    /**
     * Rebuilds the index from the whole log, as the writer: into a new file beside the old one, which it then
     * replaces. Returns how many records the new index holds.
     */
    long reindex() {
        failIfClosed();
        becomeWriter();
        final Writer current = writer;
        final Path fresh = ledger.resolve(LedgerIndex.FILE + ".new");
        commits.writeLock().lock();
        try {
            failIfClosed();
            current.log.awaitDurable(current.log.written());
            Files.deleteIfExists(fresh);
            final long records;
            try (LedgerIndex rebuilt = LedgerIndex.openBulk(fresh)) {
                final LogScanner.Result result = LogScanner.scan(logFile, current.log.written(), catchUp(rebuilt));
                if (result.problem != null) {
                    throw new CorruptLedgerException(result.verification(logFile));
                }
                records = result.records;
            }
            index.abandon();
            Files.move(fresh, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            OwnerOnly.forceDirectory(ledger);
            use(LedgerIndex.openWritable(indexFile));
            LOGGER.fine(() -> "rebuilt the index " + indexFile + " from " + records + " records of " + logFile);
            return records;
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot rebuild the index " + indexFile + ": " + e.getMessage(), null, e);
        } finally {
            commits.writeLock().unlock();
            deleteQuietly(fresh);
        }
    }

    void close() {
        final Thread following;
        final Thread flushing;
        synchronized (this.following) {
            if (closed) {
                return;
            }
            following = poller;
            flushing = flusher;
            closed = true;
            this.following.notifyAll();
        }
        new ArrayList<>(subscriptions).forEach(EventFeed.Subscription::close);
        for (Thread thread : new Thread[] {following, flushing}) {
            if (thread != null && thread != Thread.currentThread()) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        commits.writeLock().lock();
        try {
            events.shutdown();
            final Writer current = writer;
            if (current != null) {
                // Submitters already appended are waiting for their force; let them have it rather than fail them.
                current.log.awaitDurable(current.log.written());
                if (index != null) {
                    index.close();
                }
                current.log.close();
                current.lock.release();
                current.lockFile.close();
            } else if (index != null) {
                index.close();
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warning(() -> "closing the embedded ledger in " + home + ": " + e);
        } finally {
            commits.writeLock().unlock();
        }
    }

    private TransactionSimulator stub(
            Creator creator,
            String txId,
            Instant timestamp,
            Transaction transaction,
            List<String> arguments,
            Map<String, byte[]> transientData) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(transientData, "transientData");
        return TransactionSimulator.builder()
                .worldState(world)
                .channelId(Contracts.CHAINCODE)
                .chaincodeName(Contracts.CHAINCODE)
                .txId(txId)
                .timestamp(timestamp)
                .creator(creator.presented())
                .peerMspId(creator.mspId())
                .arguments(transaction.qualifiedName(), arguments.toArray(String[]::new))
                .transientMap(transientData)
                .build();
    }

    private static Chaincode.Response run(TransactionSimulator stub, String txId) {
        final Chaincode.Response response;
        try {
            response = InProcessChaincode.invoke(stub);
        } catch (GatewayUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ContractRejectedException(ErrorCode.INTERNAL, "the chaincode failed: " + e, txId, e);
        }
        if (response.getStatus() != Chaincode.Response.Status.SUCCESS) {
            final String message = response.getMessage() == null ? "" : response.getMessage();
            final ProofTrailException parsed = ProofTrailException.parse(message)
                    .orElseGet(() -> new ProofTrailException(
                            ErrorCode.INTERNAL,
                            message.isEmpty() ? "the chaincode failed without a message" : message));
            throw new ContractRejectedException(parsed.code(), parsed.detail(), txId, null);
        }
        return response;
    }

    private static byte[] payload(Chaincode.Response response) {
        return response.getPayload() == null ? new byte[0] : response.getPayload();
    }

    /** As Fabric derives it: SHA-256 of a random nonce and the creator, in hex. */
    private static String newTxId(Creator creator) {
        final byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        final byte[] serialized = creator.serialized();
        final byte[] input = new byte[nonce.length + serialized.length];
        System.arraycopy(nonce, 0, input, 0, nonce.length);
        System.arraycopy(serialized, 0, input, nonce.length, serialized.length);
        return LogRecord.hex(LogRecord.sha256(input));
    }

    private void failIfClosed() {
        if (closed) {
            throw new GatewayUnavailableException("the embedded ledger in " + home + " is closed", null, null);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOGGER.fine(() -> "deleting " + file + ": " + e);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOGGER.fine(() -> "closing " + e);
            }
        }
    }
}
