package org.prooftrail.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the ledger is: a prooftrail gateway config or a Fabric connection profile ({@code --config} or {@code
 * PROOFTRAIL_CONFIG}), the {@code PROOFTRAIL_GATEWAY_*} environment variables, or, with neither, the embedded ledger
 * in {@code --home} ({@code PROOFTRAIL_HOME}, default {@code ~/.prooftrail}). A connection profile does not name the
 * user, the channel or the chaincode: {@code --cert}/{@code --key} (or {@code --msp}), {@code --channel}, {@code
 * --chaincode} and {@code --peer} add them; see {@link NetworkConfig}.
 */
final class LedgerOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "${env:PROOFTRAIL_CONFIG}",
            description = "prooftrail gateway config or Fabric connection profile (JSON or YAML) of a Fabric network"
                    + " (default: $PROOFTRAIL_CONFIG; without one the embedded ledger is used)")
    Path config;

    @Option(
            names = "--cert",
            paramLabel = "FILE",
            defaultValue = "${env:PROOFTRAIL_CERT}",
            description = "with a connection profile: the user's certificate, PEM (default: $PROOFTRAIL_CERT, or"
                    + " the one in --msp signcerts)")
    Path certificate;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            defaultValue = "${env:PROOFTRAIL_KEY}",
            description = "with a connection profile: the user's private key, PEM (default: $PROOFTRAIL_KEY, or"
                    + " the one in --msp keystore)")
    Path privateKey;

    @Option(
            names = "--msp",
            paramLabel = "DIR",
            defaultValue = "${env:PROOFTRAIL_MSP}",
            description = "with a connection profile: the user's MSP folder, whose signcerts/*.pem and single"
                    + " keystore file are the certificate and key (default: $PROOFTRAIL_MSP)")
    Path msp;

    @Option(
            names = "--peer",
            paramLabel = "NAME",
            defaultValue = "${env:PROOFTRAIL_PEER}",
            description = "with a connection profile: the gateway peer, one of the organisation's peers (default:"
                    + " $PROOFTRAIL_PEER, or the first it lists)")
    String peer;

    @Option(
            names = "--channel",
            paramLabel = "NAME",
            defaultValue = "${env:PROOFTRAIL_CHANNEL}",
            description = "with a connection profile: the channel (default: $PROOFTRAIL_CHANNEL or prooftrail)")
    String channel;

    @Option(
            names = "--chaincode",
            paramLabel = "NAME",
            defaultValue = "${env:PROOFTRAIL_CHAINCODE}",
            description = "with a connection profile: the chaincode (default: $PROOFTRAIL_CHAINCODE or prooftrail)")
    String chaincode;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = "${env:PROOFTRAIL_HOME}",
            description =
                    "folder of the embedded ledger and its identity (default: $PROOFTRAIL_HOME or" + " ~/.prooftrail)")
    Path home;

    /** The command this mixin is in, whose root holds the global {@code --org}. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The global {@code prooftrail --org NAME} (or {@code PROOFTRAIL_ORG}): a local organisation, or null. */
    String org() {
        Object root = mixee == null ? null : mixee.root().userObject();
        String org = root instanceof ProofTrailCli cli ? cli.org : null;
        return org == null || org.isBlank() ? null : org;
    }

    Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".prooftrail");
    }

    static boolean gatewayEnvironmentPresent(Map<String, String> environment) {
        String endpoint = environment.get("PROOFTRAIL_GATEWAY_ENDPOINT");
        return endpoint != null && !endpoint.isBlank();
    }
}
