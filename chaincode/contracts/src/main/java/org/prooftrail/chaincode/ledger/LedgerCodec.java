package org.prooftrail.chaincode.ledger;

import com.owlike.genson.Context;
import com.owlike.genson.Genson;
import com.owlike.genson.GensonBuilder;
import com.owlike.genson.JsonBindingException;
import com.owlike.genson.stream.JsonStreamException;
import com.owlike.genson.stream.ObjectReader;
import com.owlike.genson.stream.ValueType;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.protocol.JsonNesting;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;

/**
 * The one JSON codec: Genson binding for ledger types (getters out, {@code @JsonProperty} constructor in), written
 * with keys sorted at every depth and no insignificant whitespace, in UTF-8. Every endorsing peer must produce the
 * same bytes for the same transaction, so nothing here depends on hash order.
 */
public final class LedgerCodec {
    /**
     * Writes through getters. Constructor arguments stay off here: Genson would otherwise read parameter names
     * from the class file with a bundled ASM that does not understand Java 17 class files.
     */
    private static final Genson WRITER = new GensonBuilder().setSkipNull(true).create();

    /** Reads ledger types through their constructors, whose every parameter is named by {@code @JsonProperty}. */
    private static final Genson READER = new GensonBuilder()
            .useConstructorWithArguments(true)
            .setSkipNull(true)
            .create();

    /** The deepest nesting of objects and arrays accepted in input; every prooftrail document needs far less. */
    public static final int MAX_DEPTH = JsonNesting.MAX_DEPTH;

    private LedgerCodec() {}

    /**
     * The canonical JSON bytes of a ledger type, a map or a list, as a transaction returns it or an event carries it.
     * What the chaincode stores goes through {@link #store}, which adds the record format.
     */
    public static byte[] encode(Object value) {
        return WRITER.serialize(canonical(tree(value))).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bytes a record is stored as: its canonical JSON with the {@linkplain RecordFormats#CURRENT current record
     * format} in the field {@value RecordFormats#FIELD}. A list (a grant list, an attested subject list) is stored
     * in an envelope, {@code {"items": [...], "v": N}}, since an array has no place for the field.
     */
    public static byte[] store(Object record) {
        Object tree = tree(record);
        Map<String, Object> stored;
        if (tree instanceof Map<?, ?> map) {
            stored = new TreeMap<>();
            map.forEach((k, v) -> stored.put(String.valueOf(k), v));
        } else if (tree instanceof List<?> list) {
            stored = new TreeMap<>();
            stored.put(RecordFormats.ITEMS, list);
        } else {
            throw new IllegalArgumentException("only objects and lists are stored as records, not " + tree);
        }
        if (stored.containsKey(RecordFormats.FIELD)) {
            throw new IllegalArgumentException("a record has a field named " + RecordFormats.FIELD
                    + ", which the record format takes: " + record.getClass().getSimpleName());
        }
        stored.put(RecordFormats.FIELD, RecordFormats.CURRENT);
        return WRITER.serialize(canonical(stored)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value as Genson's untyped reading of its JSON text gives it: built by a {@link TreeWriter} without the text,
     * or, for what that writer does not reproduce exactly (or an error), through the text as before.
     */
    static Object tree(Object value) {
        if (value == null) {
            return textTree(null);
        }
        try {
            return treeWithoutText(value);
        } catch (TreeWriter.Unsupported | JsonBindingException e) {
            // What the writer does not reproduce (Genson wraps it in a property's failure), or a failure of Genson's
            // that the text path reports as it always did
            return textTree(value);
        }
    }

    /**
     * {@link #tree} by a {@link TreeWriter} alone.
     *
     * @throws TreeWriter.Unsupported if that writer does not reproduce the value exactly (or a {@link
     *     JsonBindingException} caused by it, from within a property)
     */
    static Object treeWithoutText(Object value) {
        final TreeWriter writer = new TreeWriter();
        WRITER.serialize(value, value.getClass(), writer, new Context(WRITER));
        return writer.tree();
    }

    /** {@link #tree} through the JSON text. */
    static Object textTree(Object value) {
        return WRITER.deserialize(WRITER.serialize(value), Object.class);
    }

    /** A ledger type's fields as a map from name to JSON value (maps, lists, strings, numbers, booleans). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fields(Object value) {
        return WRITER.deserialize(WRITER.serialize(value), Map.class);
    }

    /** {@link #encode} as a string, the form a transaction returns. */
    public static String toJson(Object value) {
        return new String(encode(value), StandardCharsets.UTF_8);
    }

    /**
     * Reads a stored record of any format this chaincode knows ({@link RecordFormats}): one without the format field
     * is format 1 (release 0.1.0); an older one is brought to the current shape first; one of a newer format is
     * refused with {@code FAILED_PRECONDITION: record written by a newer chaincode} before its body is bound, so a
     * shape this code does not know is never misread or reported as corruption. Any other failure here is ledger
     * corruption, not bad input.
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            Object tree = READER.deserialize(text, Object.class);
            int format = RecordFormats.FIRST;
            if (tree instanceof Map<?, ?> map && map.containsKey(RecordFormats.FIELD)) {
                format = RecordFormats.formatOf(map.get(RecordFormats.FIELD), type);
                Map<String, Object> body = new TreeMap<>();
                map.forEach((k, v) -> body.put(String.valueOf(k), v));
                body.remove(RecordFormats.FIELD);
                tree = body.keySet().equals(java.util.Set.of(RecordFormats.ITEMS)) && isList(type)
                        ? body.get(RecordFormats.ITEMS)
                        : body;
            }
            Object current = RecordFormats.upgrade(type, format, tree);
            return READER.deserialize(WRITER.serialize(current), type);
        } catch (JsonBindingException | JsonStreamException | ClassCastException e) {
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The format of a stored record: the value of its format field, or 1 (release 0.1.0) without one. */
    public static int formatOf(byte[] bytes) {
        Object tree = READER.deserialize(new String(bytes, StandardCharsets.UTF_8), Object.class);
        return tree instanceof Map<?, ?> map && map.containsKey(RecordFormats.FIELD)
                ? RecordFormats.formatOf(map.get(RecordFormats.FIELD), Object.class)
                : RecordFormats.FIRST;
    }

    private static boolean isList(Class<?> type) {
        return type.isArray() || List.class.isAssignableFrom(type);
    }

    /**
     * Parses untrusted JSON text into maps, lists, strings, longs, doubles and booleans, through Genson's streaming
     * reader, with two checks on top: the text must be exactly one JSON value (Genson stops after the first one and
     * ignores whatever follows, which would let {@code {"id":"a"} garbage} or two concatenated objects through as
     * the first), and no object may name a key twice (Genson would keep the last, so two peers or two readers could
     * disagree about what was sent).
     */
    static Object parseTree(String field, String text) {
        requireDepth(field, text);
        int trailing = JsonNesting.trailingAt(text);
        if (trailing >= 0) {
            throw ProofTrailException.invalid(field + " is not valid JSON: unexpected text after the value at"
                    + " position " + trailing + " (send exactly one JSON value)");
        }
        try {
            ObjectReader reader = WRITER.createReader(new StringReader(text));
            return value(field, reader, reader.getValueType());
        } catch (JsonStreamException | IllegalStateException | NumberFormatException e) {
            throw ProofTrailException.invalid(field + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Object value(String field, ObjectReader reader, ValueType type) {
        switch (type) {
            case OBJECT -> {
                reader.beginObject();
                Map<String, Object> object = new LinkedHashMap<>();
                while (reader.hasNext()) {
                    ValueType member = reader.next();
                    String name = reader.name();
                    if (object.containsKey(name)) {
                        throw ProofTrailException.invalid(field + " is not valid JSON: the key '"
                                + Printable.truncate(name) + "' appears twice in one object");
                    }
                    object.put(name, value(field, reader, member));
                }
                reader.endObject();
                return object;
            }
            case ARRAY -> {
                reader.beginArray();
                List<Object> array = new ArrayList<>();
                while (reader.hasNext()) {
                    array.add(value(field, reader, reader.next()));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return reader.valueAsString();
            }
            case INTEGER -> {
                return reader.valueAsLong();
            }
            case DOUBLE -> {
                return reader.valueAsDouble();
            }
            case BOOLEAN -> {
                return reader.valueAsBoolean();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Genson and {@link #canonical} recurse once per nesting level: deeper input than {@link #MAX_DEPTH} is refused
     * before either runs, so a hostile argument is {@code INVALID_ARGUMENT} on every peer rather than a
     * {@code StackOverflowError} whose depth depends on each peer's JVM stack.
     */
    private static void requireDepth(String field, String text) {
        int at = JsonNesting.tooDeepAt(text, MAX_DEPTH);
        if (at >= 0) {
            throw ProofTrailException.invalid(
                    field + " is not valid JSON: nested deeper than " + MAX_DEPTH + " levels at position " + at);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static Object canonical(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(canonical(v)));
            return copy;
        }
        return tree;
    }
}
