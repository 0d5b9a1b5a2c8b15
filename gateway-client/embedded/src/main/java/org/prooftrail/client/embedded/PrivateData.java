package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.prooftrail.chaincode.simulation.WriteSet;

/**
 * How the log holds a transaction's private data: sealed, never in clear. A record's write set is split in two. The
 * public part (state writes, policies, the event) stays a canonical write set. Each private key the transaction
 * touches becomes one entry of the private section, named only by its token (a keyed hash of collection and key):
 *
 * <pre>
 * section  int count | entries in (token, kind) order
 * entry    byte kind | 32 bytes token
 *          kind 1 PURGE   nothing more: the purge of that private key (its earlier data keys are destroyed)
 *          kind 2 SEALED  16 bytes key id | 12 bytes nonce | bytes AES-256-GCM ciphertext (int length + bytes)
 * plaintext string collection | string key | byte 0 no write, 1 put, 2 delete | bytes value (put only)
 *          | byte policy present | bytes policy (if present)
 * </pre>
 *
 * Every sealed entry has its own data key in {@link PrivateDataKeys}; the GCM associated data is the record number,
 * the token and the key id, so an entry cannot be moved to another record or key. Replay opens what it has keys for
 * and treats an entry whose key is gone as purged.
 */
final class PrivateData {
    static final byte PURGE = 1;
    static final byte SEALED = 2;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private static final byte NO_WRITE = 0;
    private static final byte PUT = 1;
    private static final byte DELETE = 2;

    private PrivateData() {}

    /** A write set ready for the log: the public part's canonical bytes and the private section. */
    static final class Sealed {
        final byte[] publicWriteSet;
        final byte[] privateSection;
        final List<byte[]> purgedTokens;

        Sealed(byte[] publicWriteSet, byte[] privateSection, List<byte[]> purgedTokens) {
            this.publicWriteSet = publicWriteSet;
            this.privateSection = privateSection;
            this.purgedTokens = purgedTokens;
        }
    }

    /** One entry of a private section. */
    static final class Entry {
        final byte kind;
        final byte[] token;
        final byte[] keyId;
        final byte[] nonce;
        final byte[] ciphertext;

        Entry(byte kind, byte[] token, byte[] keyId, byte[] nonce, byte[] ciphertext) {
            this.kind = kind;
            this.token = token;
            this.keyId = keyId;
            this.nonce = nonce;
            this.ciphertext = ciphertext;
        }
    }

    /** A purge of the private key with this token in record {@code record}: it erases the data keys made before. */
    record Purge(byte[] token, long record) {}

    /** What replay learns along the log: which private key each token names, and purges to finish. */
    static final class Names {
        private final Map<String, String[]> byToken = new HashMap<>();
        private final List<Purge> purged = new ArrayList<>();
        private final Map<String, Long> missing = new TreeMap<>();

        /**
         * Tokens of private writes whose data key is gone with no purge of the token seen after them, each with the
         * first such record: keys lost from the key store, unless a purge further on explains them.
         */
        synchronized Map<String, Long> unexplainedMissingKeys() {
            return new TreeMap<>(missing);
        }

        /** Notes the purges in {@code record} as explaining keys missing before it. */
        synchronized void notePurges(LogRecord record) {
            for (Entry entry : decode(record.privateSection())) {
                if (entry.kind == PURGE) {
                    missing.remove(PrivateDataKeys.hex(entry.token));
                }
            }
        }

        /** Purges met in replay whose data keys may remain, for the writer to finish. */
        synchronized List<Purge> drainPurges() {
            final List<Purge> drained = new ArrayList<>(purged);
            purged.clear();
            return drained;
        }
    }

    /**
     * Seals the private writes of {@code writeSet} for record {@code record}, creating (and forcing) one data key per
     * private key written.
     */
    static Sealed seal(WriteSet writeSet, long record, PrivateDataKeys keys) throws IOException {
        final WriteSet.Builder publicPart = WriteSet.builder();
        writeSet.puts().forEach(publicPart::put);
        writeSet.deletes().forEach(publicPart::delete);
        writeSet.validationParameters().forEach(publicPart::validationParameter);
        writeSet.event().ifPresent(publicPart::event);
        final TreeMap<String, Entry> entries = new TreeMap<>();
        final List<byte[]> purged = new ArrayList<>();
        for (String collection : writeSet.collections()) {
            final SortedMap<String, byte[]> puts = writeSet.privatePuts(collection);
            final SortedSet<String> deletes = writeSet.privateDeletes(collection);
            final SortedSet<String> purges = writeSet.purges(collection);
            final SortedMap<String, byte[]> policies = writeSet.privateValidationParameters(collection);
            final java.util.TreeSet<String> names = new java.util.TreeSet<>();
            names.addAll(puts.keySet());
            names.addAll(deletes);
            names.addAll(policies.keySet());
            for (String key : names) {
                final byte[] token = keys.token(collection, key);
                final boolean purge = purges.contains(key);
                if (purge) {
                    entries.put(PrivateDataKeys.hex(token) + PURGE, new Entry(PURGE, token, null, null, null));
                    purged.add(token);
                }
                final byte[] value = puts.get(key);
                final byte[] policy = policies.get(key);
                if (value == null && (purge || (!deletes.contains(key) && policy == null))) {
                    continue; // a purge says all there is; its policy would be dropped on a missing key anyway
                }
                final byte[] plaintext = plaintext(
                        collection,
                        key,
                        value != null ? PUT : deletes.contains(key) ? DELETE : NO_WRITE,
                        value,
                        policy);
                final byte[] keyId = PrivateDataKeys.random(PrivateDataKeys.ID_BYTES);
                final byte[] dataKey = keys.create(token, record, keyId);
                final byte[] nonce = PrivateDataKeys.random(NONCE_BYTES);
                final byte[] ciphertext =
                        crypt(Cipher.ENCRYPT_MODE, dataKey, nonce, aad(record, token, keyId), plaintext);
                Arrays.fill(dataKey, (byte) 0);
                entries.put(PrivateDataKeys.hex(token) + SEALED, new Entry(SEALED, token, keyId, nonce, ciphertext));
            }
        }
        return new Sealed(publicPart.build().toBytes(), encode(new ArrayList<>(entries.values())), purged);
    }

    /**
     * The whole write set of a logged record: its public part plus every private write whose data key remains;
     * purges of private keys that replay has seen are applied, and every purge is remembered for the writer.
     *
     * @throws IllegalArgumentException if the record's parts do not decode or a ciphertext does not authenticate
     */
    static WriteSet open(LogRecord record, PrivateDataKeys keys, Names names) {
        final WriteSet publicPart = record.writeSet();
        if (!publicPart.collections().isEmpty()) {
            throw new IllegalArgumentException("the public write set holds private data in clear");
        }
        final List<Entry> entries = decode(record.privateSection());
        if (entries.isEmpty()) {
            return publicPart;
        }
        final WriteSet.Builder whole = WriteSet.builder();
        publicPart.puts().forEach(whole::put);
        publicPart.deletes().forEach(whole::delete);
        publicPart.validationParameters().forEach(whole::validationParameter);
        publicPart.event().ifPresent(whole::event);
        synchronized (names) {
            for (Entry entry : entries) {
                final String token = PrivateDataKeys.hex(entry.token);
                if (entry.kind == PURGE) {
                    names.missing.remove(token);
                    final String[] name = names.byToken.remove(token);
                    if (name != null) {
                        whole.purgePrivate(name[0], name[1]);
                    }
                    if (keys.holds(entry.token)) {
                        names.purged.add(new Purge(entry.token, record.number()));
                    }
                    continue;
                }
                final byte[] dataKey = keys.find(entry.token, record.number(), entry.keyId);
                if (dataKey == null) {
                    names.missing.putIfAbsent(token, record.number());
                    continue; // destroyed by a purge (further on in the log): the write is gone
                }
                final byte[] plaintext = unseal(entry, record.number(), dataKey);
                applyPlaintext(plaintext, whole, names.byToken, token);
            }
        }
        return whole.build();
    }

    /**
     * Decrypts a sealed entry of record {@code record} with its data key.
     *
     * @throws IllegalArgumentException if it does not authenticate
     */
    static byte[] unseal(Entry entry, long record, byte[] dataKey) {
        try {
            return crypt(
                    Cipher.DECRYPT_MODE, dataKey, entry.nonce, aad(record, entry.token, entry.keyId), entry.ciphertext);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a private write does not decrypt with its data key " + PrivateDataKeys.hex(entry.token) + "/"
                            + record + "-" + PrivateDataKeys.hex(entry.keyId) + " (" + e.getMessage() + ")",
                    e);
        }
    }

    private static void applyPlaintext(
            byte[] plaintext, WriteSet.Builder whole, Map<String, String[]> byToken, String token) {
        final ByteBuffer in = ByteBuffer.wrap(plaintext);
        try {
            final String collection = new String(bytes(in), UTF_8);
            final String key = new String(bytes(in), UTF_8);
            final byte write = in.get();
            if (write == PUT) {
                whole.putPrivate(collection, key, bytes(in));
                byToken.put(token, new String[] {collection, key});
            } else if (write == DELETE) {
                whole.deletePrivate(collection, key);
                byToken.remove(token);
            } else if (write != NO_WRITE) {
                throw new IllegalArgumentException("unknown private write kind " + write);
            }
            if (in.get() != 0) {
                whole.privateValidationParameter(collection, key, bytes(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in a private write");
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a private write is truncated", e);
        }
    }

    private static byte[] plaintext(String collection, String key, byte write, byte[] value, byte[] policy) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeBytes(out, collection.getBytes(UTF_8));
            writeBytes(out, key.getBytes(UTF_8));
            out.writeByte(write);
            if (write == PUT) {
                writeBytes(out, value);
            }
            out.writeBoolean(policy != null);
            if (policy != null) {
                writeBytes(out, policy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] encode(List<Entry> entries) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeByte(entry.kind);
                out.write(entry.token);
                if (entry.kind == SEALED) {
                    out.write(entry.keyId);
                    out.write(entry.nonce);
                    writeBytes(out, entry.ciphertext);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a private section, checking its shape: known kinds, lengths, entries strictly in (token, kind) order.
     *
     * @throws IllegalArgumentException if it is malformed
     */
    static List<Entry> decode(byte[] section) {
        final ByteBuffer in = ByteBuffer.wrap(section);
        try {
            final int count = in.getInt();
            if (count < 0 || count > section.length) {
                throw new IllegalArgumentException("bad private entry count " + count);
            }
            final List<Entry> entries = new ArrayList<>(count);
            String previous = null;
            for (int i = 0; i < count; i++) {
                final byte kind = in.get();
                final byte[] token = fixed(in, PrivateDataKeys.TOKEN_BYTES);
                final Entry entry;
                if (kind == PURGE) {
                    entry = new Entry(kind, token, null, null, null);
                } else if (kind == SEALED) {
                    final byte[] keyId = fixed(in, PrivateDataKeys.ID_BYTES);
                    final byte[] nonce = fixed(in, NONCE_BYTES);
                    final byte[] ciphertext = bytes(in);
                    if (ciphertext.length < TAG_BITS / 8) {
                        throw new IllegalArgumentException("a sealed private write is shorter than its tag");
                    }
                    entry = new Entry(kind, token, keyId, nonce, ciphertext);
                } else {
                    throw new IllegalArgumentException("unknown private entry kind " + kind);
                }
                final String order = PrivateDataKeys.hex(token) + kind;
                if (previous != null && order.compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("private entries out of order or repeated");
                }
                previous = order;
                entries.add(entry);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after the private entries");
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the private section is truncated", e);
        }
    }

    private static byte[] aad(long record, byte[] token, byte[] keyId) {
        return ByteBuffer.allocate(8 + token.length + keyId.length)
                .putLong(record)
                .put(token)
                .put(keyId)
                .array();
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides AES/GCM/NoPadding", e);
        }
    }

    private static byte[] fixed(ByteBuffer in, int length) {
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer in) {
        final int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        return fixed(in, length);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
