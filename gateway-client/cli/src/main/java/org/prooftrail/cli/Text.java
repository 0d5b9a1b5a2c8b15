package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Renders ledger JSON for people: aligned {@code key: value} lines. */
final class Text {
    private Text() {}

    static void fields(PrintWriter out, Map<String, Object> object, String... keys) {
        int width = 0;
        for (String key : keys) {
            width = Math.max(width, key.length());
        }
        for (String key : keys) {
            Object value = object.get(key);
            if (value == null
                    || (value instanceof List<?> l && l.isEmpty())
                    || (value instanceof Map<?, ?> m && m.isEmpty())) {
                continue;
            }
            out.printf("%-" + (width + 1) + "s %s%n", key + ":", render(value));
        }
    }

    static String render(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(Text::render).toList());
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder();
            map.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(render(v)));
            return out.toString();
        }
        return String.valueOf(value);
    }
}
