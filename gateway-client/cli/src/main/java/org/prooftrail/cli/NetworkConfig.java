package org.prooftrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.config.ConnectionProfile;
import org.prooftrail.client.config.GatewayConfig;

/**
 * The gateway config that {@code --config} names: a prooftrail gateway config, used as it is, or a Fabric common
 * connection profile (such as the test network's {@code connection-org1.json} or {@code .yaml}), told apart by
 * content. A profile gives the endpoint, TLS CA, server name override and MSP ID of its client organisation's peer;
 * the user's certificate and key come from {@code --cert}/{@code --key} ({@code PROOFTRAIL_CERT}/{@code
 * PROOFTRAIL_KEY}) or an MSP folder ({@code --msp}), and the channel and chaincode default to {@code prooftrail}.
 *
 * <p>The gateway transport connects to one peer, so a profile's organisation with several peers gives the one named
 * by {@code --peer}, else the first it lists; the others are not used for failover.
 */
final class NetworkConfig {
    private NetworkConfig() {}

    static GatewayConfig read(LedgerOptions options) {
        Path file = options.config;
        if (!ConnectionProfile.isProfile(file)) {
            return GatewayConfig.fromFile(file);
        }
        ConnectionProfile profile;
        GatewayConfig.Builder builder;
        try {
            profile = ConnectionProfile.read(file);
            builder = profile.gatewayConfig(peer(profile, options.peer));
        } catch (ConfigException e) {
            throw Failure.fileCause(e) == null ? UsageException.invalid(e.getMessage()) : e;
        }
        Path certificate = options.certificate;
        Path privateKey = options.privateKey;
        if (options.msp != null) {
            if (certificate == null) {
                certificate = single(options.msp.resolve("signcerts"), ".pem", "--cert FILE or PROOFTRAIL_CERT");
            }
            if (privateKey == null) {
                privateKey = single(options.msp.resolve("keystore"), "", "--key FILE or PROOFTRAIL_KEY");
            }
        }
        if (certificate == null) {
            throw UsageException.failedPrecondition("connection profile " + file + " does not name the user: set"
                    + " --cert FILE or PROOFTRAIL_CERT (or --msp DIR or PROOFTRAIL_MSP) to the user's certificate");
        }
        if (privateKey == null) {
            throw UsageException.failedPrecondition("connection profile " + file + " does not name the user: set"
                    + " --key FILE or PROOFTRAIL_KEY (or --msp DIR or PROOFTRAIL_MSP) to the user's private key");
        }
        builder.certificate(certificate).privateKey(privateKey);
        if (options.channel != null && !options.channel.isBlank()) {
            builder.channel(options.channel.strip());
        }
        if (options.chaincode != null && !options.chaincode.isBlank()) {
            builder.chaincode(options.chaincode.strip());
        }
        return builder.build();
    }

    private static String peer(ConnectionProfile profile, String named) {
        if (named == null || named.isBlank()) {
            return profile.peers().get(0);
        }
        String peer = named.strip();
        if (!profile.peers().contains(peer)) {
            throw UsageException.invalid("--peer " + peer + " is not a peer of " + profile.organization() + " in "
                    + profile.file() + " (its peers: " + String.join(", ", profile.peers()) + ")");
        }
        return peer;
    }

    /** The one file of an MSP folder's signcerts or keystore; several is an error, not a guess. */
    private static Path single(Path folder, String suffix, String alternative) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw UsageException.notFound("cannot read the MSP folder " + folder + ": " + Failure.reason(e));
        }
        if (files.size() != 1) {
            throw UsageException.invalid("MSP folder " + folder + " holds " + files.size() + " "
                    + (suffix.isEmpty() ? "files" : suffix + " files")
                    + (files.isEmpty()
                            ? ""
                            : " ("
                                    + String.join(
                                            ", ",
                                            files.stream()
                                                    .map(p -> p.getFileName().toString())
                                                    .toList()) + ")")
                    + ", not one: name the file with " + alternative);
        }
        return files.get(0);
    }
}
