package org.prooftrail.client.embedded;

import java.util.List;
import java.util.Map;

/** Fields of a bundle or checkpoint file's JSON object, with errors that name the field. */
final class JsonFields {
    private static final String FIELD = "bundle field ";

    private JsonFields() {}

    static String text(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(FIELD + name + " is missing or not a string");
    }

    static long number(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException(FIELD + name + " is missing or not an integer");
    }

    static List<?> list(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(FIELD + name + " is missing or not an array");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(FIELD + name + " is missing or not an object");
    }
}
