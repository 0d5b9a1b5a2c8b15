package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * What one simulated transaction would write, as Fabric's read-write set holds it: public writes and deletes in key
 * order, key-level endorsement policies, per collection private writes, deletes and purges, and the chaincode event
 * (Fabric keeps only the last {@code setEvent}). Immutable. Two write sets are {@link #equals equal} exactly when
 * their {@link #toBytes canonical bytes} are, so determinism tests can compare the results of two endorsements.
 *
 * <p>A purge is a delete that also erases the key's earlier private versions, so a purged key is listed both by
 * {@link #privateDeletes} and by {@link #purges}. An empty validation parameter removes the key's policy.
 */
public final class WriteSet {

    private static final byte[] FORMAT = "prooftrail-writeset/1".getBytes(UTF_8);

    /** key → value, where {@code null} marks a delete. */
    private final SortedMap<String, byte[]> writes;

    private final SortedMap<String, byte[]> validationParameters;
    private final SortedMap<String, CollectionWrites> collections;
    private final ChaincodeEvent event;
    private final byte[] canonical;

    private WriteSet(final Recorder recorder) {
        this.writes = copy(recorder.writes);
        this.validationParameters = copy(recorder.validationParameters);
        final SortedMap<String, CollectionWrites> copies = new TreeMap<>(KeyOrder.CODE_POINT);
        recorder.collections.forEach((name, writes) -> copies.put(name, writes.copy()));
        this.collections = Collections.unmodifiableSortedMap(copies);
        this.event = recorder.event;
        this.canonical = render();
    }

    /** Public keys written with a value, in key order. */
    public SortedMap<String, byte[]> puts() {
        return values(writes);
    }

    /** Public keys deleted, in key order. */
    public SortedSet<String> deletes() {
        return deleted(writes);
    }

    /**
     * Every public key written, in key order (the order of {@link #puts} and {@link #deletes} merged), each with a
     * copy of its value or with null for a delete: one pass, for whoever needs a write's place among them.
     */
    public void forEachWrite(final BiConsumer<String, byte[]> visitor) {
        writes.forEach((key, value) -> visitor.accept(key, value == null ? null : value.clone()));
    }

    /** Key-level endorsement policies set on public keys; an empty value removes the policy. */
    public SortedMap<String, byte[]> validationParameters() {
        return copy(validationParameters);
    }

    /** The collections this transaction writes, deletes, purges or sets a policy in. */
    public SortedSet<String> collections() {
        final SortedSet<String> names = new TreeSet<>(KeyOrder.CODE_POINT);
        names.addAll(collections.keySet());
        return Collections.unmodifiableSortedSet(names);
    }

    /** Private keys written with a value in the collection, in key order. */
    public SortedMap<String, byte[]> privatePuts(final String collection) {
        return values(collection(collection).writes);
    }

    /** Private keys deleted (including purged) in the collection, in key order. */
    public SortedSet<String> privateDeletes(final String collection) {
        return deleted(collection(collection).writes);
    }

    /** Private keys purged in the collection: deleted together with every earlier version. */
    public SortedSet<String> purges(final String collection) {
        final SortedSet<String> purged = new TreeSet<>(KeyOrder.CODE_POINT);
        purged.addAll(collection(collection).purges);
        return Collections.unmodifiableSortedSet(purged);
    }

    /** Key-level endorsement policies set on private keys of the collection. */
    public SortedMap<String, byte[]> privateValidationParameters(final String collection) {
        return copy(collection(collection).validationParameters);
    }

    /** The chaincode event, if the transaction set one; only the last {@code setEvent} counts. */
    public Optional<ChaincodeEvent> event() {
        return Optional.ofNullable(event);
    }

    /** Whether the transaction writes nothing at all: no state, no policy, no private data and no event. */
    public boolean isEmpty() {
        return writes.isEmpty() && validationParameters.isEmpty() && collections.isEmpty() && event == null;
    }

    /**
     * A canonical rendering: every section in a fixed order, keys in code point order, strings and values length
     * prefixed. Equal write sets, and only those, have equal bytes.
     */
    public byte[] toBytes() {
        return canonical.clone();
    }

    /**
     * Reads back the {@link #toBytes canonical bytes} of a write set, so that a log of committed write sets can be
     * replayed. {@code fromBytes(w.toBytes()).equals(w)} holds for every write set; the event keeps its name and
     * payload, the parts the canonical form holds.
     *
     * @throws IllegalArgumentException if the bytes are not a canonical write set, including trailing bytes
     */
    public static WriteSet fromBytes(final byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        final Recorder recorder = new Recorder();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final byte[] format = new byte[FORMAT.length];
            in.readFully(format);
            if (!Arrays.equals(format, FORMAT)) {
                throw new IllegalArgumentException("not a prooftrail write set: unknown format");
            }
            readWrites(in, bytes.length, recorder.writes, true);
            readWrites(in, bytes.length, recorder.validationParameters, false);
            final int collections = readCount(in, bytes.length);
            for (int i = 0; i < collections; i++) {
                final CollectionWrites writes = recorder.collection(readString(in, bytes.length));
                readWrites(in, bytes.length, writes.writes, true);
                readWrites(in, bytes.length, writes.validationParameters, false);
                final int purges = readCount(in, bytes.length);
                for (int p = 0; p < purges; p++) {
                    writes.purges.add(readString(in, bytes.length));
                }
            }
            if (in.readBoolean()) {
                final String name = readString(in, bytes.length);
                final byte[] payload = readBytes(in, bytes.length, false);
                recorder.event(ChaincodeEvent.newBuilder()
                        .setEventName(name)
                        .setPayload(ByteString.copyFrom(payload))
                        .build());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("not a prooftrail write set: trailing bytes");
            }
        } catch (final EOFException e) {
            throw new IllegalArgumentException("not a prooftrail write set: truncated", e);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final WriteSet writeSet = recorder.toWriteSet();
        if (!Arrays.equals(writeSet.canonical, bytes)) {
            throw new IllegalArgumentException("not a canonical prooftrail write set: keys out of order or repeated");
        }
        return writeSet;
    }

    private static void readWrites(
            final DataInputStream in, final int limit, final SortedMap<String, byte[]> into, final boolean deletes)
            throws IOException {
        final int count = readCount(in, limit);
        for (int i = 0; i < count; i++) {
            into.put(readString(in, limit), readBytes(in, limit, deletes));
        }
    }

    private static int readCount(final DataInputStream in, final int limit) throws IOException {
        final int count = in.readInt();
        if (count < 0 || count > limit) {
            throw new IllegalArgumentException("not a prooftrail write set: bad count " + count);
        }
        return count;
    }

    private static String readString(final DataInputStream in, final int limit) throws IOException {
        return new String(readBytes(in, limit, false), UTF_8);
    }

    private static byte[] readBytes(final DataInputStream in, final int limit, final boolean nullable)
            throws IOException {
        final int length = in.readInt();
        if (length == -1 && nullable) {
            return null;
        }
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("not a prooftrail write set: bad length " + length);
        }
        final byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof WriteSet that && Arrays.equals(canonical, that.canonical);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("WriteSet{puts=")
                .append(printable(puts().keySet()))
                .append(", deletes=")
                .append(printable(deletes()));
        if (!validationParameters.isEmpty()) {
            text.append(", validationParameters=").append(printable(validationParameters.keySet()));
        }
        collections.forEach((name, writes) -> text.append(", ")
                .append(name)
                .append("={puts=")
                .append(printable(values(writes.writes).keySet()))
                .append(", deletes=")
                .append(printable(deleted(writes.writes)))
                .append(", purges=")
                .append(printable(writes.purges))
                .append('}'));
        if (event != null) {
            text.append(", event=").append(event.getEventName());
        }
        return text.append('}').toString();
    }

    private CollectionWrites collection(final String name) {
        Objects.requireNonNull(name, "collection");
        return collections.getOrDefault(name, CollectionWrites.NONE);
    }

    private byte[] render() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(FORMAT);
            renderWrites(out, writes);
            renderWrites(out, validationParameters);
            out.writeInt(collections.size());
            for (final Map.Entry<String, CollectionWrites> entry : collections.entrySet()) {
                writeString(out, entry.getKey());
                renderWrites(out, entry.getValue().writes);
                renderWrites(out, entry.getValue().validationParameters);
                out.writeInt(entry.getValue().purges.size());
                for (final String key : entry.getValue().purges) {
                    writeString(out, key);
                }
            }
            out.writeBoolean(event != null);
            if (event != null) {
                writeString(out, event.getEventName());
                writeBytes(out, event.getPayload().toByteArray());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void renderWrites(final DataOutputStream out, final SortedMap<String, byte[]> entries)
            throws IOException {
        out.writeInt(entries.size());
        for (final Map.Entry<String, byte[]> entry : entries.entrySet()) {
            writeString(out, entry.getKey());
            writeBytes(out, entry.getValue());
        }
    }

    private static void writeString(final DataOutputStream out, final String text) throws IOException {
        writeBytes(out, text.getBytes(UTF_8));
    }

    private static void writeBytes(final DataOutputStream out, final byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static SortedMap<String, byte[]> copy(final SortedMap<String, byte[]> entries) {
        final SortedMap<String, byte[]> copy = new TreeMap<>(KeyOrder.CODE_POINT);
        entries.forEach((key, value) -> copy.put(key, value == null ? null : value.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    private static SortedMap<String, byte[]> values(final SortedMap<String, byte[]> entries) {
        final SortedMap<String, byte[]> values = new TreeMap<>(KeyOrder.CODE_POINT);
        entries.forEach((key, value) -> {
            if (value != null) {
                values.put(key, value.clone());
            }
        });
        return Collections.unmodifiableSortedMap(values);
    }

    private static SortedSet<String> deleted(final SortedMap<String, byte[]> entries) {
        final SortedSet<String> deleted = new TreeSet<>(KeyOrder.CODE_POINT);
        entries.forEach((key, value) -> {
            if (value == null) {
                deleted.add(key);
            }
        });
        return Collections.unmodifiableSortedSet(deleted);
    }

    private static String printable(final Iterable<String> keys) {
        final StringBuilder text = new StringBuilder("[");
        for (final String key : keys) {
            text.append(text.length() > 1 ? ", " : "").append(KeyOrder.printable(key));
        }
        return text.append(']').toString();
    }

    /** The private writes of one collection. */
    static final class CollectionWrites {

        static final CollectionWrites NONE = new CollectionWrites();

        final SortedMap<String, byte[]> writes = new TreeMap<>(KeyOrder.CODE_POINT);
        final SortedMap<String, byte[]> validationParameters = new TreeMap<>(KeyOrder.CODE_POINT);
        final SortedSet<String> purges = new TreeSet<>(KeyOrder.CODE_POINT);

        CollectionWrites copy() {
            final CollectionWrites copy = new CollectionWrites();
            writes.forEach((key, value) -> copy.writes.put(key, value == null ? null : value.clone()));
            validationParameters.forEach((key, value) -> copy.validationParameters.put(key, value.clone()));
            copy.purges.addAll(purges);
            return copy;
        }
    }

    /** Package-private view of the raw writes, for world states in this package that commit a write set. */
    SortedMap<String, byte[]> rawWrites() {
        return writes;
    }

    SortedMap<String, CollectionWrites> rawCollections() {
        return collections;
    }

    SortedMap<String, byte[]> rawValidationParameters() {
        return validationParameters;
    }

    /** A builder of write sets outside a simulation: for a log that stores a write set in parts and reassembles it. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assembles a write set from its parts, with the simulation's semantics: a later write to a key replaces an
     * earlier one, a purge is also a delete, only the last event counts.
     */
    public static final class Builder {

        private final Recorder recorder = new Recorder();

        private Builder() {}

        public Builder put(final String key, final byte[] value) {
            recorder.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder delete(final String key) {
            recorder.delete(Objects.requireNonNull(key, "key"));
            return this;
        }

        public Builder validationParameter(final String key, final byte[] policy) {
            recorder.validationParameter(Objects.requireNonNull(key, "key"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        public Builder putPrivate(final String collection, final String key, final byte[] value) {
            recorder.putPrivate(
                    Objects.requireNonNull(collection, "collection"),
                    Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder deletePrivate(final String collection, final String key) {
            recorder.deletePrivate(
                    Objects.requireNonNull(collection, "collection"), Objects.requireNonNull(key, "key"));
            return this;
        }

        public Builder purgePrivate(final String collection, final String key) {
            recorder.purgePrivate(Objects.requireNonNull(collection, "collection"), Objects.requireNonNull(key, "key"));
            return this;
        }

        public Builder privateValidationParameter(final String collection, final String key, final byte[] policy) {
            recorder.privateValidationParameter(
                    Objects.requireNonNull(collection, "collection"),
                    Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(policy, "policy"));
            return this;
        }

        public Builder event(final ChaincodeEvent event) {
            recorder.event(Objects.requireNonNull(event, "event"));
            return this;
        }

        public WriteSet build() {
            return recorder.toWriteSet();
        }
    }

    /**
     * The mutable side: what a simulation records as it runs. A later write to a key replaces an earlier one, as in
     * Fabric's read-write set builder.
     */
    static final class Recorder {

        private final SortedMap<String, byte[]> writes = new TreeMap<>(KeyOrder.CODE_POINT);
        private final SortedMap<String, byte[]> validationParameters = new TreeMap<>(KeyOrder.CODE_POINT);
        private final SortedMap<String, CollectionWrites> collections = new TreeMap<>(KeyOrder.CODE_POINT);
        private ChaincodeEvent event;

        void put(final String key, final byte[] value) {
            writes.put(key, value.clone());
        }

        void delete(final String key) {
            writes.put(key, null);
        }

        void validationParameter(final String key, final byte[] policy) {
            validationParameters.put(key, policy.clone());
        }

        void putPrivate(final String collection, final String key, final byte[] value) {
            collection(collection).writes.put(key, value.clone());
        }

        void deletePrivate(final String collection, final String key) {
            collection(collection).writes.put(key, null);
        }

        void purgePrivate(final String collection, final String key) {
            final CollectionWrites writes = collection(collection);
            writes.writes.put(key, null);
            writes.purges.add(key);
        }

        void privateValidationParameter(final String collection, final String key, final byte[] policy) {
            collection(collection).validationParameters.put(key, policy.clone());
        }

        void event(final ChaincodeEvent chaincodeEvent) {
            this.event = chaincodeEvent;
        }

        ChaincodeEvent event() {
            return event;
        }

        WriteSet toWriteSet() {
            return new WriteSet(this);
        }

        private CollectionWrites collection(final String name) {
            return collections.computeIfAbsent(name, ignored -> new CollectionWrites());
        }
    }
}
