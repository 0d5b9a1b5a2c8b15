package org.prooftrail.chaincode.contract;

import com.owlike.genson.Genson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prooftrail.protocol.Digest;

/** Builds JSON arguments for tests, in the order written. */
final class Json {
    private static final Genson GENSON = new Genson();

    private Json() {}

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String of(Object value) {
        return GENSON.serialize(value);
    }

    /** A digest that names what it is the digest of, so tests read well. */
    static String digest(String content) {
        return Digest.sha256(content.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String artifact(String id, String kind, Object... more) {
        Map<String, Object> map = object("id", id, "kind", kind, "digest", digest(id));
        map.putAll(object(more));
        return of(map);
    }
}
