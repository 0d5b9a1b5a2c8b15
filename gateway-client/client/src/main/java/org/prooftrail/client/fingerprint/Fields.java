package org.prooftrail.client.fingerprint;

import java.util.List;
import java.util.Map;
import org.prooftrail.protocol.Digest;

/** Typed access to the fields of parsed JSON, each failure naming the field. */
final class Fields {
    private Fields() {}

    static Map<?, ?> object(Object value, String name) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(name + " must be a JSON object");
    }

    static List<?> array(Map<?, ?> object, String field) {
        if (object.get(field) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a JSON array");
    }

    static String string(Map<?, ?> object, String field) {
        if (object.get(field) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }

    static long integer(Map<?, ?> object, String field) {
        if (object.get(field) instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException("\"" + field + "\" must be an integer");
    }

    static Digest digest(Map<?, ?> object, String field) {
        String text = string(object, field);
        if (!Digest.isWellFormed(text)) {
            throw new IllegalArgumentException(
                    "\"" + field + "\" must be sha256: followed by 64 lowercase hex digits, not " + text);
        }
        return Digest.parse(field, text);
    }
}
