package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.Chaincode;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.TransactionSimulator;
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
 * One open ledger folder: the transaction log, the world state rebuilt from it, the committed events and the
 * subscriptions. Sessions ({@link LedgerSession}) submit through it as one identity each.
 *
 * <p>Readers and the writer. A store opens as a reader: it takes no lock, replays the log and follows it as another
 * process appends ({@link LogFollower}; before each evaluation, and every {@value #FOLLOW_MILLIS} ms while someone
 * subscribes). Its first submit makes it the writer: it takes the exclusive lock on {@code ledger/LOCK} (an OS file
 * lock, so one writer per folder across processes; a second one is refused), reads what other writers appended, cuts
 * a torn tail and from then on appends. {@link #open(Path, boolean)} with {@code write} becomes the writer at once.
 *
 * <p>Concurrency: a read-write lock keeps commits apart from simulations (the memory state's iterators must not see a
 * commit). A submit holds the write lock while it simulates, appends its record and applies it, so commits are
 * serial and each simulation reads everything committed before it; it then releases the lock and waits for the disk
 * flush, which concurrent submitters share. Nothing is acknowledged, evaluated or delivered as an event before the
 * records it depends on are on disk.
 *
 * <p>Private data: each private write goes to the log sealed under a data key of its own, kept in {@code
 * ledger/keys/} ({@link PrivateData}, {@link PrivateDataKeys}); a purge destroys the data keys of the private key's
 * earlier writes once the purge is on disk.
 */
final class LedgerStore {
    static final long FOLLOW_MILLIS = 100;

    private static final Logger LOGGER = Logger.getLogger(LedgerStore.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;
    private final Path ledger;
    private final Path logFile;
    private final PrivateDataKeys keys;
    private final PrivateData.Names names = new PrivateData.Names();
    private final LogFollower follower;
    private final MemoryWorldState state = new MemoryWorldState();
    private final LocalIdentities identities = new LocalIdentities();
    private final Creator localUser;
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
    private final Object following = new Object();
    private final EventFeed events = new EventFeed();
    private final Set<EventFeed.Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Writer writer;
    private Thread poller;
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
        this.logFile = ledger.resolve("transactions.log");
        this.keys = new PrivateDataKeys(ledger.resolve("keys"));
        this.follower = new LogFollower(logFile);
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
                store.follow();
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

    /** Reads what other processes appended since the last look; nothing once this store is the writer. */
    private void follow() {
        if (writer != null || !follower.hasNew()) {
            return;
        }
        synchronized (following) {
            if (writer != null || closed) {
                return;
            }
            commits.writeLock().lock();
            try {
                follower.poll(this::replay);
            } catch (IOException e) {
                throw new GatewayUnavailableException(
                        "cannot read the embedded ledger log " + logFile + ": " + e.getMessage(), null, e);
            } finally {
                commits.writeLock().unlock();
            }
            events.publish(follower.position().records);
        }
    }

    /**
     * Takes the writer lock, reads what was appended since this store last looked, cuts a torn tail, finishes purges
     * a crashed writer did not, and opens the log for appending.
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
                    log = TransactionLog.open(logFile, follower.position(), this::replay);
                } finally {
                    commits.writeLock().unlock();
                }
                writer = new Writer(lockFile, lock, log);
                events.publish(log.durableRecords());
                finishPurges();
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

    private void replay(LogRecord record) {
        replay(state, events, keys, names, record);
    }

    private static void replay(
            MemoryWorldState state, EventFeed events, PrivateDataKeys keys, PrivateData.Names names, LogRecord record) {
        final WriteSet writeSet = PrivateData.open(record, keys, names);
        state.commit(writeSet, record.txId(), record.timestamp());
        writeSet.event().ifPresent(event -> events.add(event(record.number(), record.txId(), event)));
    }

    private static LedgerEvent event(long block, String txId, ChaincodeEvent event) {
        return new LedgerEvent(
                block, txId, event.getEventName(), event.getPayload().toByteArray());
    }

    LedgerSession session() {
        return new LedgerSession(this, localUser, true);
    }

    LedgerSession session(String mspId, Set<org.prooftrail.chaincode.identity.Role> roles) {
        return new LedgerSession(this, identities.issue(mspId, roles), false);
    }

    Path home() {
        return home;
    }

    long height() {
        final Writer current = writer;
        return current != null ? current.log.durableRecords() : follower.position().records;
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
            state.commit(writeSet, txId, timestamp);
            writeSet.event().ifPresent(event -> events.add(event(appended.number, txId, event)));
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
        follow();
        final String txId = newTxId(creator);
        final TransactionSimulator stub = stub(creator, txId, Instant.now(), transaction, arguments, transientData);
        final Chaincode.Response response;
        final Writer current;
        final long seen;
        commits.readLock().lock();
        try {
            failIfClosed();
            current = writer;
            seen = current == null ? -1 : current.log.written();
            response = run(stub, txId);
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
        follow();
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
                follow();
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

    LedgerVerification verify() {
        failIfClosed();
        try {
            follow();
        } catch (CorruptLedgerException e) {
            return e.verification();
        }
        if (writer == null && !Files.exists(logFile)) {
            return new LedgerVerification(logFile, 0, LogRecord.hex(LogRecord.NO_HASH), -1, -1, null);
        }
        commits.readLock().lock();
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
                end = follower.position().goodEnd;
                committed = follower.position().records;
            }
            final MemoryWorldState rebuilt = new MemoryWorldState();
            final PrivateData.Names rebuiltNames = new PrivateData.Names();
            final LogScanner.Result result = LogScanner.scan(
                    logFile, end, record -> replay(rebuilt, new EventFeed(), keys, rebuiltNames, record));
            if (result.problem != null) {
                return result.verification(logFile);
            }
            if (result.tornBytes > 0 || result.records != committed) {
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
            if (!MessageDigest.isEqual(stateDigest(rebuilt), stateDigest(state))) {
                return new LedgerVerification(
                        logFile,
                        result.records,
                        LogRecord.hex(result.lastHash),
                        -1,
                        -1,
                        "replaying the log does not rebuild the state in use");
            }
            return result.verification(logFile);
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot read the embedded ledger log " + logFile + ": " + e.getMessage(), null, e);
        } finally {
            commits.readLock().unlock();
        }
    }

    void close() {
        final Thread following;
        synchronized (this.following) {
            if (closed) {
                return;
            }
            following = poller;
            closed = true;
            this.following.notifyAll();
        }
        new ArrayList<>(subscriptions).forEach(EventFeed.Subscription::close);
        if (following != null && following != Thread.currentThread()) {
            try {
                following.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commits.writeLock().lock();
        try {
            events.shutdown();
            final Writer current = writer;
            if (current != null) {
                // Submitters already appended are waiting for their force; let them have it rather than fail them.
                current.log.awaitDurable(current.log.written());
                current.log.close();
                current.lock.release();
                current.lockFile.close();
            }
        } catch (IOException | GatewayUnavailableException e) {
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
                .worldState(state)
                .channelId(Contracts.CHAINCODE)
                .chaincodeName(Contracts.CHAINCODE)
                .txId(txId)
                .timestamp(timestamp)
                .creator(creator.serialized())
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

    private static byte[] stateDigest(MemoryWorldState state) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            final Iterator<Map.Entry<String, byte[]>> entries = state.range("", "");
            while (entries.hasNext()) {
                final Map.Entry<String, byte[]> entry = entries.next();
                final byte[] key = entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                digest.update(java.nio.ByteBuffer.allocate(4).putInt(key.length).array());
                digest.update(key);
                digest.update(java.nio.ByteBuffer.allocate(4)
                        .putInt(entry.getValue().length)
                        .array());
                digest.update(entry.getValue());
            }
            digest.update(
                    java.nio.ByteBuffer.allocate(8).putLong(state.height()).array());
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private void failIfClosed() {
        if (closed) {
            throw new GatewayUnavailableException("the embedded ledger in " + home + " is closed", null, null);
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
