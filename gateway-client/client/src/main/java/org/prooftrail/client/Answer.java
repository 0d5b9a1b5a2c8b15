package org.prooftrail.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;

/**
 * One JSON object of a ledger's answer, read field by field for {@link Answers}. Every failure is a
 * {@link ProofTrailClientException} that names the transaction, the field and what was found, so a chaincode newer
 * than this client (a renamed field, a status this client does not know) says so instead of failing later. Fields the
 * client does not read are ignored, and kept in {@link #json()}.
 */
final class Answer {
    private final Map<String, Object> object;
    private final String source;
    private final String path;

    private Answer(Map<String, Object> object, String source, String path) {
        this.object = object;
        this.source = source;
        this.path = path;
    }

    /** Parses a whole answer that must be an object; {@code source} names it, e.g. {@code artifact:Get}. */
    static Answer parse(byte[] payload, String source) {
        Object tree = tree(payload, source);
        return of(tree, source, "");
    }

    /** Parses a whole answer that must be an array of objects. */
    static List<Answer> parseArray(byte[] payload, String source) {
        Object tree = tree(payload, source);
        if (!(tree instanceof List<?> list)) {
            throw mismatch(source, "the answer", "is not a JSON array");
        }
        List<Answer> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            items.add(of(list.get(i), source, "[" + i + "]"));
        }
        return items;
    }

    private static Object tree(byte[] payload, String source) {
        try {
            return Json.read(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ProofTrailClientException(
                    "the ledger's answer to " + source + " is not JSON this client reads: " + e.getMessage(), null, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Answer of(Object value, String source, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(source, path.isEmpty() ? "the answer" : path, "is not a JSON object");
        }
        return new Answer((Map<String, Object>) map, source, path);
    }

    private static ProofTrailClientException mismatch(String source, String what, String problem) {
        return new ProofTrailClientException(
                "the ledger's answer to " + source + " is not what this client reads: " + what + " " + problem
                        + " (is the chaincode a different version?)",
                null,
                null);
    }

    private ProofTrailClientException mismatch(String field, String problem) {
        return mismatch(source, "\"" + path + (path.isEmpty() ? "" : ".") + field + "\"", problem);
    }

    /** This object as JSON, keys sorted, every field included (also those this client does not read). */
    String json() {
        return Json.write(object);
    }

    boolean has(String field) {
        return object.get(field) != null;
    }

    String string(String field) {
        return optionalString(field).orElseThrow(() -> mismatch(field, "is missing"));
    }

    Optional<String> optionalString(String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        throw mismatch(field, "is not a string");
    }

    /** A string that the chaincode leaves out or sends empty when it does not apply. */
    Optional<String> text(String field) {
        return optionalString(field).filter(text -> !text.isEmpty());
    }

    long integer(String field) {
        return optionalInteger(field).orElseThrow(() -> mismatch(field, "is missing"));
    }

    Optional<Long> optionalInteger(String field) {
        Object value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Long number) {
            return Optional.of(number);
        }
        throw mismatch(field, "is not an integer");
    }

    /** A boolean; absent is false (the chaincode leaves false flags out of some records). */
    boolean bool(String field) {
        Object value = object.get(field);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw mismatch(field, "is not true or false");
    }

    Instant instant(String field) {
        return optionalInstant(field).orElseThrow(() -> mismatch(field, "is missing"));
    }

    Optional<Instant> optionalInstant(String field) {
        return text(field).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw mismatch(field, "is not an ISO-8601 instant: " + text);
            }
        });
    }

    Digest digest(String field) {
        return optionalDigest(field).orElseThrow(() -> mismatch(field, "is missing"));
    }

    Optional<Digest> optionalDigest(String field) {
        return text(field).map(text -> {
            if (!Digest.isWellFormed(text)) {
                throw mismatch(field, "is not a sha256: digest: " + text);
            }
            return Digest.parse(field, text);
        });
    }

    /** An enum value; a value this client does not know is an error naming the ones it does. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> mismatch(field, "is missing"));
    }

    <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return text(field).map(text -> parseEnum(field, type, text, Enum::name));
    }

    /** An enum value the chaincode sends in lower case ({@code upstream}, {@code grant}). */
    <E extends Enum<E>> E lowerCaseEnum(String field, Class<E> type) {
        String text = string(field);
        return parseEnum(field, type, text, value -> value.name().toLowerCase(Locale.ROOT));
    }

    private <E extends Enum<E>> E parseEnum(String field, Class<E> type, String text, Function<E, String> wireName) {
        for (E value : type.getEnumConstants()) {
            if (wireName.apply(value).equals(text)) {
                return value;
            }
        }
        throw mismatch(
                field,
                "is " + text + ", which this client does not know (it knows "
                        + Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", "))
                        + ")");
    }

    /** Strings of an array; absent is empty. */
    List<String> strings(String field) {
        return list(field, (item, at) -> {
            if (item instanceof String text) {
                return text;
            }
            throw mismatch(field + "[" + at + "]", "is not a string");
        });
    }

    /** Enum values of an array of strings; absent is empty. */
    <E extends Enum<E>> List<E> enums(String field, Class<E> type) {
        List<String> texts = strings(field);
        List<E> values = new ArrayList<>(texts.size());
        for (String text : texts) {
            values.add(parseEnum(field, type, text, Enum::name));
        }
        return List.copyOf(values);
    }

    /** Digests of an array of strings; absent is empty. */
    List<Digest> digests(String field) {
        List<Digest> digests = new ArrayList<>();
        for (String text : strings(field)) {
            if (!Digest.isWellFormed(text)) {
                throw mismatch(field, "holds something that is not a sha256: digest: " + text);
            }
            digests.add(Digest.parse(field, text));
        }
        return List.copyOf(digests);
    }

    /** A string-to-string object, sorted by key; absent is empty. */
    Map<String, String> stringMap(String field) {
        Object value = object.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(field, "is not a JSON object");
        }
        Map<String, String> out = new TreeMap<>();
        map.forEach((key, item) -> {
            if (!(item instanceof String text)) {
                throw mismatch(field + "." + key, "is not a string");
            }
            out.put((String) key, text);
        });
        return Collections.unmodifiableMap(out);
    }

    /** A nested object, if present. */
    Optional<Answer> optionalObject(String field) {
        Object value = object.get(field);
        return value == null ? Optional.empty() : Optional.of(of(value, source, child(field)));
    }

    /** The objects of an array, each read by {@code reader}; absent is empty. */
    <T> List<T> objects(String field, Function<Answer, T> reader) {
        return list(field, (item, at) -> reader.apply(of(item, source, child(field) + "[" + at + "]")));
    }

    private String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private interface Item<T> {
        T read(Object item, int at);
    }

    private <T> List<T> list(String field, Item<T> reader) {
        Object value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw mismatch(field, "is not a JSON array");
        }
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(reader.read(items.get(i), i));
        }
        return Collections.unmodifiableList(out);
    }
}
