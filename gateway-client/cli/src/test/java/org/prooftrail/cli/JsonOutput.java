package org.prooftrail.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.json.Json;

/** A command's {@code --json} output, read back for assertions. */
final class JsonOutput {
    private final Object tree;

    private JsonOutput(Object tree) {
        this.tree = tree;
    }

    static JsonOutput parse(byte[] json) {
        return new JsonOutput(Json.read(new String(json, StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
        return (Map<String, Object>) tree;
    }

    @SuppressWarnings("unchecked")
    List<Object> array() {
        return (List<Object>) tree;
    }

    String string(String field) {
        Object value = object().get(field);
        return value == null ? null : String.valueOf(value);
    }

    boolean bool(String field) {
        return Boolean.TRUE.equals(object().get(field));
    }
}
