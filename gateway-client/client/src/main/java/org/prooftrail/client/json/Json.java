package org.prooftrail.client.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.prooftrail.protocol.JsonNesting;

/**
 * Reads and writes JSON through Gson. {@link #read} is strict on top of Gson's strict tokenizer: objects become
 * {@link LinkedHashMap}s in document order, arrays {@link List}s, numbers {@link Long}s; a duplicate key, a fraction
 * or exponent, text after the value, or nesting deeper than {@link #MAX_DEPTH} is refused with an
 * {@link IllegalArgumentException} that says what and where. {@link #write} sorts object keys, skips null members
 * and escapes only what JSON requires.
 */
public final class Json {
    /** The deepest nesting read (prooftrail documents need a handful of levels). */
    public static final int MAX_DEPTH = JsonNesting.MAX_DEPTH;

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {}

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException naming the offending key, number or position
     */
    public static Object read(String text) {
        int tooDeep = JsonNesting.tooDeepAt(text, MAX_DEPTH);
        if (tooDeep >= 0) {
            throw new IllegalArgumentException(
                    "malformed JSON at offset " + tooDeep + ": nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_DEPTH);
        Object value;
        try {
            value = value(reader);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson's MalformedJsonException is an IOException; its message says the line, column and path.
            throw new IllegalArgumentException("malformed JSON: " + gsonProblem(e), e);
        }
        try {
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                return value;
            }
        } catch (IOException | IllegalStateException e) {
            // Gson refuses a second top-level value in strict mode: the same mistake.
        }
        throw new IllegalArgumentException("malformed JSON: unexpected text after the JSON value");
    }

    /** Gson's message without its advice to parse leniently and its link to a troubleshooting page. */
    private static String gsonProblem(Exception e) {
        String message = String.valueOf(e.getMessage());
        int advice = message.indexOf("\nSee ");
        if (advice >= 0) {
            message = message.substring(0, advice);
        }
        return message.replace(
                "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "not strict JSON");
    }

    /**
     * Refuses text that nests objects and arrays deeper than {@link #MAX_DEPTH}, before any parsing: for a file a
     * command reads up front, so that the refusal names it.
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

    /** Reads a JSON object; anything else is refused, naming {@code what} it was meant to be. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text, String what) {
        Object value = read(text);
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException(what + " must be a JSON object");
    }

    private static Object value(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    if (object.containsKey(key)) {
                        throw new IllegalArgumentException(
                                "malformed JSON: duplicate key \"" + key + "\" at " + reader.getPath());
                    }
                    object.put(key, value(reader));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                List<Object> array = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(value(reader));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return reader.nextString();
            }
            case NUMBER -> {
                String path = reader.getPath();
                String number = reader.nextString();
                if (!INTEGER.matcher(number).matches()) {
                    throw new IllegalArgumentException(
                            "malformed JSON: only integers are expected, not " + number + " at " + path);
                }
                try {
                    return Long.parseLong(number);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "malformed JSON: the integer " + number + " at " + path + " is out of range", e);
                }
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            case NULL -> {
                reader.nextNull();
                return null;
            }
            default ->
                throw new IllegalArgumentException(
                        "malformed JSON: unexpected " + reader.peek() + " at " + reader.getPath());
        }
    }

    /**
     * Writes a tree of maps, lists, strings, numbers, booleans and enum constants (as their names) as compact JSON,
     * object keys sorted, null members left out; any other object is refused rather than serialised field by field.
     */
    public static String write(Object tree) {
        return GSON.toJson(sorted(tree));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(sorted(item)));
            return out;
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        // Never Gson's reflection over an arbitrary object: its fields are not a wire format.
        throw new IllegalArgumentException(
                "no JSON form for a " + value.getClass().getName());
    }
}
