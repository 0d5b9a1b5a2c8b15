package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import org.prooftrail.chaincode.simulation.WriteSet;

/**
 * One committed transaction as the log holds it, and its encoding.
 *
 * <pre>
 * header  int magic 'PTX1' | int bodyLength | int CRC32(magic, bodyLength)
 * body    long number | string txId | long epochSecond | int nano | string creatorMspId
 *         | 32 bytes SHA-256(serialized creator) | 32 bytes previous record's hash
 *         | bytes canonical public write set | bytes private section (sealed private writes, see PrivateData)
 * trailer 32 bytes SHA-256(body)   -- the record's hash
 * </pre>
 *
 * Strings and byte arrays are length prefixed (int). The header's CRC lets a reader tell a length it can trust from
 * a damaged one before it believes where the record ends.
 */
final class LogRecord {
    static final int MAGIC = 0x50545831; // "PTX1"
    static final int HEADER_BYTES = 12;
    static final int HASH_BYTES = 32;
    static final int MAX_BODY_BYTES = 256 * 1024 * 1024;
    static final byte[] NO_HASH = new byte[HASH_BYTES];

    private final long number;
    private final String txId;
    private final Instant timestamp;
    private final String creatorMspId;
    private final byte[] creatorDigest;
    private final byte[] previousHash;
    private final byte[] writeSet;
    private final byte[] privateSection;
    private final byte[] hash;

    LogRecord(
            long number,
            String txId,
            Instant timestamp,
            String creatorMspId,
            byte[] creatorDigest,
            byte[] previousHash,
            byte[] writeSet,
            byte[] privateSection,
            byte[] hash) {
        this.number = number;
        this.txId = Objects.requireNonNull(txId, "txId");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.creatorMspId = Objects.requireNonNull(creatorMspId, "creatorMspId");
        this.creatorDigest = Objects.requireNonNull(creatorDigest, "creatorDigest");
        this.previousHash = Objects.requireNonNull(previousHash, "previousHash");
        this.writeSet = Objects.requireNonNull(writeSet, "writeSet");
        this.privateSection = Objects.requireNonNull(privateSection, "privateSection");
        this.hash = hash;
    }

    long number() {
        return number;
    }

    String txId() {
        return txId;
    }

    Instant timestamp() {
        return timestamp;
    }

    String creatorMspId() {
        return creatorMspId;
    }

    byte[] previousHash() {
        return previousHash;
    }

    /** SHA-256 of the serialized creator. */
    byte[] creatorDigest() {
        return creatorDigest.clone();
    }

    byte[] hash() {
        return hash;
    }

    /** The public part of the write set: state writes, policies and the event. */
    WriteSet writeSet() {
        return WriteSet.fromBytes(writeSet);
    }

    /** The sealed private writes and purges ({@link PrivateData}). */
    byte[] privateSection() {
        return privateSection.clone();
    }

    /** How many bytes the record takes in the log: header, body and trailer. */
    long size() {
        final int body = 8
                + 4
                + txId.getBytes(UTF_8).length
                + 8
                + 4
                + 4
                + creatorMspId.getBytes(UTF_8).length
                + HASH_BYTES
                + HASH_BYTES
                + 4
                + writeSet.length
                + 4
                + privateSection.length;
        return HEADER_BYTES + (long) body + HASH_BYTES;
    }

    /** Whether the record holds private writes or purges. */
    boolean hasPrivateWrites() {
        return privateSection.length > 4;
    }

    /** Header, body and trailer, ready to append; the record's hash is SHA-256 of the body. */
    static byte[] encode(
            long number,
            String txId,
            Instant timestamp,
            String creatorMspId,
            byte[] creatorDigest,
            byte[] previousHash,
            byte[] writeSet,
            byte[] privateSection) {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(256 + writeSet.length + privateSection.length);
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeLong(number);
            writeBytes(out, txId.getBytes(UTF_8));
            out.writeLong(timestamp.getEpochSecond());
            out.writeInt(timestamp.getNano());
            writeBytes(out, creatorMspId.getBytes(UTF_8));
            out.write(creatorDigest);
            out.write(previousHash);
            writeBytes(out, writeSet);
            writeBytes(out, privateSection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final byte[] bodyBytes = body.toByteArray();
        final ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + bodyBytes.length + HASH_BYTES);
        record.put(header(bodyBytes.length)).put(bodyBytes).put(sha256(bodyBytes));
        return record.array();
    }

    static byte[] header(int bodyLength) {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(bodyLength).putInt(headerCrc(MAGIC, bodyLength));
        return header.array();
    }

    static int headerCrc(int magic, int bodyLength) {
        final CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putInt(magic).putInt(bodyLength).array());
        return (int) crc.getValue();
    }

    /**
     * Decodes a body whose hash has been checked.
     *
     * @throws IllegalArgumentException if the body is malformed
     */
    static LogRecord decode(byte[] body, byte[] hash) {
        final ByteBuffer in = ByteBuffer.wrap(body);
        try {
            final long number = in.getLong();
            final String txId = new String(readBytes(in), UTF_8);
            final Instant timestamp = Instant.ofEpochSecond(in.getLong(), in.getInt());
            final String mspId = new String(readBytes(in), UTF_8);
            final byte[] creatorDigest = new byte[HASH_BYTES];
            in.get(creatorDigest);
            final byte[] previous = new byte[HASH_BYTES];
            in.get(previous);
            final byte[] writeSet = readBytes(in);
            final byte[] privateSection = readBytes(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in record body");
            }
            return new LogRecord(
                    number, txId, timestamp, mspId, creatorDigest, previous, writeSet, privateSection, hash);
        } catch (java.nio.BufferUnderflowException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed record body: " + e, e);
        }
    }

    /**
     * Decodes a body of release 0.1.0's log (format 1), whose hash has been checked: the same fields up to the write
     * set, which holds the private writes in clear, and no private section.
     *
     * @throws IllegalArgumentException if the body is malformed
     */
    static LogRecord decodeFormat1(byte[] body, byte[] hash) {
        final ByteBuffer in = ByteBuffer.wrap(body);
        try {
            final long number = in.getLong();
            final String txId = new String(readBytes(in), UTF_8);
            final Instant timestamp = Instant.ofEpochSecond(in.getLong(), in.getInt());
            final String mspId = new String(readBytes(in), UTF_8);
            final byte[] creatorDigest = new byte[HASH_BYTES];
            in.get(creatorDigest);
            final byte[] previous = new byte[HASH_BYTES];
            in.get(previous);
            final byte[] writeSet = readBytes(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in record body");
            }
            return new LogRecord(number, txId, timestamp, mspId, creatorDigest, previous, writeSet, new byte[0], hash);
        } catch (java.nio.BufferUnderflowException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed record body: " + e, e);
        }
    }

    private static byte[] readBytes(ByteBuffer in) {
        final int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
