package org.prooftrail.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the ledger is: a gateway config file ({@code --config} or {@code PROOFTRAIL_CONFIG}), the
 * {@code PROOFTRAIL_GATEWAY_*} environment variables, or, with neither, the embedded ledger in {@code --home}
 * ({@code PROOFTRAIL_HOME}, default {@code ~/.prooftrail}).
 */
final class LedgerOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "${env:PROOFTRAIL_CONFIG}",
            description = "gateway config file of a Fabric network (default: $PROOFTRAIL_CONFIG; without one the"
                    + " embedded ledger is used)")
    Path config;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            defaultValue = "${env:PROOFTRAIL_HOME}",
            description =
                    "folder of the embedded ledger and its identity (default: $PROOFTRAIL_HOME or" + " ~/.prooftrail)")
    Path home;

    Path home() {
        return home != null ? home : Path.of(System.getProperty("user.home"), ".prooftrail");
    }

    static boolean gatewayEnvironmentPresent(Map<String, String> environment) {
        String endpoint = environment.get("PROOFTRAIL_GATEWAY_ENDPOINT");
        return endpoint != null && !endpoint.isBlank();
    }
}
