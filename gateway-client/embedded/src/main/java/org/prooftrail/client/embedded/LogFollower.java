package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The read side of a transaction log that another process may be appending to. Each {@link #poll} reads the complete
 * records written since the last one, checks them as the writer's open does, and hands them on; it stops before an
 * incomplete record (one being written, or the torn tail of a crashed writer) and tries again next time. It never
 * writes, truncates or repairs the file: only the writer does. Before returning it forces the file, and the store
 * answers from or publishes what it read only after that (it polls under its commit lock), so nothing a reader shows
 * can still be lost by a crash of the machine.
 */
final class LogFollower {
    private static final Logger LOGGER = Logger.getLogger(LogFollower.class.getName());
    /** How long to wait before reading a record that did not verify a second time, in case it was being written. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path file;
    private LogScanner.Result position = LogScanner.START;

    LogFollower(Path file) {
        this.file = file;
    }

    /** The end of the records read so far, their count and the last one's hash. */
    synchronized LogScanner.Result position() {
        return position;
    }

    /** Whether the file has bytes past what was read: new records, or part of one. */
    boolean hasNew() {
        try {
            return Files.size(file) != position().goodEnd;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads and passes on the records appended since the last poll.
     *
     * @return how many records were read
     * @throws CorruptLedgerException if a record does not verify (twice, a moment apart)
     */
    synchronized long poll(Consumer<LogRecord> consumer) throws IOException {
        final long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return 0; // no writer has created it yet
        }
        if (size == position.goodEnd) {
            return 0;
        }
        LogScanner.Result scanned = LogScanner.scan(file, position, -1, consumer);
        if (scanned.problem != null && scanned.records == position.records) {
            // A file system may show a record before all of it: look again before calling it corrupt.
            LockSupport.parkNanos(RECHECK_NANOS);
            scanned = LogScanner.scan(file, position, -1, consumer);
        }
        final long read = scanned.records - position.records;
        if (read > 0) {
            force();
        }
        if ((read > 0 || scanned.problem == null) && scanned.goodEnd > position.goodEnd) {
            // Past the records read (and the file header), up to the first incomplete or bad record.
            position = new LogScanner.Result(scanned.records, scanned.lastHash, scanned.goodEnd, 0, -1, -1, null);
        }
        if (scanned.problem != null && read == 0) {
            throw new CorruptLedgerException(scanned.verification(file));
        }
        return read;
    }

    /**
     * Forces what was read to disk. Linux allows it on a read-only descriptor; where a platform refuses, the reader
     * goes on without it (it may then show a record that a machine crash takes back before the writer forced it).
     */
    private void force() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(false);
        } catch (IOException e) {
            LOGGER.fine(() -> "cannot force " + file + " from a reader: " + e);
        }
    }
}
