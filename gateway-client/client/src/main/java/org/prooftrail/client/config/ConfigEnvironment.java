package org.prooftrail.client.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.client.ConfigException;

/**
 * Reads a gateway config from environment variables:
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th><th>required</th></tr>
 * <tr><td>{@code PROOFTRAIL_GATEWAY_ENDPOINT}</td><td>gateway peer, {@code host:port}</td><td>yes</td></tr>
 * <tr><td>{@code PROOFTRAIL_TLS_CA}</td><td>TLS CA certificate file (PEM)</td><td>yes</td></tr>
 * <tr><td>{@code PROOFTRAIL_SERVER_NAME}</td><td>TLS server name override</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_MSP_ID}</td><td>the client's MSP ID</td><td>yes</td></tr>
 * <tr><td>{@code PROOFTRAIL_CERT}</td><td>the client's certificate file (PEM)</td><td>yes</td></tr>
 * <tr><td>{@code PROOFTRAIL_KEY}</td><td>the client's private key file (PEM)</td><td>yes</td></tr>
 * <tr><td>{@code PROOFTRAIL_CHANNEL}</td><td>channel, default {@code prooftrail}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_CHAINCODE}</td><td>chaincode, default {@code prooftrail}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_EVALUATE_DEADLINE}</td><td>e.g. {@code 5s}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_ENDORSE_DEADLINE}</td><td>e.g. {@code 15s}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_SUBMIT_DEADLINE}</td><td>e.g. {@code 5s}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_COMMIT_STATUS_DEADLINE}</td><td>e.g. {@code 60s}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_COMMIT_RESOLUTION_DEADLINE}</td><td>e.g. {@code 120s}</td><td>no</td></tr>
 * <tr><td>{@code PROOFTRAIL_COMMIT_RESOLUTION_BLOCKS}</td><td>e.g. {@code 5}</td><td>no</td></tr>
 * </table>
 *
 * <p>Failover gateways can only be listed in a config file. An empty variable counts as unset. Relative paths are resolved against the working folder.
 */
final class ConfigEnvironment {
    static final String ENDPOINT = "PROOFTRAIL_GATEWAY_ENDPOINT";
    static final String TLS_CA = "PROOFTRAIL_TLS_CA";
    static final String SERVER_NAME = "PROOFTRAIL_SERVER_NAME";
    static final String MSP_ID = "PROOFTRAIL_MSP_ID";
    static final String CERT = "PROOFTRAIL_CERT";
    static final String KEY = "PROOFTRAIL_KEY";
    static final String CHANNEL = "PROOFTRAIL_CHANNEL";
    static final String CHAINCODE = "PROOFTRAIL_CHAINCODE";
    static final String EVALUATE_DEADLINE = "PROOFTRAIL_EVALUATE_DEADLINE";
    static final String ENDORSE_DEADLINE = "PROOFTRAIL_ENDORSE_DEADLINE";
    static final String SUBMIT_DEADLINE = "PROOFTRAIL_SUBMIT_DEADLINE";
    static final String COMMIT_STATUS_DEADLINE = "PROOFTRAIL_COMMIT_STATUS_DEADLINE";
    static final String COMMIT_RESOLUTION_DEADLINE = "PROOFTRAIL_COMMIT_RESOLUTION_DEADLINE";
    static final String COMMIT_RESOLUTION_BLOCKS = "PROOFTRAIL_COMMIT_RESOLUTION_BLOCKS";

    private ConfigEnvironment() {}

    static GatewayConfig read(Map<String, String> environment, Path workingFolder) {
        GatewayConfig.Builder builder = GatewayConfig.builder()
                .endpoint(required(environment, ENDPOINT))
                .tlsCaCertificate(file(environment, TLS_CA, workingFolder))
                .mspId(required(environment, MSP_ID))
                .certificate(file(environment, CERT, workingFolder))
                .privateKey(file(environment, KEY, workingFolder));
        optional(environment, SERVER_NAME).ifPresent(builder::serverNameOverride);
        optional(environment, CHANNEL).ifPresent(builder::channel);
        optional(environment, CHAINCODE).ifPresent(builder::chaincode);
        optional(environment, EVALUATE_DEADLINE)
                .map(text -> DurationText.parse(text, EVALUATE_DEADLINE))
                .ifPresent(builder::evaluateDeadline);
        optional(environment, ENDORSE_DEADLINE)
                .map(text -> DurationText.parse(text, ENDORSE_DEADLINE))
                .ifPresent(builder::endorseDeadline);
        optional(environment, SUBMIT_DEADLINE)
                .map(text -> DurationText.parse(text, SUBMIT_DEADLINE))
                .ifPresent(builder::submitDeadline);
        optional(environment, COMMIT_STATUS_DEADLINE)
                .map(text -> DurationText.parse(text, COMMIT_STATUS_DEADLINE))
                .ifPresent(builder::commitStatusDeadline);
        optional(environment, COMMIT_RESOLUTION_DEADLINE)
                .map(text -> DurationText.parse(text, COMMIT_RESOLUTION_DEADLINE))
                .ifPresent(builder::commitResolutionDeadline);
        optional(environment, COMMIT_RESOLUTION_BLOCKS).ifPresent(text -> {
            if (!text.matches("[0-9]{1,9}")) {
                throw new ConfigException(COMMIT_RESOLUTION_BLOCKS + " must be a whole number of blocks, not " + text);
            }
            builder.commitResolutionBlocks(Integer.parseInt(text));
        });
        return builder.build();
    }

    private static Path file(Map<String, String> environment, String name, Path workingFolder) {
        String value = required(environment, name);
        try {
            return workingFolder.resolve(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(
                    "environment variable " + name + " is not a usable file path: " + e.getReason(), e);
        }
    }

    private static String required(Map<String, String> environment, String name) {
        return optional(environment, name)
                .orElseThrow(() -> new ConfigException("environment variable " + name + " is not set"));
    }

    private static Optional<String> optional(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
