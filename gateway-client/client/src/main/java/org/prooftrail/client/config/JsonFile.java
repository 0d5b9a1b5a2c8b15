package org.prooftrail.client.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.prooftrail.client.ConfigException;

/**
 * A JSON object read from a file, whose lookups fail with messages that name the file and the key. A file whose name
 * ends in {@code .yaml} or {@code .yml}, or whose text does not start with <code>{</code>, is read as YAML (as the
 * Fabric SDKs read connection profiles) and seen through the same JSON tree.
 */
final class JsonFile {
    private final Path file;
    private final JsonObject root;

    private JsonFile(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    static JsonFile read(Path file, String what) {
        String text = new String(GatewayConfig.readFile(file, what), StandardCharsets.UTF_8);
        if (yaml(file, text)) {
            return new JsonFile(file, YamlTree.read(file, text, what));
        }
        JsonElement element;
        try {
            element = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(what + " file " + file + " is not valid JSON: " + reason.getMessage(), e);
        }
        if (!element.isJsonObject()) {
            throw new ConfigException(what + " file " + file + " must hold a JSON object");
        }
        return new JsonFile(file, element.getAsJsonObject());
    }

    private static boolean yaml(Path file, String text) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return true;
        }
        return !lower.endsWith(".json") && !text.strip().startsWith("{");
    }

    Path file() {
        return file;
    }

    /** The folder that relative paths in the file are resolved against. */
    Path folder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /**
     * {@code value}, the file named at {@code key}, resolved against {@link #folder()}.
     *
     * @throws ConfigException naming the key if the value cannot be a path on this system (a NUL character)
     */
    Path resolve(String value, String key) {
        try {
            return folder().resolve(value);
        } catch (InvalidPathException e) {
            throw new ConfigException("'" + key + "' in " + file + " is not a usable file path: " + e.getReason(), e);
        }
    }

    JsonObject root() {
        return root;
    }

    Optional<String> string(JsonObject object, String key, String path) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw invalid(path + key, "must be a string");
        }
        return Optional.of(value.getAsString());
    }

    String requiredString(JsonObject object, String key, String path) {
        return string(object, key, path)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> invalid(path + key, "is required"));
    }

    Optional<JsonObject> object(JsonObject object, String key, String path) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonObject()) {
            throw invalid(path + key, "must be a JSON object");
        }
        return Optional.of(value.getAsJsonObject());
    }

    Optional<JsonArray> array(JsonObject object, String key, String path) {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonArray()) {
            throw invalid(path + key, "must be a JSON array");
        }
        return Optional.of(value.getAsJsonArray());
    }

    ConfigException invalid(String key, String problem) {
        return new ConfigException("'" + key + "' in " + file + " " + problem);
    }
}
