package org.prooftrail.client.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.client.ConfigException;

/**
 * A Fabric common connection profile (JSON or YAML), such as the test network's
 * {@code organizations/peerOrganizations/org1.example.com/connection-org1.json}. It names the organisation, its MSP
 * ID, its peers with their {@code grpcs://} URLs, TLS CA certificates (inline {@code pem} or a {@code path},
 * relative to the profile's folder) and {@code grpcOptions.ssl-target-name-override}. It does not name the user, so
 * the certificate and private key are added to the builder it returns:
 *
 * <pre>{@code
 * GatewayConfig config = ConnectionProfile.read(Path.of("connection-org1.json"))
 *         .gatewayConfig()
 *         .certificate(Path.of("User1@org1.example.com/msp/signcerts/cert.pem"))
 *         .privateKey(Path.of("User1@org1.example.com/msp/keystore/priv_sk"))
 *         .build();
 * }</pre>
 *
 * <p>The organisation is {@code client.organization} when present, else the profile's only organisation; its
 * gateway peer is the first peer the organisation lists, unless one is named.
 */
public final class ConnectionProfile {
    private static final String WHAT = "connection profile";

    private final JsonFile json;
    private final String organization;
    private final String mspId;
    private final List<String> peers;

    private ConnectionProfile(JsonFile json, String organization, String mspId, List<String> peers) {
        this.json = json;
        this.organization = organization;
        this.mspId = mspId;
        this.peers = peers;
    }

    /**
     * Reads and checks a connection profile.
     *
     * @throws ConfigException naming the file when it is missing, unreadable, not JSON, or lacks what a gateway
     *     connection needs
     */
    public static ConnectionProfile read(Path profile) {
        JsonFile json = JsonFile.read(Objects.requireNonNull(profile, "profile"), WHAT);
        JsonObject root = json.root();
        JsonObject organizations =
                json.object(root, "organizations", "").orElseThrow(() -> json.invalid("organizations", "is required"));
        String organization = clientOrganization(json, organizations);
        JsonObject org = json.object(organizations, organization, "organizations.")
                .orElseThrow(() -> json.invalid("organizations." + organization, "is required"));
        String mspId = json.requiredString(org, "mspid", "organizations." + organization + ".");
        List<String> peers = new ArrayList<>();
        for (JsonElement peer :
                json.array(org, "peers", "organizations." + organization + ".").orElseGet(JsonArray::new)) {
            if (!peer.isJsonPrimitive()) {
                throw json.invalid("organizations." + organization + ".peers", "must list peer names");
            }
            peers.add(peer.getAsString());
        }
        if (peers.isEmpty()) {
            throw json.invalid("organizations." + organization + ".peers", "lists no peer");
        }
        return new ConnectionProfile(json, organization, mspId, Collections.unmodifiableList(peers));
    }

    /**
     * Whether the file holds a connection profile rather than a prooftrail gateway config, told apart by content: a
     * profile has {@code peers}, {@code organizations} or {@code client}, which a gateway config never has. JSON or
     * YAML.
     *
     * @throws ConfigException naming the file when it is missing, unreadable, or neither JSON nor YAML
     */
    public static boolean isProfile(Path file) {
        JsonObject root =
                JsonFile.read(Objects.requireNonNull(file, "file"), "config").root();
        return root.has("peers") || root.has("organizations") || root.has("client");
    }

    private static String clientOrganization(JsonFile json, JsonObject organizations) {
        Optional<String> named = json.object(json.root(), "client", "")
                .flatMap(client -> json.string(client, "organization", "client."));
        if (named.isPresent()) {
            return named.get();
        }
        if (organizations.size() != 1) {
            throw json.invalid("client.organization", "is required when the profile has several organizations");
        }
        return organizations.keySet().iterator().next();
    }

    public Path file() {
        return json.file();
    }

    /** The organisation whose peers are used. */
    public String organization() {
        return organization;
    }

    public String mspId() {
        return mspId;
    }

    /** The organisation's peers, in the profile's order. */
    public List<String> peers() {
        return peers;
    }

    /** {@code pem} is a string in a peer's entry, and a list of strings in some generators' output. */
    private Optional<String> pem(JsonObject tls, String path) {
        Optional<JsonArray> list =
                tls.has("pem") && tls.get("pem").isJsonArray() ? json.array(tls, "pem", path) : Optional.empty();
        if (list.isPresent()) {
            List<String> pems = new ArrayList<>();
            for (JsonElement element : list.get()) {
                if (!element.isJsonPrimitive()) {
                    throw json.invalid(path + "pem", "must be a string or a list of strings");
                }
                pems.add(element.getAsString());
            }
            return Optional.of(String.join("\n", pems));
        }
        return json.string(tls, "pem", path);
    }

    /** A builder set up for the organisation's first peer; add the certificate and private key, then build. */
    public GatewayConfig.Builder gatewayConfig() {
        return gatewayConfig(peers.get(0));
    }

    /**
     * A builder set up for the named peer: endpoint, TLS CA certificate, server name override and MSP ID.
     *
     * @throws ConfigException if the profile does not describe the peer usably
     */
    public GatewayConfig.Builder gatewayConfig(String peerName) {
        Objects.requireNonNull(peerName, "peerName");
        JsonObject peers =
                json.object(json.root(), "peers", "").orElseThrow(() -> json.invalid("peers", "is required"));
        String at = "peers." + peerName + ".";
        JsonObject peer = json.object(peers, peerName, "peers.")
                .orElseThrow(() -> json.invalid("peers." + peerName, "is not described"));
        String url = json.requiredString(peer, "url", at);
        if (!url.startsWith("grpcs://")) {
            throw json.invalid(at + "url", "must be a grpcs:// URL (the gateway connection uses TLS), not " + url);
        }
        GatewayConfig.Builder builder = GatewayConfig.builder().endpoint(url).mspId(mspId);

        JsonObject tls =
                json.object(peer, "tlsCACerts", at).orElseThrow(() -> json.invalid(at + "tlsCACerts", "is required"));
        Optional<String> pem = pem(tls, at + "tlsCACerts.");
        Optional<String> path = json.string(tls, "path", at + "tlsCACerts.");
        if (pem.isPresent() && !pem.get().isBlank()) {
            builder.tlsCaCertificatePem(pem.get(), WHAT + " " + json.file() + " (" + at + "tlsCACerts.pem)");
        } else if (path.isPresent() && !path.get().isBlank()) {
            builder.tlsCaCertificate(json.resolve(path.get(), at + "tlsCACerts.path"));
        } else {
            throw json.invalid(at + "tlsCACerts", "needs a 'pem' or a 'path'");
        }

        Optional<JsonObject> grpcOptions = json.object(peer, "grpcOptions", at);
        grpcOptions
                .flatMap(options -> json.string(options, "ssl-target-name-override", at + "grpcOptions.")
                        .or(() -> json.string(options, "hostnameOverride", at + "grpcOptions.")))
                .filter(name -> !name.isBlank())
                .ifPresent(builder::serverNameOverride);
        return builder;
    }
}
