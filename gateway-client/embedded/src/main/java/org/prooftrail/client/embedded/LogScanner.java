package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads a transaction log from its start and checks every record: header CRC, body hash, record number, the link to
 * the previous record's hash, and that the write set decodes; the caller's consumer may reject a record too (by
 * throwing {@link IllegalArgumentException} or {@link IllegalStateException}).
 *
 * <p>It tells a torn tail from corruption. A torn tail is what an interrupted append leaves after the last complete
 * record, and only there: fewer bytes than a header, a header and everything after it zero, a valid header whose
 * record runs past the end, or a final record ending exactly at the end whose hash trailer is still zero. Anything
 * else that does not verify is corruption.
 */
final class LogScanner {
    static final byte[] FILE_HEADER = "prooftrail-txlog/2\n".getBytes(UTF_8);
    /** The header of release 0.1.0's log, whose records hold private data in clear. */
    static final byte[] FORMAT_1_HEADER = "prooftrail-txlog/1\n".getBytes(UTF_8);

    /** What a scan found. */
    static final class Result {
        final long records;
        final byte[] lastHash;
        final long goodEnd;
        final long tornBytes;
        final long badRecord;
        final long badOffset;
        final String problem;

        Result(long records, byte[] lastHash, long goodEnd, long tornBytes, long badRecord, long badOffset, String p) {
            this.records = records;
            this.lastHash = lastHash;
            this.goodEnd = goodEnd;
            this.tornBytes = tornBytes;
            this.badRecord = badRecord;
            this.badOffset = badOffset;
            this.problem = p;
        }

        LedgerVerification verification(Path log) {
            return new LedgerVerification(log, records, LogRecord.hex(lastHash), badRecord, badOffset, problem);
        }
    }

    /** Where a scan of a whole log starts. */
    static final Result START = new Result(0, LogRecord.NO_HASH, 0, 0, -1, -1, null);

    private LogScanner() {}

    /** Scans the first {@code limit} bytes of the log (all of it if negative). */
    static Result scan(Path log, long limit, Consumer<LogRecord> consumer) throws IOException {
        return scan(log, START, limit, consumer);
    }

    /**
     * Scans the log from where an earlier scan ended ({@code from}: its good end, record count and last hash) up to
     * {@code limit} bytes (the end if negative). A log that shrinks while it is read (a writer cutting a torn tail)
     * ends the scan as a torn tail would.
     *
     * @throws org.prooftrail.client.GatewayUnavailableException if the log is release 0.1.0's format
     */
    static Result scan(Path log, Result from, long limit, Consumer<LogRecord> consumer) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            final long length = channel.size();
            final long size = limit < 0 ? length : Math.min(limit, length);
            if (from.goodEnd > length) {
                return new Result(
                        from.records,
                        from.lastHash,
                        from.goodEnd,
                        0,
                        from.records,
                        from.goodEnd,
                        "the log is " + length + " bytes long, shorter than the " + from.goodEnd
                                + " bytes of records already read from it: it was cut or replaced");
            }
            channel.position(Math.min(from.goodEnd, size));
            final InputStream file = Channels.newInputStream(channel);
            final DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
            return new Scan(log, in, size, from, consumer).run();
        }
    }

    /**
     * Scans a whole log of release 0.1.0 (format 1), checking every record as {@link #scan} does; the records it
     * hands on have the private writes in their write set, in clear, and no private section.
     */
    static Result scanFormat1(Path log, Consumer<LogRecord> consumer) throws IOException {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            final InputStream file = Channels.newInputStream(channel);
            final DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
            return new Scan(log, in, channel.size(), START, consumer, true).run();
        }
    }

    /** Whether the file starts with the header of release 0.1.0's log (format 1). */
    static boolean isFormat1(Path log) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(log)) {
            return Arrays.equals(in.readNBytes(FORMAT_1_HEADER.length), FORMAT_1_HEADER);
        }
    }

    /** Why a log in release 0.1.0's format is not opened, and what to do. */
    static String formatOneProblem(Path log) {
        return "the embedded ledger log " + log + " is in format 1 (prooftrail 0.1.0), which keeps private data such"
                + " as consent records in clear and so cannot erase them; this version writes format 2. Run"
                + " `prooftrail ledger upgrade` once to convert it (every record kept, private writes sealed, a map"
                + " of old to new record hashes written beside it), or keep using prooftrail 0.1.0 for that ledger"
                + " (docs/embedded-ledger.md, \"Log formats\")";
    }

    private static final class Scan {
        private final DataInputStream in;
        private final long size;
        private final Consumer<LogRecord> consumer;
        private final Path log;
        /** Reading release 0.1.0's format on purpose (the upgrade), not refusing it. */
        private final boolean format1;

        private long position;
        private long recordStart;
        private long records;
        private byte[] lastHash;

        Scan(Path log, DataInputStream in, long size, Result from, Consumer<LogRecord> consumer) {
            this(log, in, size, from, consumer, false);
        }

        Scan(Path log, DataInputStream in, long size, Result from, Consumer<LogRecord> consumer, boolean format1) {
            this.format1 = format1;
            this.log = log;
            this.in = in;
            this.size = size;
            this.consumer = consumer;
            this.position = Math.min(from.goodEnd, size);
            this.records = from.records;
            this.lastHash = from.lastHash;
        }

        Result run() throws IOException {
            try {
                return records();
            } catch (Shrunk e) {
                return new Result(records, lastHash, e.recordStart, size - e.recordStart, -1, -1, null);
            }
        }

        private Result records() throws IOException {
            if (position > 0) {
                return body();
            }
            if (size < FILE_HEADER.length) {
                final byte[] start = read((int) size);
                final boolean torn = Arrays.equals(start, Arrays.copyOf(FILE_HEADER, start.length)) || allZero(start);
                return torn ? torn(size) : corrupt(0, "the file does not start with a prooftrail log header");
            }
            final byte[] header = read(FILE_HEADER.length);
            if (Arrays.equals(header, FORMAT_1_HEADER) && !format1) {
                throw new org.prooftrail.client.GatewayUnavailableException(formatOneProblem(log), null, null);
            }
            if (!Arrays.equals(header, format1 ? FORMAT_1_HEADER : FILE_HEADER)) {
                return corrupt(0, "the file does not start with a prooftrail log header");
            }
            position = FILE_HEADER.length;
            return body();
        }

        private Result body() throws IOException {
            while (position < size) {
                final long start = position;
                recordStart = start;
                final long number = records + 1;
                final long remaining = size - position;
                if (remaining < LogRecord.HEADER_BYTES) {
                    return torn(remaining);
                }
                final byte[] header = read(LogRecord.HEADER_BYTES);
                final ByteBuffer fields = ByteBuffer.wrap(header);
                final int magic = fields.getInt();
                final int length = fields.getInt();
                final int crc = fields.getInt();
                if (allZero(header) && restIsZero()) {
                    return torn(remaining);
                }
                if (magic != LogRecord.MAGIC || crc != LogRecord.headerCrc(magic, length)) {
                    return corrupt(number, start, "record " + number + " at byte " + start + ": damaged header");
                }
                if (length < 0 || length > LogRecord.MAX_BODY_BYTES) {
                    return corrupt(number, start, "record " + number + " at byte " + start + ": bad length " + length);
                }
                final long recordBytes = LogRecord.HEADER_BYTES + (long) length + LogRecord.HASH_BYTES;
                if (recordBytes > remaining) {
                    return torn(remaining);
                }
                final byte[] body = read(length);
                final byte[] stored = read(LogRecord.HASH_BYTES);
                final byte[] hash = LogRecord.sha256(body);
                if (!MessageDigest.isEqual(hash, stored)) {
                    if (recordBytes == remaining && allZero(stored)) {
                        return torn(remaining);
                    }
                    return corrupt(number, start, "record " + number + " at byte " + start + ": hash mismatch");
                }
                final LogRecord record;
                try {
                    record = format1 ? LogRecord.decodeFormat1(body, hash) : LogRecord.decode(body, hash);
                } catch (IllegalArgumentException e) {
                    return corrupt(number, start, "record " + number + " at byte " + start + ": " + e.getMessage());
                }
                if (record.number() != number) {
                    return corrupt(
                            number, start, "record " + number + " at byte " + start + ": numbered " + record.number());
                }
                if (!MessageDigest.isEqual(record.previousHash(), lastHash)) {
                    return corrupt(
                            number,
                            start,
                            "record " + number + " at byte " + start + ": does not chain to the previous record");
                }
                try {
                    consumer.accept(record);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    return corrupt(number, start, "record " + number + " at byte " + start + ": " + e.getMessage());
                }
                records = number;
                lastHash = hash;
                position = start + recordBytes;
            }
            return new Result(records, lastHash, position, 0, -1, -1, null);
        }

        private boolean restIsZero() throws IOException {
            long left = size - position;
            final byte[] chunk = new byte[8192];
            while (left > 0) {
                final int n = (int) Math.min(chunk.length, left);
                in.readFully(chunk, 0, n);
                position += n;
                left -= n;
                if (!allZero(Arrays.copyOf(chunk, n))) {
                    return false;
                }
            }
            return true;
        }

        private byte[] read(int length) throws IOException {
            final byte[] bytes = new byte[length];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw new Shrunk(recordStart);
            }
            position += length;
            return bytes;
        }

        private Result torn(long bytes) {
            final long goodEnd = size - bytes;
            return new Result(records, lastHash, goodEnd, bytes, -1, -1, null);
        }

        private Result corrupt(long offset, String problem) {
            return new Result(records, lastHash, offset, 0, -1, offset, problem);
        }

        private Result corrupt(long number, long offset, String problem) {
            return new Result(records, lastHash, offset, 0, number, offset, problem);
        }
    }

    /** The file ended before {@code size}: someone cut it while it was read. */
    private static final class Shrunk extends IOException {
        private static final long serialVersionUID = 1L;
        final transient long recordStart;

        Shrunk(long recordStart) {
            super("the log shrank while it was read");
            this.recordStart = recordStart;
        }
    }

    static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
