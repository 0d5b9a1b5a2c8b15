package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's {@link ChaincodeStub}, simulated as a Fabric v2.5 peer with the Java shim 2.5 would run it.
 *
 * <p>What follows Fabric, deliberately:
 *
 * <ul>
 *   <li>Reads see the committed {@link WorldState} only, never this transaction's own writes.
 *   <li>{@code getState}, {@code getPrivateData} and {@code getPrivateDataHash} return an empty array, not {@code
 *       null}, for an absent key, as the Java shim does; validation parameters are {@code null} when absent.
 *   <li>{@code putState} with a {@code null} value throws {@link NullPointerException} as the shim does; an empty
 *       value reaches the peer as no value and is recorded as a delete. The same holds for private data.
 *   <li>Keys must be non-empty valid UTF-8. A key starting with U+0000 is a composite key and must be well formed
 *       (ending with U+0000), which Fabric does not check but a key built by hand gets wrong.
 *   <li>{@code getStateByRange} with an empty start starts after the composite key namespace and with an empty end
 *       is unbounded, so it never yields composite keys; a start or end starting with U+0000 is rejected.
 *   <li>Paginated queries: the page holds at most {@code pageSize} keys ({@code pageSize <= 0}: no limit); the
 *       bookmark resumes inclusively at the key it names; the returned bookmark is the key following the page, or
 *       the empty string when nothing follows, as Fabric's LevelDB does. A paginated query in a transaction that
 *       writes fails, whichever comes first; so does a private range query.
 *   <li>History is the committed history of a public key, newest first.
 *   <li>Private values are readable, by key or range, only when the peer's organisation {@linkplain
 *       WorldState#holdsCollection holds} the collection; otherwise the read fails naming the collection (Fabric
 *       returns an empty value for a key never written and fails once a hash exists). Hashes and validation
 *       parameters are readable on every peer; writes are allowed on every peer.
 *   <li>Only the last {@code setEvent} is kept.
 *   <li>Peer-side failures are {@link ContractRuntimeException}s, the type the shim throws when a peer refuses a
 *       request, but carrying the peer's reason instead of "Unsuccessful response received".
 * </ul>
 *
 * <p>For tests it counts {@link #keysRead() keys read}, tracks {@link #openIterators() open iterators} and exposes
 * the {@link #writeSet() write set}. Not thread-safe: a chaincode transaction runs on one thread.
 */
public final class TransactionSimulator implements ChaincodeStub {

    /** Where an unspecified range start begins: just after the composite key namespace U+0000. */
    private static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));

    /** The largest code point, appended to a partial composite key to end its range. */
    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(Character.MAX_CODE_POINT));

    private final WorldState worldState;
    private final String channelId;
    private final String chaincodeName;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final String mspId;
    private final List<byte[]> args;
    private final Map<String, byte[]> transientMap;

    private final WriteSet.Recorder recorder = new WriteSet.Recorder();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;
    private boolean privateQueryPerformed;
    private long keysRead;

    private TransactionSimulator(final Builder builder) {
        this.worldState = Objects.requireNonNull(builder.worldState, "worldState");
        this.channelId = Objects.requireNonNull(builder.channelId, "channelId");
        this.chaincodeName = Objects.requireNonNull(builder.chaincodeName, "chaincodeName");
        this.txId = Objects.requireNonNull(builder.txId, "txId");
        this.timestamp = Objects.requireNonNull(builder.timestamp, "timestamp");
        this.creator = builder.creator;
        this.mspId = builder.mspId;
        this.args = List.copyOf(builder.args);
        this.transientMap = Collections.unmodifiableMap(new TreeMap<>(builder.transientMap));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What this transaction would write if it committed now. */
    public WriteSet writeSet() {
        return recorder.toWriteSet();
    }

    /** Keys read so far: one per {@code getState} or {@code getPrivateData}, one per key a range query yielded. */
    public long keysRead() {
        return keysRead;
    }

    /** How many query results (ranges, partial composite keys, pages, histories) are open, not yet closed. */
    public int openIterators() {
        return open.size();
    }

    public String chaincodeName() {
        return chaincodeName;
    }

    public WorldState worldState() {
        return worldState;
    }

    // ---------------------------------------------------------------- invocation

    @Override
    public List<byte[]> getArgs() {
        final List<byte[]> copies = new ArrayList<>(args.size());
        args.forEach(arg -> copies.add(arg.clone()));
        return copies;
    }

    @Override
    public List<String> getStringArgs() {
        final List<String> strings = new ArrayList<>(args.size());
        args.forEach(arg -> strings.add(new String(arg, UTF_8)));
        return strings;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : new String(args.get(0), UTF_8);
    }

    @Override
    public List<String> getParameters() {
        final List<String> strings = getStringArgs();
        return strings.isEmpty() ? strings : new ArrayList<>(strings.subList(1, strings.size()));
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        final Map<String, byte[]> copies = new HashMap<>();
        transientMap.forEach((key, value) -> copies.put(key, value.clone()));
        return copies;
    }

    @Override
    public String getMspId() {
        if (mspId == null) {
            throw new IllegalStateException("CORE_PEER_LOCALMSPID is unset in chaincode process");
        }
        return mspId;
    }

    // ---------------------------------------------------------------- public state

    @Override
    public byte[] getState(final String key) {
        Objects.requireNonNull(key, "key cannot be null");
        keysRead++;
        return orEmpty(worldState.get(key));
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        Objects.requireNonNull(key, "key cannot be null");
        return worldState.validationParameter(key);
    }

    @Override
    public void putState(final String key, final byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        beforeWrite();
        if (value.length == 0) {
            recorder.delete(key);
        } else {
            recorder.put(key, value);
        }
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        beforeWrite();
        recorder.validationParameter(key, value);
    }

    @Override
    public void delState(final String key) {
        validateKey(key);
        beforeWrite();
        recorder.delete(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        final String start = rangeStart(startKey);
        final String end = rangeEnd(endKey);
        CompositeKey.validateSimpleKeys(start, end);
        return keyValues(worldState.range(start, end));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            final String startKey, final String endKey, final int pageSize, final String bookmark) {
        final String start = rangeStart(startKey);
        final String end = rangeEnd(endKey);
        CompositeKey.validateSimpleKeys(start, end);
        return page(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        return getStateByPartialCompositeKey(partialKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
            final String objectType, final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        final String prefix = prefix(compositeKey);
        return keyValues(worldState.range(prefix, prefix + MAX_UNICODE_RUNE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            final CompositeKey compositeKey, final int pageSize, final String bookmark) {
        final String prefix = prefix(compositeKey);
        return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        Objects.requireNonNull(key, "key cannot be null");
        final Iterator<HistoryRecord> records = worldState.history(key).iterator();
        return track(new Iterator<KeyModification>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public KeyModification next() {
                return records.next();
            }
        });
    }

    // ---------------------------------------------------------------- private data

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        requireHeld(collection);
        keysRead++;
        return orEmpty(worldState.getPrivate(collection, key));
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        return orEmpty(worldState.getPrivateHash(collection, key));
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        validateCollection(collection);
        Objects.requireNonNull(key, "key cannot be null");
        return worldState.privateValidationParameter(collection, key);
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        validateKey(key);
        validateCollection(collection);
        Objects.requireNonNull(value, "value cannot be null");
        beforeWrite();
        if (value.length == 0) {
            recorder.deletePrivate(collection, key);
        } else {
            recorder.putPrivate(collection, key, value);
        }
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        validateKey(key);
        validateCollection(collection);
        Objects.requireNonNull(value, "value cannot be null");
        beforeWrite();
        recorder.privateValidationParameter(collection, key, value);
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        validateCollection(collection);
        validateKey(key);
        beforeWrite();
        recorder.deletePrivate(collection, key);
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        validateCollection(collection);
        validateKey(key);
        beforeWrite();
        recorder.purgePrivate(collection, key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(
            final String collection, final String startKey, final String endKey) {
        validateCollection(collection);
        final String start = rangeStart(startKey);
        final String end = rangeEnd(endKey);
        CompositeKey.validateSimpleKeys(start, end);
        return privateRange(collection, start, end);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String compositeKey) {
        return getPrivateDataByPartialCompositeKey(
                collection, compositeKey == null ? new CompositeKey("") : partialKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final CompositeKey compositeKey) {
        validateCollection(collection);
        final String prefix = prefix(compositeKey);
        return privateRange(collection, prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            final String collection, final String objectType, final String... attributes) {
        return getPrivateDataByPartialCompositeKey(collection, new CompositeKey(objectType, attributes));
    }

    // ---------------------------------------------------------------- events

    @Override
    public void setEvent(final String name, final byte[] payload) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        final ChaincodeEvent.Builder event = ChaincodeEvent.newBuilder().setEventName(name);
        if (payload != null) {
            event.setPayload(ByteString.copyFrom(payload));
        }
        recorder.event(event.build());
    }

    @Override
    public ChaincodeEvent getEvent() {
        return recorder.event();
    }

    // ---------------------------------------------------------------- not simulated

    @Override
    public Response invokeChaincode(final String chaincodeName, final List<byte[]> args, final String channel) {
        throw new UnsupportedOperationException(
                "invokeChaincode is not simulated: prooftrail is one chaincode and calls no other");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw richQueryUnsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            final String query, final int pageSize, final String bookmark) {
        throw richQueryUnsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw richQueryUnsupported();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw new UnsupportedOperationException(
                "getSignedProposal is not simulated: there is no signed proposal in process; use getCreator, "
                        + "getTxId and getTxTimestamp");
    }

    @Override
    public byte[] getBinding() {
        throw new UnsupportedOperationException(
                "getBinding is not simulated: it hashes a proposal's nonce and epoch, which do not exist in process");
    }

    // ---------------------------------------------------------------- internals

    private static UnsupportedOperationException richQueryUnsupported() {
        return new UnsupportedOperationException(
                "rich queries are not simulated: they need CouchDB; use composite keys and range queries, which "
                        + "work on LevelDB and CouchDB alike");
    }

    private void beforeWrite() {
        // Fabric's txSimulator.checkWritePrecondition, with its messages (Fabric spells "unsuppored").
        if (privateQueryPerformed) {
            throw new ContractRuntimeException(String.format(
                    Locale.ROOT,
                    "txid [%s]: unsupported transaction. Transaction has already performed queries on pvt data. "
                            + "Writes are not allowed",
                    txId));
        }
        if (paginatedQueryPerformed) {
            throw new ContractRuntimeException(String.format(
                    Locale.ROOT,
                    "txid [%s]: unsupported transaction. Transaction has already performed a paginated query. "
                            + "Writes are not allowed",
                    txId));
        }
        writePerformed = true;
    }

    private void beforePaginatedQuery() {
        if (writePerformed) {
            throw new ContractRuntimeException(String.format(
                    Locale.ROOT,
                    "txid [%s]: unsupported transaction. Paginated queries are supported only in a read-only "
                            + "transaction",
                    txId));
        }
        paginatedQueryPerformed = true;
    }

    private void beforePrivateQuery() {
        if (writePerformed) {
            throw new ContractRuntimeException(String.format(
                    Locale.ROOT,
                    "txid [%s]: unsupported transaction. Queries on pvt data is supported only in a read-only "
                            + "transaction",
                    txId));
        }
        privateQueryPerformed = true;
    }

    private void requireHeld(final String collection) {
        if (!worldState.holdsCollection(collection)) {
            // What the Java shim throws when the peer refuses the read: Fabric's reason ("private data matching
            // public hash version is not available") stays in the peer's log, so the chaincode must explain.
            throw new ContractRuntimeException("Unsuccessful response received.");
        }
    }

    private QueryResultsIterator<KeyValue> privateRange(final String collection, final String start, final String end) {
        beforePrivateQuery();
        requireHeld(collection);
        return keyValues(worldState.privateRange(collection, start, end));
    }

    private QueryResultsIteratorWithMetadata<KeyValue> page(
            final String start, final String end, final int pageSize, final String bookmark) {
        Objects.requireNonNull(bookmark, "bookmark cannot be null; the first page's bookmark is \"\"");
        beforePaginatedQuery();
        // A bookmark resumes inclusively; one from before the range cannot widen it.
        final String from = bookmark.isEmpty() || KeyOrder.compare(bookmark, start) < 0 ? start : bookmark;
        final Iterator<Map.Entry<String, byte[]>> entries = worldState.range(from, end);
        final List<Map.Entry<String, byte[]>> page = new ArrayList<>();
        while (entries.hasNext() && (pageSize <= 0 || page.size() < pageSize)) {
            page.add(entries.next());
        }
        final String next = entries.hasNext() ? entries.next().getKey() : "";
        final QueryResponseMetadata metadata = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size())
                .setBookmark(next)
                .build();
        return new PagedResults(track(map(page.iterator(), this::keyValue)), metadata);
    }

    private QueryResultsIterator<KeyValue> keyValues(final Iterator<Map.Entry<String, byte[]>> entries) {
        return track(map(entries, this::keyValue));
    }

    private KeyValue keyValue(final Map.Entry<String, byte[]> entry) {
        keysRead++;
        return new SimulatedKeyValue(entry.getKey(), entry.getValue());
    }

    private <T> TrackedResults<T> track(final Iterator<T> source) {
        final Object token = new Object();
        open.add(token);
        return new TrackedResults<>(source, () -> open.remove(token));
    }

    private static <S, T> Iterator<T> map(final Iterator<S> source, final Function<S, T> mapper) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public T next() {
                return mapper.apply(source.next());
            }
        };
    }

    private static CompositeKey partialKey(final String compositeKey) {
        return compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey)
                : new CompositeKey(compositeKey);
    }

    private static String prefix(final CompositeKey compositeKey) {
        return compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString() : compositeKey.toString();
    }

    private static String rangeStart(final String startKey) {
        return startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
    }

    private static String rangeEnd(final String endKey) {
        return endKey == null ? "" : endKey;
    }

    private static void validateKey(final String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot be an empty string");
        }
        if (!KeyOrder.isValidUtf8(key)) {
            throw new IllegalArgumentException(
                    "key " + KeyOrder.printable(key) + " is not valid UTF-8: it holds an unpaired surrogate");
        }
        if (key.startsWith(CompositeKey.NAMESPACE) && (key.length() < 2 || !key.endsWith(CompositeKey.NAMESPACE))) {
            throw new IllegalArgumentException("key " + KeyOrder.printable(key)
                    + " starts with U+0000 but is not a composite key; build composite keys with createCompositeKey");
        }
    }

    private static void validateCollection(final String collection) {
        Objects.requireNonNull(collection, "collection cannot be null");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("collection must not be an empty string");
        }
    }

    private static byte[] orEmpty(final byte[] value) {
        return value == null ? new byte[0] : value;
    }

    /** Builds a simulator; every setting is required unless it says otherwise, and nulls are rejected by name. */
    public static final class Builder {

        private WorldState worldState;
        private String channelId = "prooftrail";
        private String chaincodeName = "prooftrail";
        private String txId;
        private Instant timestamp;
        private byte[] creator;
        private String mspId;
        private final List<byte[]> args = new ArrayList<>();
        private final Map<String, byte[]> transientMap = new TreeMap<>();

        private Builder() {}

        public Builder worldState(final WorldState state) {
            this.worldState = Objects.requireNonNull(state, "worldState");
            return this;
        }

        /** Optional; {@code prooftrail} by default. */
        public Builder channelId(final String channel) {
            this.channelId = Objects.requireNonNull(channel, "channelId");
            return this;
        }

        /** Optional; {@code prooftrail} by default. */
        public Builder chaincodeName(final String name) {
            this.chaincodeName = Objects.requireNonNull(name, "chaincodeName");
            return this;
        }

        public Builder txId(final String id) {
            this.txId = Objects.requireNonNull(id, "txId");
            return this;
        }

        public Builder timestamp(final Instant instant) {
            this.timestamp = Objects.requireNonNull(instant, "timestamp");
            return this;
        }

        /** The serialized identity of the transaction's creator; optional, {@code getCreator} is null without. */
        public Builder creator(final byte[] serializedIdentity) {
            this.creator = Objects.requireNonNull(serializedIdentity, "creator").clone();
            return this;
        }

        public Builder creator(final Identity identity) {
            return creator(Objects.requireNonNull(identity, "creator").serialized());
        }

        /** The MSP ID of the endorsing peer; optional, {@code getMspId} fails without, as the shim does. */
        public Builder peerMspId(final String peerMspId) {
            this.mspId = Objects.requireNonNull(peerMspId, "peerMspId");
            return this;
        }

        /** The function ({@code contract:Function}) and its string parameters, replacing earlier arguments. */
        public Builder arguments(final String function, final String... parameters) {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(parameters, "parameters");
            args.clear();
            args.add(function.getBytes(UTF_8));
            for (int i = 0; i < parameters.length; i++) {
                args.add(Objects.requireNonNull(parameters[i], "parameters[" + i + "]")
                        .getBytes(UTF_8));
            }
            return this;
        }

        public Builder transientEntry(final String key, final byte[] value) {
            transientMap.put(
                    Objects.requireNonNull(key, "transient key"),
                    Objects.requireNonNull(value, key).clone());
            return this;
        }

        public Builder transientMap(final Map<String, byte[]> entries) {
            Objects.requireNonNull(entries, "transientMap").forEach(this::transientEntry);
            return this;
        }

        public TransactionSimulator build() {
            return new TransactionSimulator(this);
        }
    }
}
