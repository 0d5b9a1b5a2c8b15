package org.prooftrail.client.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.SecretFiles;

/**
 * Everything needed to reach a prooftrail chaincode through a Fabric gateway peer, validated when built: the
 * gateway endpoint ({@code host:port}), the CA certificate that the peer's TLS certificate must chain to, an
 * optional server name override (when the endpoint's host name is not the one in the peer's certificate, as with
 * {@code localhost} against the test network), the client's MSP ID, certificate file and private key file, the
 * channel and chaincode names, and a deadline per stage of a transaction.
 *
 * <p>It may also list failover gateways: other organisations' gateway peers (endpoint, TLS CA, server name), used
 * with the same identity when this one is unavailable. And it says how a transaction whose commit status did not
 * arrive in time is resolved: looked up by its id until the channel has grown by {@link #commitResolutionBlocks()}
 * blocks past the lookup's start, or until {@link #commitResolutionDeadline()} has passed.
 *
 * <p>Three sources produce one: {@link #fromFile(Path)} (a prooftrail JSON config file), {@link #fromEnvironment()}
 * (environment variables) and {@link ConnectionProfile} (a Fabric common connection profile, to which the caller
 * adds the certificate and key). {@link #builder()} builds one in code. The private key is always a named file, never
 * "the first file of a keystore folder". Files are checked to exist and be readable when the config is built; their
 * contents are read when the gateway connects. {@link #toString()} shows paths, never key material.
 */
public final class GatewayConfig {
    public static final String DEFAULT_CHANNEL = "prooftrail";
    public static final String DEFAULT_CHAINCODE = "prooftrail";
    public static final Duration DEFAULT_EVALUATE_DEADLINE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ENDORSE_DEADLINE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SUBMIT_DEADLINE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMIT_STATUS_DEADLINE = Duration.ofSeconds(60);
    /** How long a transaction whose commit status did not come is looked up by its id, at most. */
    public static final Duration DEFAULT_COMMIT_RESOLUTION_DEADLINE = Duration.ofSeconds(120);
    /** How many blocks past the lookup's start prove that the transaction will not commit. */
    public static final int DEFAULT_COMMIT_RESOLUTION_BLOCKS = 5;

    private final String endpoint;
    private final Path tlsCaCertificateFile;
    private final String tlsCaCertificatePem;
    private final String tlsCaCertificateOrigin;
    private final String serverNameOverride;
    private final String mspId;
    private final Path certificate;
    private final Path privateKey;
    private final String channel;
    private final String chaincode;
    private final Duration evaluateDeadline;
    private final Duration endorseDeadline;
    private final Duration submitDeadline;
    private final Duration commitStatusDeadline;
    private final Duration commitResolutionDeadline;
    private final int commitResolutionBlocks;
    private final List<Failover> failoverGateways;

    private GatewayConfig(Builder builder) {
        this.endpoint = builder.endpoint;
        this.tlsCaCertificateFile = builder.tlsCaCertificateFile;
        this.tlsCaCertificatePem = builder.tlsCaCertificatePem;
        this.tlsCaCertificateOrigin = builder.tlsCaCertificateOrigin;
        this.serverNameOverride = builder.serverNameOverride;
        this.mspId = builder.mspId;
        this.certificate = builder.certificate;
        this.privateKey = builder.privateKey;
        this.channel = builder.channel;
        this.chaincode = builder.chaincode;
        this.evaluateDeadline = builder.deadlines.get(Deadline.EVALUATE);
        this.endorseDeadline = builder.deadlines.get(Deadline.ENDORSE);
        this.submitDeadline = builder.deadlines.get(Deadline.SUBMIT);
        this.commitStatusDeadline = builder.deadlines.get(Deadline.COMMIT_STATUS);
        this.commitResolutionDeadline = builder.deadlines.get(Deadline.COMMIT_RESOLUTION);
        this.commitResolutionBlocks = builder.commitResolutionBlocks;
        this.failoverGateways = List.copyOf(builder.failoverGateways);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a prooftrail gateway config file (JSON); relative paths in it are resolved against the file's folder.
     * The keys are described in {@code docs/client-config.md} and in {@link ConfigFile}.
     *
     * @throws ConfigException naming the file when it is missing, unreadable, not JSON, or invalid
     */
    public static GatewayConfig fromFile(Path configFile) {
        return ConfigFile.read(Objects.requireNonNull(configFile, "configFile"));
    }

    /**
     * Reads the config from this process's environment variables; see {@link ConfigEnvironment} for the names.
     *
     * @throws ConfigException naming the variable that is missing or invalid, or the file it names
     */
    public static GatewayConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, from the given variables; relative paths resolve against the working folder. */
    public static GatewayConfig fromEnvironment(Map<String, String> environment) {
        return ConfigEnvironment.read(
                Objects.requireNonNull(environment, "environment"), Path.of("").toAbsolutePath());
    }

    /** The gateway peer, {@code host:port}. */
    public String endpoint() {
        return endpoint;
    }

    /** The TLS CA certificate file, when the CA was given as a file rather than inline in a connection profile. */
    public Optional<Path> tlsCaCertificateFile() {
        return Optional.ofNullable(tlsCaCertificateFile);
    }

    /** Where the TLS CA certificate comes from, for messages: a file, or a peer of a connection profile. */
    public String tlsCaCertificateOrigin() {
        return tlsCaCertificateOrigin;
    }

    /**
     * The PEM bytes of the TLS CA certificate(s), read from the file if it is one.
     *
     * @throws ConfigException naming the file if it can no longer be read
     */
    public byte[] tlsCaCertificatePem() {
        if (tlsCaCertificatePem != null) {
            return tlsCaCertificatePem.getBytes(StandardCharsets.UTF_8);
        }
        return readFile(tlsCaCertificateFile, "TLS CA certificate");
    }

    /** The host name to expect in the peer's TLS certificate, when it differs from the endpoint's host. */
    public Optional<String> serverNameOverride() {
        return Optional.ofNullable(serverNameOverride);
    }

    public String mspId() {
        return mspId;
    }

    /** The client's X.509 certificate file (PEM). */
    public Path certificate() {
        return certificate;
    }

    /** The client's private key file (PEM). */
    public Path privateKey() {
        return privateKey;
    }

    public String channel() {
        return channel;
    }

    public String chaincode() {
        return chaincode;
    }

    /** How long a query may take. */
    public Duration evaluateDeadline() {
        return evaluateDeadline;
    }

    /** How long collecting endorsements may take. */
    public Duration endorseDeadline() {
        return endorseDeadline;
    }

    /** How long handing an endorsed transaction to the orderer may take. */
    public Duration submitDeadline() {
        return submitDeadline;
    }

    /** How long one wait for a submitted transaction's commit status may take. */
    public Duration commitStatusDeadline() {
        return commitStatusDeadline;
    }

    /** How long a transaction whose commit status did not come is looked up by its id, at most. */
    public Duration commitResolutionDeadline() {
        return commitResolutionDeadline;
    }

    /**
     * How many blocks the channel must grow past the start of a lookup that does not find a transaction before the
     * transaction counts as not committed.
     */
    public int commitResolutionBlocks() {
        return commitResolutionBlocks;
    }

    /**
     * This gateway, then each failover gateway in the order configured, each as a config of its own (same identity,
     * channel, chaincode, deadlines; no failover gateways of its own).
     */
    public List<GatewayConfig> gateways() {
        List<GatewayConfig> gateways = new ArrayList<>();
        gateways.add(failoverGateways.isEmpty() ? this : withGateway(null));
        for (Failover failover : failoverGateways) {
            gateways.add(withGateway(failover));
        }
        return List.copyOf(gateways);
    }

    private GatewayConfig withGateway(Failover failover) {
        Builder builder = new Builder();
        builder.endpoint = endpoint;
        builder.tlsCaCertificateFile = tlsCaCertificateFile;
        builder.tlsCaCertificatePem = tlsCaCertificatePem;
        builder.tlsCaCertificateOrigin = tlsCaCertificateOrigin;
        builder.serverNameOverride = serverNameOverride;
        if (failover != null) {
            builder.endpoint = failover.endpoint;
            builder.tlsCaCertificate(failover.tlsCaCertificate);
            builder.serverNameOverride = failover.serverNameOverride;
        }
        builder.mspId = mspId;
        builder.certificate = certificate;
        builder.privateKey = privateKey;
        builder.channel = channel;
        builder.chaincode = chaincode;
        builder.deadlines.put(Deadline.EVALUATE, evaluateDeadline);
        builder.deadlines.put(Deadline.ENDORSE, endorseDeadline);
        builder.deadlines.put(Deadline.SUBMIT, submitDeadline);
        builder.deadlines.put(Deadline.COMMIT_STATUS, commitStatusDeadline);
        builder.deadlines.put(Deadline.COMMIT_RESOLUTION, commitResolutionDeadline);
        builder.commitResolutionBlocks = commitResolutionBlocks;
        return new GatewayConfig(builder);
    }

    /**
     * The PEM bytes of the client certificate file.
     *
     * @throws ConfigException naming the file if it can no longer be read
     */
    public byte[] certificatePem() {
        return readFile(certificate, "certificate");
    }

    /**
     * The PEM bytes of the private key file.
     *
     * @throws ConfigException naming the file if it can no longer be read
     */
    public byte[] privateKeyPem() {
        return readFile(privateKey, "private key");
    }

    static byte[] readFile(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(what + " file " + file + " does not exist", e);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "GatewayConfig{endpoint=" + endpoint
                + ", tlsCaCertificate=" + tlsCaCertificateOrigin
                + ", serverNameOverride=" + serverNameOverride
                + ", mspId=" + mspId
                + ", certificate=" + certificate
                + ", privateKey=" + privateKey
                + ", channel=" + channel
                + ", chaincode=" + chaincode
                + ", deadlines={evaluate=" + evaluateDeadline
                + ", endorse=" + endorseDeadline
                + ", submit=" + submitDeadline
                + ", commitStatus=" + commitStatusDeadline
                + ", commitResolution=" + commitResolutionDeadline
                + "}, commitResolutionBlocks=" + commitResolutionBlocks
                + (failoverGateways.isEmpty() ? "" : ", failoverGateways=" + failoverGateways)
                + "}";
    }

    /** The deadlines a config sets, by the name of their setting. */
    private enum Deadline {
        EVALUATE("evaluateDeadline"),
        ENDORSE("endorseDeadline"),
        SUBMIT("submitDeadline"),
        COMMIT_STATUS("commitStatusDeadline"),
        COMMIT_RESOLUTION("commitResolutionDeadline");

        private final String key;

        Deadline(String key) {
            this.key = key;
        }
    }

    /** Another organisation's gateway peer, tried when the ones before it are unavailable. */
    private record Failover(String endpoint, Path tlsCaCertificate, String serverNameOverride) {
        Failover validated() {
            GatewaySettings.requireReadable(tlsCaCertificate, "failover gateway TLS CA certificate");
            return new Failover(GatewaySettings.validEndpoint(endpoint), tlsCaCertificate, serverNameOverride);
        }

        @Override
        public String toString() {
            return endpoint + " (TLS CA " + tlsCaCertificate
                    + (serverNameOverride == null ? "" : ", server name " + serverNameOverride) + ")";
        }
    }

    /**
     * Builds a {@link GatewayConfig}. Setters reject null by name; {@link #build()} reports what is missing or
     * invalid as a {@link ConfigException}.
     */
    public static final class Builder {
        private String endpoint;
        private Path tlsCaCertificateFile;
        private String tlsCaCertificatePem;
        private String tlsCaCertificateOrigin;
        private String serverNameOverride;
        private String mspId;
        private Path certificate;
        private Path privateKey;
        private String channel = DEFAULT_CHANNEL;
        private String chaincode = DEFAULT_CHAINCODE;
        private final Map<Deadline, Duration> deadlines = new EnumMap<>(Map.of(
                Deadline.EVALUATE, DEFAULT_EVALUATE_DEADLINE,
                Deadline.ENDORSE, DEFAULT_ENDORSE_DEADLINE,
                Deadline.SUBMIT, DEFAULT_SUBMIT_DEADLINE,
                Deadline.COMMIT_STATUS, DEFAULT_COMMIT_STATUS_DEADLINE,
                Deadline.COMMIT_RESOLUTION, DEFAULT_COMMIT_RESOLUTION_DEADLINE));
        private int commitResolutionBlocks = DEFAULT_COMMIT_RESOLUTION_BLOCKS;
        private final List<Failover> failoverGateways = new ArrayList<>();

        private Builder() {}

        /** The gateway peer as {@code host:port}; a {@code grpcs://} prefix is accepted and dropped. */
        public Builder endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The CA certificate file (PEM) that the peer's TLS certificate must chain to. */
        public Builder tlsCaCertificate(Path file) {
            this.tlsCaCertificateFile = Objects.requireNonNull(file, "tlsCaCertificate");
            this.tlsCaCertificatePem = null;
            this.tlsCaCertificateOrigin = "file " + file;
            return this;
        }

        /** The CA certificate as inline PEM, as a connection profile may carry it; origin is for messages. */
        public Builder tlsCaCertificatePem(String pem, String origin) {
            this.tlsCaCertificatePem = Objects.requireNonNull(pem, "tlsCaCertificatePem");
            this.tlsCaCertificateOrigin = Objects.requireNonNull(origin, "origin");
            this.tlsCaCertificateFile = null;
            return this;
        }

        public Builder serverNameOverride(String serverName) {
            this.serverNameOverride = Objects.requireNonNull(serverName, "serverNameOverride");
            return this;
        }

        public Builder mspId(String mspId) {
            this.mspId = Objects.requireNonNull(mspId, "mspId");
            return this;
        }

        public Builder certificate(Path file) {
            this.certificate = Objects.requireNonNull(file, "certificate");
            return this;
        }

        public Builder privateKey(Path file) {
            this.privateKey = Objects.requireNonNull(file, "privateKey");
            return this;
        }

        public Builder channel(String channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        public Builder chaincode(String chaincode) {
            this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
            return this;
        }

        public Builder evaluateDeadline(Duration deadline) {
            deadlines.put(Deadline.EVALUATE, Objects.requireNonNull(deadline, "evaluateDeadline"));
            return this;
        }

        public Builder endorseDeadline(Duration deadline) {
            deadlines.put(Deadline.ENDORSE, Objects.requireNonNull(deadline, "endorseDeadline"));
            return this;
        }

        public Builder submitDeadline(Duration deadline) {
            deadlines.put(Deadline.SUBMIT, Objects.requireNonNull(deadline, "submitDeadline"));
            return this;
        }

        public Builder commitStatusDeadline(Duration deadline) {
            deadlines.put(Deadline.COMMIT_STATUS, Objects.requireNonNull(deadline, "commitStatusDeadline"));
            return this;
        }

        public Builder commitResolutionDeadline(Duration deadline) {
            deadlines.put(Deadline.COMMIT_RESOLUTION, Objects.requireNonNull(deadline, "commitResolutionDeadline"));
            return this;
        }

        public Builder commitResolutionBlocks(int blocks) {
            this.commitResolutionBlocks = blocks;
            return this;
        }

        /**
         * Adds a failover gateway: another organisation's gateway peer ({@code host:port}), the CA file its TLS
         * certificate chains to, and the host name in that certificate (empty when it is the endpoint's host).
         */
        public Builder failoverGateway(String endpoint, Path tlsCaCertificate, Optional<String> serverNameOverride) {
            Objects.requireNonNull(endpoint, "failover endpoint");
            Objects.requireNonNull(tlsCaCertificate, "failover tlsCaCertificate");
            Objects.requireNonNull(serverNameOverride, "failover serverNameOverride");
            failoverGateways.add(new Failover(
                    endpoint,
                    tlsCaCertificate,
                    serverNameOverride.filter(name -> !name.isBlank()).orElse(null)));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming the first missing or invalid setting, or a named file that does not exist
         *     or cannot be read
         */
        public GatewayConfig build() {
            endpoint = GatewaySettings.validEndpoint(required(endpoint, "endpoint"));
            if (tlsCaCertificateFile == null && tlsCaCertificatePem == null) {
                throw new ConfigException(
                        "gateway config: tlsCaCertificate is required (the gateway connection uses TLS)");
            }
            if (tlsCaCertificateFile != null) {
                GatewaySettings.requireReadable(tlsCaCertificateFile, "TLS CA certificate");
            } else if (!tlsCaCertificatePem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new ConfigException("TLS CA certificate from " + tlsCaCertificateOrigin + " is not PEM");
            }
            if (serverNameOverride != null && serverNameOverride.isBlank()) {
                serverNameOverride = null;
            }
            required(mspId, "mspId");
            if (certificate == null) {
                throw new ConfigException("gateway config: certificate is required");
            }
            if (privateKey == null) {
                throw new ConfigException("gateway config: privateKey is required (a named key file)");
            }
            GatewaySettings.requireReadable(certificate, "certificate");
            GatewaySettings.requireReadable(privateKey, "private key");
            SecretFiles.requireOwnerOnly(privateKey, "private key file");
            required(channel, "channel");
            required(chaincode, "chaincode");
            deadlines.forEach((deadline, value) -> positive(value, deadline.key));
            if (commitResolutionBlocks < 1 || commitResolutionBlocks > 1000) {
                throw new ConfigException(
                        "gateway config: commitResolutionBlocks must be from 1 to 1000, not " + commitResolutionBlocks);
            }
            failoverGateways.replaceAll(Failover::validated);
            return new GatewayConfig(this);
        }

        private static String required(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new ConfigException("gateway config: " + name + " is required");
            }
            return value;
        }

        private static void positive(Duration deadline, String name) {
            if (deadline.isZero() || deadline.isNegative()) {
                throw new ConfigException("gateway config: " + name + " must be positive, not " + deadline);
            }
        }
    }
}
