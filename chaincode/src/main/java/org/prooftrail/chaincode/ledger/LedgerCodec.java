package org.prooftrail.chaincode.ledger;

import com.owlike.genson.Genson;
import com.owlike.genson.GensonBuilder;
import com.owlike.genson.JsonBindingException;
import com.owlike.genson.stream.JsonStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.protocol.JsonNesting;
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
     * The canonical JSON bytes of a ledger type, a map or a list. Genson already writes a bean's properties and a
     * sorted map's keys in order, so its output is taken as it is when {@link #isCanonical} confirms that the tree
     * pass (read back, sort every object's keys, write again) would not change a byte; otherwise that pass runs. A
     * transaction encodes six or so values (the record, its state, the guard, the event, the result), and the tree
     * pass was two thirds of the work of each.
     */
    public static byte[] encode(Object value) {
        String json = WRITER.serialize(value);
        return (isCanonical(json) ? json : encodeByTree(json)).getBytes(StandardCharsets.UTF_8);
    }

    /** The tree pass: Genson's output read back as maps and lists, every object's keys sorted, written again. */
    static String encodeByTree(String json) {
        return WRITER.serialize(canonical(WRITER.deserialize(json, Object.class)));
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

    /** Reads bytes this codec wrote; a failure here is ledger corruption, not bad input. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return READER.deserialize(new String(bytes, StandardCharsets.UTF_8), type);
        } catch (JsonBindingException | JsonStreamException e) {
            throw new IllegalStateException(
                    "stored " + type.getSimpleName() + " is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * Parses untrusted JSON text into maps, lists, strings, longs, doubles and booleans. The text must be exactly one
     * JSON value: Genson stops after the first value and ignores whatever follows, which would let
     * {@code {"id":"a"} garbage} or two concatenated objects through as if they were the first one.
     */
    static Object parseTree(String field, String text) {
        requireDepth(field, text);
        Object tree;
        try {
            tree = WRITER.deserialize(text, Object.class);
        } catch (JsonBindingException | JsonStreamException | IllegalStateException | ClassCastException e) {
            throw ProofTrailException.invalid(field + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        int end = endOfFirstValue(text);
        for (int i = end; i < text.length(); i++) {
            if (!isJsonWhitespace(text.charAt(i))) {
                throw ProofTrailException.invalid(field + " is not valid JSON: unexpected text after the value at"
                        + " position " + i + " (send exactly one JSON value)");
            }
        }
        return tree;
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

    /** Where the first JSON value of {@code text} ends; Genson has already checked that the value is well formed. */
    private static int endOfFirstValue(String text) {
        int i = 0;
        while (i < text.length() && isJsonWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return i;
        }
        char first = text.charAt(i);
        if (first == '{' || first == '[' || first == '"') {
            int depth = 0;
            boolean inString = false;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                        if (depth == 0) {
                            return i + 1;
                        }
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            return i;
        }
        while (i < text.length() && !isJsonWhitespace(text.charAt(i)) && ",]}".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Whether Genson's output {@code json} is already what the tree pass of {@link #encode} would write: keys in
     * strictly increasing {@link String#compareTo} order in every object (as the {@code TreeMap} of
     * {@link #canonical} orders them), no whitespace, and nothing whose second writing could differ. It answers
     * false, sending the value through the tree pass, whenever it cannot be sure: a key with an escape, a {@code null},
     * a number with a fraction, an exponent or more than 18 digits (which reading back as a {@code Long} or
     * {@code Double} might write differently).
     */
    static boolean isCanonical(String json) {
        // Per open object: the last key seen (NO_KEY before the first); per open array: ARRAY.
        ArrayDeque<Object> open = new ArrayDeque<>();
        boolean expectKey = false;
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{' -> {
                    open.push(NO_KEY);
                    expectKey = true;
                }
                case '[' -> {
                    open.push(ARRAY);
                    expectKey = false;
                }
                case '}', ']' -> {
                    if (open.isEmpty()) {
                        return false;
                    }
                    open.pop();
                    expectKey = false;
                }
                case ',' -> expectKey = !open.isEmpty() && open.peek() != ARRAY;
                case ':' -> expectKey = false;
                case '"' -> {
                    int end = i + 1;
                    boolean escaped = false;
                    while (end < n && json.charAt(end) != '"') {
                        if (json.charAt(end) == '\\') {
                            escaped = true;
                            end++;
                        }
                        end++;
                    }
                    if (end >= n) {
                        return false;
                    }
                    if (expectKey) {
                        if (escaped) {
                            return false;
                        }
                        String key = json.substring(i + 1, end);
                        Object last = open.pop();
                        if (last != NO_KEY && ((String) last).compareTo(key) >= 0) {
                            return false;
                        }
                        open.push(key);
                        expectKey = false;
                    }
                    i = end;
                }
                case 't' -> {
                    if (!json.startsWith("true", i)) {
                        return false;
                    }
                    i += 3;
                }
                case 'f' -> {
                    if (!json.startsWith("false", i)) {
                        return false;
                    }
                    i += 4;
                }
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        int start = i;
                        while (i + 1 < n && (json.charAt(i + 1) >= '0' && json.charAt(i + 1) <= '9')) {
                            i++;
                        }
                        if (i - start + 1 > 18) {
                            return false;
                        }
                    } else {
                        return false; // null, a fraction or exponent, whitespace, anything unexpected
                    }
                }
            }
        }
        return open.isEmpty();
    }

    private static final Object NO_KEY = new Object();
    private static final Object ARRAY = new Object();

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
