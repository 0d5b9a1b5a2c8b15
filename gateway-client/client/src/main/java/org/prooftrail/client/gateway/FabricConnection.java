package org.prooftrail.client.gateway;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.config.GatewayConfig;

/**
 * One connection to a gateway peer: the shared TLS gRPC channel, the gateway signing as the configured identity
 * with a deadline per stage, and the configured channel's network. Closing it closes the gateway, then the channel.
 */
final class FabricConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FabricConnection.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final GatewayConfig config;
    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;

    private FabricConnection(GatewayConfig config, ManagedChannel channel, Gateway gateway) {
        this.config = config;
        this.channel = channel;
        this.gateway = gateway;
        this.network = gateway.getNetwork(config.channel());
    }

    /**
     * Reads the identity and TLS trust, and connects. The gRPC channel connects lazily, so an unreachable peer shows
     * at the first call, as {@code GatewayUnavailableException}.
     *
     * @throws ConfigException naming the file when the certificate, key or TLS CA cannot be read or parsed
     */
    static FabricConnection open(GatewayConfig config) {
        X509Certificate certificate = readCertificate(config);
        PrivateKey privateKey = readPrivateKey(config);
        ManagedChannel channel = newChannel(config);
        try {
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(config.mspId(), certificate))
                    .signer(Signers.newPrivateKeySigner(privateKey))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(options ->
                            options.withDeadlineAfter(config.evaluateDeadline().toMillis(), TimeUnit.MILLISECONDS))
                    .endorseOptions(options ->
                            options.withDeadlineAfter(config.endorseDeadline().toMillis(), TimeUnit.MILLISECONDS))
                    .submitOptions(options ->
                            options.withDeadlineAfter(config.submitDeadline().toMillis(), TimeUnit.MILLISECONDS))
                    .commitStatusOptions(options -> options.withDeadlineAfter(
                            config.commitStatusDeadline().toMillis(), TimeUnit.MILLISECONDS))
                    .connect();
            return new FabricConnection(config, channel, gateway);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    Network network() {
        return network;
    }

    /** The chaincode's events from just after the checkpoint, or from the first block when it is empty. */
    CloseableIterator<ChaincodeEvent> chaincodeEvents(EventCheckpoint from) {
        ChaincodeEventsRequest.Builder request = network.newChaincodeEventsRequest(config.chaincode());
        if (from.blockNumber().isPresent()) {
            request.checkpoint(new Checkpoint() {
                @Override
                public OptionalLong getBlockNumber() {
                    return from.blockNumber();
                }

                @Override
                public Optional<String> getTransactionId() {
                    return Optional.ofNullable(from.transactionId());
                }
            });
        } else {
            request.startBlock(0);
        }
        return request.build().getEvents();
    }

    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
        try {
            if (!channel.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "gRPC channel to {0} did not terminate in time", config.endpoint());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ManagedChannel newChannel(GatewayConfig config) {
        byte[] caPem = config.tlsCaCertificatePem();
        ChannelCredentials credentials;
        try {
            // gRPC reports a bad trust store only when the channel is built, as a missing transport; check it here.
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem))
                    .isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            credentials = TlsChannelCredentials.newBuilder()
                    .trustManager(new ByteArrayInputStream(caPem))
                    .build();
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            throw new ConfigException(
                    "TLS CA certificate from " + config.tlsCaCertificateOrigin() + " is not a PEM certificate: "
                            + e.getMessage(),
                    e);
        }
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(config.endpoint(), credentials);
        config.serverNameOverride().ifPresent(builder::overrideAuthority);
        return builder.build();
    }

    private static X509Certificate readCertificate(GatewayConfig config) {
        byte[] bytes = config.certificatePem();
        try (Reader pem = reader(bytes)) {
            return Identities.readX509Certificate(pem);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new ConfigException(
                    "certificate file " + config.certificate() + " is not a PEM X.509 certificate: " + e.getMessage(),
                    e);
        }
    }

    private static PrivateKey readPrivateKey(GatewayConfig config) {
        byte[] bytes = config.privateKeyPem();
        try (Reader pem = reader(bytes)) {
            return Identities.readPrivateKey(pem);
        } catch (IOException | InvalidKeyException | RuntimeException e) {
            throw new ConfigException(
                    "private key file " + config.privateKey() + " is not a PEM private key: " + e.getMessage(), e);
        }
    }

    private static Reader reader(byte[] pem) {
        return new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.UTF_8);
    }
}
