package org.prooftrail.client.gateway;

import java.util.List;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.config.GatewayConfig;

/**
 * For integration tests in other packages: a {@link FabricGatewayTransport} whose transactions are endorsed by the
 * peers of the named organisations only, as colluding organisations would send them.
 */
public final class ChosenEndorsers {
    private ChosenEndorsers() {}

    public static LedgerTransport connect(GatewayConfig config, String... mspIds) {
        return FabricGatewayTransport.connect(config, List.of(mspIds));
    }
}
