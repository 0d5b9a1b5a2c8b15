package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A bundle file's JSON object, read field by field with errors that name the field. */
final class BundleTree {
    private static final String FIELD = "bundle field ";

    private final Map<String, Object> fields;

    BundleTree(Map<String, Object> fields) {
        this.fields = fields;
    }

    private Object field(String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException(FIELD + name + " is missing");
        }
        return value;
    }

    String text(String name) {
        if (field(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(FIELD + name + " is not a string");
    }

    long number(String name) {
        if (field(name) instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException(FIELD + name + " is not an integer");
    }

    ByteString bytes(String name) {
        try {
            return ProofBundle.fromBase64(text(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FIELD + name + " is not base64: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    BundleTree object(String name) {
        if (field(name) instanceof Map<?, ?> map) {
            return new BundleTree((Map<String, Object>) map);
        }
        throw new IllegalArgumentException(FIELD + name + " is not an object");
    }

    List<BundleTree> objects(String name) {
        List<BundleTree> out = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(FIELD + name + " holds a non-object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) item;
            out.add(new BundleTree(map));
        }
        return out;
    }

    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof String text)) {
                throw new IllegalArgumentException(FIELD + name + " holds a non-string");
            }
            out.add(text);
        }
        return out;
    }

    private List<?> list(String name) {
        if (field(name) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(FIELD + name + " is not an array");
    }
}
