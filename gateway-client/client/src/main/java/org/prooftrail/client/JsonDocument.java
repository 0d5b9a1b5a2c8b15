package org.prooftrail.client;

import com.owlike.genson.Genson;
import com.owlike.genson.GensonBuilder;
import com.owlike.genson.JsonBindingException;
import com.owlike.genson.stream.JsonStreamException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.protocol.JsonNesting;

/**
 * A chaincode result as a read-only JSON tree, and the writer of transaction arguments (keys sorted). Results
 * keep every field the chaincode returned, so a newer chaincode's extra fields are not lost on the way to
 * {@code --json} output.
 */
public final class JsonDocument {
    private static final Genson GENSON = new GensonBuilder().setSkipNull(true).create();

    /** The deepest nesting read: every prooftrail document needs a handful of levels. */
    public static final int MAX_DEPTH = JsonNesting.MAX_DEPTH;

    private final Object tree;

    private JsonDocument(Object tree) {
        this.tree = tree;
    }

    public static JsonDocument parse(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        try {
            requireNesting(text, "the ledger's result");
        } catch (IllegalArgumentException e) {
            throw new ProofTrailClientException(e.getMessage(), null, e);
        }
        try {
            return new JsonDocument(GENSON.deserialize(text, Object.class));
        } catch (JsonBindingException | JsonStreamException e) {
            throw new ProofTrailClientException(
                    "the ledger returned a result that is not JSON: " + e.getMessage(), null, e);
        }
    }

    /**
     * Refuses JSON text that nests objects and arrays deeper than {@link #MAX_DEPTH}: parsers recurse once per level,
     * and a hostile file would otherwise end in a {@code StackOverflowError}. Brackets inside strings do not count.
     *
     * @throws IllegalArgumentException naming {@code what} and where the limit was passed
     */
    public static void requireNesting(String text, String what) {
        int at = JsonNesting.tooDeepAt(text, MAX_DEPTH);
        if (at >= 0) {
            throw new IllegalArgumentException(
                    what + " is JSON nested deeper than " + MAX_DEPTH + " levels (at offset " + at + ")");
        }
    }

    /** A document over a tree of maps, lists and scalars, for output. */
    public static JsonDocument of(Object tree) {
        return new JsonDocument(tree);
    }

    static String write(Object value) {
        return GENSON.serialize(sorted(value));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonDocument::sorted).toList();
        }
        return value;
    }

    /** The tree: maps, lists, strings, longs, doubles, booleans. */
    public Object tree() {
        return tree;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        if (!(tree instanceof Map<?, ?>)) {
            throw new ProofTrailClientException("the ledger returned JSON that is not an object", null, null);
        }
        return (Map<String, Object>) tree;
    }

    @SuppressWarnings("unchecked")
    public List<Object> array() {
        if (!(tree instanceof List<?>)) {
            throw new ProofTrailClientException("the ledger returned JSON that is not an array", null, null);
        }
        return (List<Object>) tree;
    }

    public String string(String field) {
        Object value = object().get(field);
        return value == null ? null : String.valueOf(value);
    }

    public boolean bool(String field) {
        return Boolean.TRUE.equals(object().get(field));
    }

    /** The canonical JSON text (keys sorted). */
    @Override
    public String toString() {
        return write(tree);
    }
}
