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
 * <p>Concurrency: a read-write lock keeps commits apart from simulations (the memory state's iterators must not see a
 * commit). A submit holds the write lock while it simulates, appends its record and applies it, so commits are
 * serial and each simulation reads everything committed before it; it then releases the lock and waits for the disk
 * flush, which concurrent submitters share. Nothing is acknowledged, evaluated or delivered as an event before the
 * records it depends on are on disk.
 */
final class LedgerStore {
    private static final Logger LOGGER = Logger.getLogger(LedgerStore.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final TransactionLog log;
    private final MemoryWorldState state;
    private final LocalIdentities identities = new LocalIdentities();
    private final Creator localUser;
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
    private final EventFeed events;
    private final Set<EventFeed.Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LedgerStore(
            Path home,
            FileChannel lockFile,
            FileLock lock,
            TransactionLog log,
            MemoryWorldState state,
            EventFeed events,
            Creator localUser) {
        this.home = home;
        this.lockFile = lockFile;
        this.lock = lock;
        this.log = log;
        this.state = state;
        this.events = events;
        this.localUser = localUser;
    }

    static LedgerStore open(Path home) {
        Objects.requireNonNull(home, "home");
        // The contracts start on first use; a hostile environment is reported now, not in the middle of a command.
        InProcessChaincode.checkEnvironment();
        final Path ledger = home.resolve("ledger");
        FileChannel lockFile = null;
        try {
            Files.createDirectories(ledger);
            lockFile = FileChannel.open(ledger.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new GatewayUnavailableException("the embedded ledger " + ledger + " is already open", null, e);
            }
            if (lock == null) {
                throw new GatewayUnavailableException(
                        "the embedded ledger " + ledger + " is in use by another process", null, null);
            }
            final Creator user = LocalIdentities.loadOrCreate(home.resolve("identity"), EmbeddedLedger.DEFAULT_MSP_ID);
            final MemoryWorldState state = new MemoryWorldState();
            final EventFeed events = new EventFeed();
            final TransactionLog log =
                    TransactionLog.open(ledger.resolve("transactions.log"), record -> replay(state, events, record));
            events.publish(log.durableRecords());
            LOGGER.fine(() -> "opened " + ledger + " at height " + log.durableRecords());
            return new LedgerStore(home, lockFile, lock, log, state, events, user);
        } catch (IOException e) {
            closeQuietly(lockFile);
            throw new GatewayUnavailableException(
                    "cannot open the embedded ledger in " + ledger + ": " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            closeQuietly(lockFile);
            throw e;
        }
    }

    private static void replay(MemoryWorldState state, EventFeed events, LogRecord record) {
        final WriteSet writeSet = record.writeSet();
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
        return log.durableRecords();
    }

    SubmitResult submit(Creator creator, Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
        final String txId = newTxId(creator);
        final Chaincode.Response response;
        final TransactionLog.Appended appended;
        commits.writeLock().lock();
        try {
            failIfClosed();
            // Taken under the writer lock, so timestamps never go backwards along the log.
            final Instant timestamp = Instant.now();
            final TransactionSimulator stub = stub(creator, txId, timestamp, transaction, arguments, data);
            response = run(stub, txId);
            final WriteSet writeSet = stub.writeSet();
            appended = log.append(txId, timestamp, creator.mspId(), creator.digest(), writeSet.toBytes());
            state.commit(writeSet, txId, timestamp);
            writeSet.event().ifPresent(event -> events.add(event(appended.number, txId, event)));
        } finally {
            commits.writeLock().unlock();
        }
        log.awaitDurable(appended.end);
        events.publish(log.durableRecords());
        return new SubmitResult(txId, appended.number, payload(response));
    }

    byte[] evaluate(
            Creator creator, Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        final String txId = newTxId(creator);
        final TransactionSimulator stub = stub(creator, txId, Instant.now(), transaction, arguments, transientData);
        final Chaincode.Response response;
        final long seen;
        commits.readLock().lock();
        try {
            failIfClosed();
            seen = log.written();
            response = run(stub, txId);
        } finally {
            commits.readLock().unlock();
        }
        // What the query saw may include records not yet on disk; answer only once they are.
        log.awaitDurable(seen);
        return payload(response);
    }

    EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(listener, "listener");
        failIfClosed();
        final EventFeed.Subscription subscription = events.subscribe(checkpoint, listener, subscriptions::remove);
        subscriptions.add(subscription);
        return subscription;
    }

    LedgerVerification verify() {
        commits.readLock().lock();
        try {
            failIfClosed();
            log.awaitDurable(log.written());
            final MemoryWorldState rebuilt = new MemoryWorldState();
            final LogScanner.Result result =
                    LogScanner.scan(log.file(), log.written(), record -> replay(rebuilt, new EventFeed(), record));
            if (result.problem != null) {
                return result.verification(log.file());
            }
            if (result.tornBytes > 0 || result.records != log.durableRecords()) {
                return new LedgerVerification(
                        log.file(),
                        result.records,
                        LogRecord.hex(result.lastHash),
                        result.records + 1,
                        result.goodEnd,
                        "the log holds " + result.records + " complete records but " + log.durableRecords()
                                + " were committed");
            }
            if (!MessageDigest.isEqual(stateDigest(rebuilt), stateDigest(state))) {
                return new LedgerVerification(
                        log.file(),
                        result.records,
                        LogRecord.hex(result.lastHash),
                        -1,
                        -1,
                        "replaying the log does not rebuild the state in use");
            }
            return result.verification(log.file());
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot read the embedded ledger log " + log.file() + ": " + e.getMessage(), null, e);
        } finally {
            commits.readLock().unlock();
        }
    }

    void close() {
        if (closed) {
            return;
        }
        new ArrayList<>(subscriptions).forEach(EventFeed.Subscription::close);
        commits.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Submitters already appended are waiting for their force; let them have it rather than fail them.
            log.awaitDurable(log.written());
            events.shutdown();
            log.close();
            lock.release();
            lockFile.close();
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
