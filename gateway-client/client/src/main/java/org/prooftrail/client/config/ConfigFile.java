package org.prooftrail.client.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.prooftrail.client.ConfigException;

/**
 * Reads a prooftrail gateway config file:
 *
 * <pre>{@code
 * {
 *   "endpoint": "localhost:7051",
 *   "tlsCaCertificate": "peerOrganizations/org1.example.com/peers/peer0.org1.example.com/tls/ca.crt",
 *   "serverNameOverride": "peer0.org1.example.com",
 *   "mspId": "Org1MSP",
 *   "certificate": "users/User1@org1.example.com/msp/signcerts/cert.pem",
 *   "privateKey": "users/User1@org1.example.com/msp/keystore/priv_sk",
 *   "channel": "prooftrail",
 *   "chaincode": "prooftrail",
 *   "deadlines": { "evaluate": "5s", "endorse": "15s", "submit": "5s", "commitStatus": "60s",
 *                  "commitResolution": "120s" },
 *   "commitResolutionBlocks": 5,
 *   "failoverGateways": [
 *     { "endpoint": "localhost:9051", "tlsCaCertificate": "peerOrganizations/org2.example.com/tlsca/ca.pem",
 *       "serverNameOverride": "peer0.org2.example.com" }
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code endpoint}, {@code tlsCaCertificate}, {@code mspId}, {@code certificate} and {@code privateKey} are
 * required; the rest default as in {@link GatewayConfig}. Relative paths are resolved against the config file's
 * folder, so a config can sit beside the crypto material it names. Unknown keys are rejected, so that a misspelt
 * key fails rather than being silently ignored.
 */
final class ConfigFile {
    private static final String WHAT = "gateway config";
    private static final String ENDPOINT = "endpoint";
    private static final String TLS_CA_CERTIFICATE = "tlsCaCertificate";
    private static final String SERVER_NAME_OVERRIDE = "serverNameOverride";
    private static final Set<String> KEYS = Set.of(
            ENDPOINT,
            TLS_CA_CERTIFICATE,
            SERVER_NAME_OVERRIDE,
            "mspId",
            "certificate",
            "privateKey",
            "channel",
            "chaincode",
            "deadlines",
            "commitResolutionBlocks",
            "failoverGateways");
    private static final Set<String> DEADLINE_KEYS =
            Set.of("evaluate", "endorse", "submit", "commitStatus", "commitResolution");
    private static final Set<String> FAILOVER_KEYS = Set.of(ENDPOINT, TLS_CA_CERTIFICATE, SERVER_NAME_OVERRIDE);

    private ConfigFile() {}

    static GatewayConfig read(Path configFile) {
        JsonFile json = JsonFile.read(configFile, WHAT);
        JsonObject root = json.root();
        rejectUnknownKeys(json, root, KEYS, "");

        GatewayConfig.Builder builder = GatewayConfig.builder()
                .endpoint(json.requiredString(root, ENDPOINT, ""))
                .tlsCaCertificate(json.resolve(json.requiredString(root, TLS_CA_CERTIFICATE, ""), TLS_CA_CERTIFICATE))
                .mspId(json.requiredString(root, "mspId", ""))
                .certificate(json.resolve(json.requiredString(root, "certificate", ""), "certificate"))
                .privateKey(json.resolve(json.requiredString(root, "privateKey", ""), "privateKey"));
        json.string(root, SERVER_NAME_OVERRIDE, "").ifPresent(builder::serverNameOverride);
        json.string(root, "channel", "").ifPresent(builder::channel);
        json.string(root, "chaincode", "").ifPresent(builder::chaincode);
        json.object(root, "deadlines", "").ifPresent(deadlines -> {
            rejectUnknownKeys(json, deadlines, DEADLINE_KEYS, "deadlines.");
            deadline(json, deadlines, "evaluate", builder::evaluateDeadline);
            deadline(json, deadlines, "endorse", builder::endorseDeadline);
            deadline(json, deadlines, "submit", builder::submitDeadline);
            deadline(json, deadlines, "commitStatus", builder::commitStatusDeadline);
            deadline(json, deadlines, "commitResolution", builder::commitResolutionDeadline);
        });
        JsonElement blocks = root.get("commitResolutionBlocks");
        if (blocks != null && !blocks.isJsonNull()) {
            if (!blocks.isJsonPrimitive()
                    || !blocks.getAsJsonPrimitive().isNumber()
                    || !blocks.getAsString().matches("[0-9]{1,9}")) {
                throw json.invalid("commitResolutionBlocks", "must be a whole number of blocks");
            }
            builder.commitResolutionBlocks(blocks.getAsInt());
        }
        json.array(root, "failoverGateways", "").ifPresent(gateways -> {
            for (int i = 0; i < gateways.size(); i++) {
                String path = "failoverGateways[" + i + "].";
                if (!gateways.get(i).isJsonObject()) {
                    throw json.invalid(path.substring(0, path.length() - 1), "must be a JSON object");
                }
                JsonObject gateway = gateways.get(i).getAsJsonObject();
                rejectUnknownKeys(json, gateway, FAILOVER_KEYS, path);
                builder.failoverGateway(
                        json.requiredString(gateway, ENDPOINT, path),
                        json.resolve(json.requiredString(gateway, TLS_CA_CERTIFICATE, path), path + TLS_CA_CERTIFICATE),
                        json.string(gateway, SERVER_NAME_OVERRIDE, path));
            }
        });
        try {
            return builder.build();
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage() + " (in " + configFile + ")", e);
        }
    }

    private static void deadline(JsonFile json, JsonObject deadlines, String key, Consumer<Duration> setter) {
        json.string(deadlines, key, "deadlines.")
                .map(text -> DurationText.parse(text, "'deadlines." + key + "' in " + json.file()))
                .ifPresent(setter);
    }

    private static void rejectUnknownKeys(JsonFile json, JsonObject object, Set<String> known, String path) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw json.invalid(
                        path + key,
                        "is not a known key (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
