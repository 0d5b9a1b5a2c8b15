package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Reads single records of a transaction log by their position, for the index: checking that the record it last
 * applied is where it says and has the hash it says, and reading the private writes of a record when needed. Each
 * read checks the header CRC, the body's hash against the trailer and the record number, as a scan does; the hash
 * chain before the record is what {@code ledger verify} checks. The log format is {@link LogRecord}'s, unchanged.
 */
final class LogRandomAccess implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private LogRandomAccess(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static LogRandomAccess open(Path file) throws IOException {
        return new LogRandomAccess(file, FileChannel.open(file, StandardOpenOption.READ));
    }

    long size() throws IOException {
        return channel.size();
    }

    /** A record read at a position, and the position just after it. */
    record Located(LogRecord record, long end) {}

    /**
     * The record numbered {@code number} starting at byte {@code offset}.
     *
     * @throws IllegalStateException if there is no such intact record there
     */
    Located read(long offset, long number) throws IOException {
        final ByteBuffer header = readFully(offset, LogRecord.HEADER_BYTES, number);
        final int magic = header.getInt();
        final int length = header.getInt();
        final int crc = header.getInt();
        if (magic != LogRecord.MAGIC
                || crc != LogRecord.headerCrc(magic, length)
                || length < 0
                || length > LogRecord.MAX_BODY_BYTES) {
            throw new IllegalStateException("no record header at byte " + offset + " of " + file);
        }
        final ByteBuffer rest = readFully(offset + LogRecord.HEADER_BYTES, length + LogRecord.HASH_BYTES, number);
        final byte[] body = new byte[length];
        rest.get(body);
        final byte[] stored = new byte[LogRecord.HASH_BYTES];
        rest.get(stored);
        final byte[] hash = LogRecord.sha256(body);
        if (!MessageDigest.isEqual(hash, stored)) {
            throw new IllegalStateException(
                    "record " + number + " at byte " + offset + " of " + file + " does not match its hash");
        }
        final LogRecord record;
        try {
            record = LogRecord.decode(body, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("record " + number + " at byte " + offset + ": " + e.getMessage(), e);
        }
        if (record.number() != number) {
            throw new IllegalStateException("the record at byte " + offset + " of " + file + " is numbered "
                    + record.number() + ", not " + number);
        }
        return new Located(record, offset + LogRecord.HEADER_BYTES + length + LogRecord.HASH_BYTES);
    }

    private ByteBuffer readFully(long position, int length, long number) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            final int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IllegalStateException(
                        "the log " + file + " ends before record " + number + " (byte " + position + ")");
            }
            at += read;
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
