package org.prooftrail.chaincode.ledger;

import com.owlike.genson.stream.JsonType;
import com.owlike.genson.stream.ObjectWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Genson writer that builds the tree Genson's untyped reading of its own JSON text would give (objects as maps with
 * sorted keys, arrays as lists, whole numbers as {@code Long}, strings, booleans; nulls skipped, as the codec's
 * {@code setSkipNull} writer skips them), without writing or parsing the text. {@link LedgerCodec} canonicalises that
 * tree; a registration stores 15 records, and writing each as text to read it back was a tenth of its time.
 *
 * <p>Whatever this writer cannot reproduce exactly (fractions, bytes, metadata, an escaped name or unescaped string
 * holding what JSON escapes) throws {@link Unsupported}, and the codec takes the text path for that value instead.
 */
final class TreeWriter implements ObjectWriter {

    /** This writer cannot give the same tree as the text would: take the text path. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super("not written as a tree", null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final Deque<Object> open = new ArrayDeque<>();
    /** The name of the object member being written, once {@link #named}. */
    private String name = "";

    private boolean named;
    private Object root;
    private boolean written;

    /** The tree, once a whole value was written. */
    Object tree() {
        if (!written || !open.isEmpty()) {
            throw UNSUPPORTED;
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private ObjectWriter add(Object value) {
        final Object parent = open.peek();
        if (parent == null) {
            if (written) {
                throw UNSUPPORTED;
            }
            root = value;
            written = true;
        } else if (parent instanceof Map<?, ?> map) {
            if (!named || ((Map<String, Object>) map).putIfAbsent(name, value) != null) {
                throw UNSUPPORTED;
            }
            named = false;
        } else {
            ((List<Object>) parent).add(value);
        }
        return this;
    }

    private ObjectWriter close(Class<?> kind) {
        if (!kind.isInstance(open.peek()) || named) {
            throw UNSUPPORTED;
        }
        open.pop();
        return this;
    }

    /** Adds an empty object or array where the next value goes, and writes into it until it is closed. */
    private ObjectWriter begin(Object container) {
        add(container);
        open.push(container);
        return this;
    }

    @Override
    public ObjectWriter beginObject() {
        return begin(new TreeMap<>());
    }

    @Override
    public ObjectWriter endObject() {
        return close(Map.class);
    }

    @Override
    public ObjectWriter beginArray() {
        return begin(new ArrayList<>());
    }

    @Override
    public ObjectWriter endArray() {
        return close(List.class);
    }

    @Override
    public ObjectWriter writeName(String value) {
        if (!(open.peek() instanceof Map) || named || value == null) {
            throw UNSUPPORTED;
        }
        name = value;
        named = true;
        return this;
    }

    /** A name JSON-escaped already: the same name only if there was nothing to escape. */
    @Override
    public ObjectWriter writeEscapedName(char[] escaped) {
        final String value = new String(escaped);
        if (needsEscaping(value)) {
            throw UNSUPPORTED;
        }
        return writeName(value);
    }

    @Override
    public ObjectWriter writeValue(int value) {
        return add((long) value);
    }

    @Override
    public ObjectWriter writeValue(long value) {
        return add(value);
    }

    @Override
    public ObjectWriter writeValue(short value) {
        return add((long) value);
    }

    @Override
    public ObjectWriter writeValue(double value) {
        throw UNSUPPORTED;
    }

    @Override
    public ObjectWriter writeValue(float value) {
        throw UNSUPPORTED;
    }

    @Override
    public ObjectWriter writeValue(boolean value) {
        return add(value);
    }

    @Override
    public ObjectWriter writeBoolean(Boolean value) {
        return value == null ? writeNull() : add(value);
    }

    @Override
    public ObjectWriter writeValue(Number value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return add(value.longValue());
        }
        throw UNSUPPORTED;
    }

    @Override
    public ObjectWriter writeNumber(Number value) {
        return value == null ? writeNull() : writeValue(value);
    }

    @Override
    public ObjectWriter writeValue(String value) {
        return value == null ? writeNull() : add(value);
    }

    @Override
    public ObjectWriter writeString(String value) {
        return writeValue(value);
    }

    /** Written between quotes as it is: the same string only if JSON would not have escaped any of it. */
    @Override
    public ObjectWriter writeUnsafeValue(String value) {
        if (value == null || needsEscaping(value)) {
            throw UNSUPPORTED;
        }
        return add(value);
    }

    @Override
    public ObjectWriter writeValue(byte[] value) {
        throw UNSUPPORTED;
    }

    @Override
    public ObjectWriter writeBytes(byte[] value) {
        throw UNSUPPORTED;
    }

    /** The codec's writer skips nulls: the pending name goes, and nothing is added (in an array too). */
    @Override
    public ObjectWriter writeNull() {
        named = false;
        return this;
    }

    @Override
    public ObjectWriter beginNextObjectMetadata() {
        return this;
    }

    @Override
    public ObjectWriter writeMetadata(String key, String value) {
        throw UNSUPPORTED;
    }

    @Override
    public ObjectWriter writeBoolean(String key, Boolean value) {
        return writeName(key).writeBoolean(value);
    }

    @Override
    public ObjectWriter writeNumber(String key, Number value) {
        return writeName(key).writeNumber(value);
    }

    @Override
    public ObjectWriter writeString(String key, String value) {
        return writeName(key).writeString(value);
    }

    @Override
    public ObjectWriter writeBytes(String key, byte[] value) {
        throw UNSUPPORTED;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public JsonType enclosingType() {
        final Object parent = open.peek();
        if (parent == null) {
            return JsonType.EMPTY;
        }
        return parent instanceof Map ? JsonType.OBJECT : JsonType.ARRAY;
    }

    /** Whether this holds what JSON escapes (a quote, a backslash, a control character) or an escape sequence. */
    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return true;
            }
        }
        return false;
    }
}
