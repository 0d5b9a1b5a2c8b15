package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.prooftrail.client.GatewayUnavailableException;

/**
 * The append side of the transaction log, with group commit. {@link #append} writes a record without forcing it;
 * {@link #awaitDurable} returns once the bytes up to a position are forced to disk. Whichever waiter finds no force
 * under way forces everything written so far, so concurrent submitters share one {@code fdatasync}; none returns
 * before its own record is covered.
 *
 * <p>After a failed write or force the log refuses all further work: what reached the disk is unknown (and a retried
 * {@code fsync} may falsely succeed), so the only safe continuation is to reopen, which re-verifies the file.
 */
final class TransactionLog implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(TransactionLog.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final Object monitor = new Object();
    /** Where {@link #forceSoon} asks the log's own thread to force. */
    private final Object requests = new Object();

    // Guarded by requests.
    private Thread forcer;
    private boolean forceRequested;
    private boolean closing;

    // Guarded by the caller's single-writer lock.
    private byte[] lastHash;

    // Guarded by monitor.
    private long written;
    private long writtenRecords;
    private long durable;
    private long durableRecords;
    private boolean forcing;
    private IOException failure;

    private TransactionLog(Path file, FileChannel channel, LogScanner.Result scanned) {
        this.file = file;
        this.channel = channel;
        this.lastHash = scanned.lastHash;
        this.written = scanned.goodEnd;
        this.durable = scanned.goodEnd;
        this.writtenRecords = scanned.records;
        this.durableRecords = scanned.records;
    }

    /**
     * Opens the log for appending, creating it (owner-only) if absent: replays every record after {@code from} (where
     * a reader's scan of the same file ended; {@link LogScanner#START} for the whole log) into {@code replay} in order
     * and cuts off a torn tail. Only the process holding the writer lock may call this.
     *
     * @throws CorruptLedgerException if the log does not verify
     */
    static TransactionLog open(Path file, LogScanner.Result from, Consumer<LogRecord> replay) throws IOException {
        final boolean created = !Files.exists(file);
        final FileChannel channel = OwnerOnly.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (created) {
                writeFully(channel, ByteBuffer.wrap(LogScanner.FILE_HEADER), 0);
                channel.force(true);
                OwnerOnly.forceDirectory(file.getParent());
            }
            final LogScanner.Result scanned = LogScanner.scan(file, from, -1, replay);
            if (scanned.problem != null) {
                throw new CorruptLedgerException(scanned.verification(file));
            }
            final LogScanner.Result usable;
            if (scanned.tornBytes > 0 || scanned.goodEnd < LogScanner.FILE_HEADER.length) {
                LOGGER.warning(
                        () -> "cutting off " + scanned.tornBytes + " bytes of an interrupted write at the end of "
                                + file + " (never acknowledged); " + scanned.records + " records are intact");
                if (scanned.goodEnd < LogScanner.FILE_HEADER.length) {
                    channel.truncate(0);
                    writeFully(channel, ByteBuffer.wrap(LogScanner.FILE_HEADER), 0);
                    usable =
                            new LogScanner.Result(0, LogRecord.NO_HASH, LogScanner.FILE_HEADER.length, 0, -1, -1, null);
                } else {
                    channel.truncate(scanned.goodEnd);
                    usable = scanned;
                }
                channel.force(true);
            } else {
                usable = scanned;
            }
            return new TransactionLog(file, channel, usable);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /**
     * Writes the next record, not yet forced. Callers serialise appends (one writer).
     *
     * @return the record's number and the log position just after it
     */
    Appended append(
            String txId,
            Instant timestamp,
            String mspId,
            byte[] creatorDigest,
            byte[] writeSet,
            byte[] privateSection) {
        final long number;
        final long position;
        synchronized (monitor) {
            failIfBroken();
            number = writtenRecords + 1;
            position = written;
        }
        final byte[] record =
                LogRecord.encode(number, txId, timestamp, mspId, creatorDigest, lastHash, writeSet, privateSection);
        try {
            writeFully(channel, ByteBuffer.wrap(record), position);
        } catch (IOException e) {
            synchronized (monitor) {
                failure = e;
                monitor.notifyAll();
            }
            throw broken(e);
        }
        lastHash = LogRecord.sha256(
                java.util.Arrays.copyOfRange(record, LogRecord.HEADER_BYTES, record.length - LogRecord.HASH_BYTES));
        synchronized (monitor) {
            written = position + record.length;
            writtenRecords = number;
            return new Appended(number, position, written, lastHash);
        }
    }

    /** The hash of the last record written. Callers serialise appends (one writer). */
    byte[] lastHash() {
        return lastHash.clone();
    }

    /** The number the next appended record will have. Callers serialise appends (one writer). */
    long nextNumber() {
        synchronized (monitor) {
            failIfBroken();
            return writtenRecords + 1;
        }
    }

    /** Where a record ended up, and its hash. */
    static final class Appended {
        final long number;
        final long start;
        final long end;
        final byte[] hash;

        Appended(long number, long start, long end, byte[] hash) {
            this.number = number;
            this.start = start;
            this.end = end;
            this.hash = hash;
        }
    }

    /**
     * Starts forcing everything written so far on the log's own thread, so that the disk works while the caller goes
     * on with what it need not wait for (a submitter applies its record to the index); it still {@linkplain
     * #awaitDurable awaits} its record before acknowledging it.
     */
    void forceSoon() {
        synchronized (requests) {
            if (closing) {
                return;
            }
            if (forcer == null) {
                forcer = new Thread(this::forceWhenAsked, "prooftrail-embedded-log");
                forcer.setDaemon(true);
                forcer.start();
            }
            forceRequested = true;
            requests.notifyAll();
        }
    }

    private void forceWhenAsked() {
        while (true) {
            synchronized (requests) {
                while (!forceRequested && !closing) {
                    try {
                        requests.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closing) {
                    return;
                }
                forceRequested = false;
            }
            try {
                awaitDurable(written());
            } catch (GatewayUnavailableException e) {
                return; // the log is broken: every waiter is told so
            }
        }
    }

    /** Returns once every byte before {@code end} is on disk, forcing the log if no one else is. */
    void awaitDurable(long end) {
        while (true) {
            final long target;
            final long targetRecords;
            synchronized (monitor) {
                while (true) {
                    failIfBroken();
                    if (durable >= end) {
                        return;
                    }
                    if (!forcing) {
                        break;
                    }
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new GatewayUnavailableException(
                                "interrupted while waiting for the embedded ledger to reach the disk", null, e);
                    }
                }
                forcing = true;
                target = written;
                targetRecords = writtenRecords;
            }
            IOException error = null;
            try {
                channel.force(false);
            } catch (IOException e) {
                error = e;
            }
            synchronized (monitor) {
                forcing = false;
                if (error != null) {
                    failure = error;
                } else {
                    durable = Math.max(durable, target);
                    durableRecords = Math.max(durableRecords, targetRecords);
                }
                monitor.notifyAll();
            }
        }
    }

    /** The position up to which records have been written (forced or not). */
    long written() {
        synchronized (monitor) {
            return written;
        }
    }

    /** How many records are on disk. */
    long durableRecords() {
        synchronized (monitor) {
            return durableRecords;
        }
    }

    private void failIfBroken() {
        if (failure != null) {
            throw broken(failure);
        }
    }

    private GatewayUnavailableException broken(IOException cause) {
        return new GatewayUnavailableException(
                "the embedded ledger could not write its log " + file + " (" + cause.getMessage()
                        + "); close and reopen it, which re-verifies the log",
                null,
                cause);
    }

    @Override
    public void close() throws IOException {
        final Thread thread;
        synchronized (requests) {
            closing = true;
            thread = forcer;
            requests.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.close();
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }
}
