package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders results for people: aligned {@code key: value} lines, and {@code key=value} pairs for a nested value. A
 * value that is absent (null, an empty {@link Optional}, an empty string, list or map) is left out.
 */
final class Text {
    private Text() {}

    /** Lines for a result, printed in the order added, the values aligned over every key added. */
    static Lines lines() {
        return new Lines();
    }

    /** Aligned {@code key: value} lines. */
    static final class Lines {
        private final Map<String, Object> rows = new LinkedHashMap<>();

        private Lines() {}

        Lines add(String key, Object value) {
            rows.put(key, value);
            return this;
        }

        void print(PrintWriter out) {
            int width = 0;
            for (String key : rows.keySet()) {
                width = Math.max(width, key.length());
            }
            for (Map.Entry<String, Object> row : rows.entrySet()) {
                Object value = present(row.getValue());
                if (value != null) {
                    out.printf("%-" + (width + 1) + "s %s%n", row.getKey() + ":", render(value));
                }
            }
        }
    }

    /**
     * {@code k1=v1, k2=v2} for a nested value, from alternating keys and values; absent values are left out.
     */
    static String pairs(Object... keysAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = present(keysAndValues[i + 1]);
            if (value != null) {
                out.append(out.length() == 0 ? "" : ", ")
                        .append(keysAndValues[i])
                        .append('=')
                        .append(render(value));
            }
        }
        return out.toString();
    }

    /** The value, or null when it is absent. */
    private static Object present(Object value) {
        Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (unwrapped == null
                || (unwrapped instanceof String s && s.isEmpty())
                || (unwrapped instanceof Collection<?> c && c.isEmpty())
                || (unwrapped instanceof Map<?, ?> m && m.isEmpty())) {
            return null;
        }
        return unwrapped;
    }

    static String render(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Text::render).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + render(entry.getValue()))
                    .collect(Collectors.joining(", "));
        }
        return String.valueOf(value);
    }
}
