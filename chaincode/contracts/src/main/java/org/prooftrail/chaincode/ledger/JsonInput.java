package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.prooftrail.protocol.ProofTrailException;

/**
 * A JSON object argument read field by field: each accessor names the field in its {@code INVALID_ARGUMENT}
 * message, and {@link #rejectUnknownFields()} catches misspelt fields instead of ignoring them.
 */
public final class JsonInput {
    /** Larger arguments are refused before parsing. */
    public static final int MAX_BYTES = 64 * 1024;

    private final String path;
    private final Map<?, ?> fields;
    private final Set<String> read = new LinkedHashSet<>();

    private JsonInput(String path, Map<?, ?> fields) {
        this.path = path;
        this.fields = fields;
    }

    /** Parses {@code text} as one JSON object; {@code what} names the argument in error messages. */
    public static JsonInput parse(String what, String text) {
        return parse(what, text, MAX_BYTES);
    }

    /** Parses {@code text}, of at most {@code maxBytes} UTF-8 bytes, as one JSON object. */
    public static JsonInput parse(String what, String text, int maxBytes) {
        if (text == null || text.isBlank()) {
            throw ProofTrailException.invalid(what + " is required: a JSON object");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ProofTrailException.invalid(what + " is larger than " + maxBytes + " bytes");
        }
        Object tree = LedgerCodec.parseTree(what, text);
        if (!(tree instanceof Map<?, ?> map)) {
            throw ProofTrailException.invalid(what + " must be a JSON object");
        }
        return new JsonInput(what, map);
    }

    private String name(String field) {
        return path + "." + field;
    }

    private Object value(String field) {
        read.add(field);
        return fields.get(field);
    }

    public boolean has(String field) {
        return fields.get(field) != null;
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> ProofTrailException.invalid(name(field) + " is required"));
    }

    public Optional<String> optionalString(String field) {
        Object value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw ProofTrailException.invalid(name(field) + " must be a string");
        }
        return Optional.of(s);
    }

    public Optional<Long> optionalLong(String field) {
        Object value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Long || value instanceof Integer)) {
            throw ProofTrailException.invalid(name(field) + " must be a whole number");
        }
        return Optional.of(((Number) value).longValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        Object value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw ProofTrailException.invalid(name(field) + " must be true or false");
        }
        return Optional.of(b);
    }

    public Optional<JsonInput> optionalObject(String field) {
        Object value = value(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ProofTrailException.invalid(name(field) + " must be a JSON object");
        }
        return Optional.of(new JsonInput(name(field), map));
    }

    /** A list of objects; absent means empty. */
    public List<JsonInput> objectList(String field) {
        List<JsonInput> out = new ArrayList<>();
        List<?> list = list(field);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw ProofTrailException.invalid(name(field) + "[" + i + "] must be a JSON object");
            }
            out.add(new JsonInput(name(field) + "[" + i + "]", map));
        }
        return out;
    }

    /** A list of strings; absent means empty. */
    public List<String> stringList(String field) {
        List<String> out = new ArrayList<>();
        List<?> list = list(field);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw ProofTrailException.invalid(name(field) + "[" + i + "] must be a string");
            }
            out.add(s);
        }
        return out;
    }

    private List<?> list(String field) {
        Object value = value(field);
        if (value == null) {
            return Collections.emptyList();
        }
        if (!(value instanceof List<?> list)) {
            throw ProofTrailException.invalid(name(field) + " must be a JSON array");
        }
        return list;
    }

    /** An object of string values, sorted by key; absent means empty. */
    public SortedMap<String, String> stringMap(String field) {
        Object value = value(field);
        SortedMap<String, String> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ProofTrailException.invalid(name(field) + " must be a JSON object of strings");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String s)) {
                throw ProofTrailException.invalid(name(field) + "." + entry.getKey() + " must be a string");
            }
            out.put(String.valueOf(entry.getKey()), s);
        }
        return out;
    }

    /** Fails on any field no accessor asked for, so that a misspelt field is not silently dropped. */
    public void rejectUnknownFields() {
        for (Object key : new TreeMap<>(stringKeys()).keySet()) {
            if (!read.contains(key)) {
                throw ProofTrailException.invalid(path + " has an unknown field '" + key + "'");
            }
        }
    }

    private Map<String, Object> stringKeys() {
        Map<String, Object> keys = new TreeMap<>();
        fields.forEach((k, v) -> keys.put(String.valueOf(k), v));
        return keys;
    }
}
