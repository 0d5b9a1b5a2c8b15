package org.prooftrail.client.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a YAML document into the JSON tree that {@link JsonFile} looks keys up in. SnakeYAML's safe constructor
 * builds only maps, lists and scalars, and its limits bound what a hostile file can cost (no alias expansion bombs, no
 * document larger than a connection profile could reasonably be). Scalars become strings, numbers and booleans as
 * JSON would hold them; anything else (a timestamp) becomes its text.
 */
final class YamlTree {
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_DEPTH = 50;

    private YamlTree() {}

    static JsonObject read(Path file, String text, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            document = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new ConfigException(
                    what + " file " + file + " is neither valid JSON nor valid YAML: " + oneLine(e.getMessage()), e);
        }
        JsonElement tree = toJson(document);
        if (!tree.isJsonObject()) {
            throw new ConfigException(what + " file " + file + " must hold a JSON or YAML object (a mapping)");
        }
        return tree.getAsJsonObject();
    }

    private static JsonElement toJson(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((key, entry) -> object.add(String.valueOf(key), toJson(entry)));
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(entry -> array.add(toJson(entry)));
            return array;
        }
        if (value instanceof String text) {
            return new JsonPrimitive(text);
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean flag) {
            return new JsonPrimitive(flag);
        }
        return new JsonPrimitive(String.valueOf(value));
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s+", " ");
    }
}
