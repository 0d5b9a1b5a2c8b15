package org.prooftrail.client.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.client.ConfigException;

/** The checks of a gateway's settings that the primary gateway and each failover gateway share. */
final class GatewaySettings {
    private static final String ENDPOINT = "gateway endpoint '";
    private static final int MAX_PORT = 65_535;

    private GatewaySettings() {}

    static String validEndpoint(String value) {
        String endpoint = value.strip();
        if (endpoint.startsWith("grpcs://")) {
            endpoint = endpoint.substring("grpcs://".length());
        } else if (endpoint.contains("://")) {
            throw new ConfigException(ENDPOINT + value + "' must be host:port over TLS (grpcs://)");
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new ConfigException(ENDPOINT + value + "' must be host:port");
        }
        requirePort(value, endpoint.substring(colon + 1));
        return endpoint;
    }

    private static void requirePort(String value, String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(ENDPOINT + value + "' has no numeric port", e);
        }
        if (port < 1 || port > MAX_PORT) {
            throw new ConfigException(ENDPOINT + value + "' has port out of range 1-65535");
        }
    }

    static void requireReadable(Path file, String what) {
        if (!Files.exists(file)) {
            throw new ConfigException(what + " file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(what + " file " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(what + " file " + file + " is not readable");
        }
    }
}
