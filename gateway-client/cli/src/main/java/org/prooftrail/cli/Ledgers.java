package org.prooftrail.cli;

import org.prooftrail.client.ConfigException;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.gateway.FabricGatewayTransport;

/** Opens the ledger the options and environment name: a Fabric network, or the embedded ledger by default. */
final class Ledgers {
    private Ledgers() {}

    static ProofTrail open(LedgerOptions options) {
        String org = options.org();
        if (org != null && network(options)) {
            throw new ConfigException("--org (PROOFTRAIL_ORG) selects a local organisation of the embedded ledger; on a"
                    + " Fabric network the organisation is the user's certificate (--config, --msp, --cert)");
        }
        if (options.config != null) {
            return ProofTrail.over(FabricGatewayTransport.connect(NetworkConfig.read(options)));
        }
        if (LedgerOptions.gatewayEnvironmentPresent(System.getenv())) {
            return ProofTrail.over(FabricGatewayTransport.connect(GatewayConfig.fromEnvironment()));
        }
        // Without the writer lock: reading commands (show, watch, ...) run beside a writer; a command that submits
        // takes the lock with its first submit.
        if (org != null) {
            try {
                return ProofTrail.over(EmbeddedLedger.openShared(options.home(), org));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--org: " + e.getMessage(), e);
            }
        }
        return ProofTrail.over(EmbeddedLedger.openShared(options.home()));
    }

    /** Whether {@link #open} would connect to a Fabric network rather than open the embedded ledger. */
    static boolean network(LedgerOptions options) {
        return options.config != null || LedgerOptions.gatewayEnvironmentPresent(System.getenv());
    }
}
