package org.prooftrail.client.gateway;

import java.util.Objects;
import org.hyperledger.fabric.client.Proposal;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.config.GatewayConfig;

/**
 * For integration tests in other packages: a {@link FabricGatewayTransport} whose transactions are endorsed by the
 * peers of the named organisations only, as colluding organisations would send them, instead of the ones the
 * gateway's discovery picks. Applications have no use for it; the integration tests show that the endorsement
 * policies make such transactions fail validation. It lives with those tests, in the gateway package for its
 * package-private seam ({@link FabricGatewayTransport#over}), not in the client library.
 */
public final class ChosenEndorsers {
    private ChosenEndorsers() {}

    public static LedgerTransport connect(GatewayConfig config, String... mspIds) {
        Objects.requireNonNull(config, "config");
        String[] endorsers = mspIds.clone();
        FabricConnection connection = FabricConnection.open(config);
        return FabricGatewayTransport.over(
                config,
                connection,
                new FabricGatewayTransport.ContractStages(connection.network().getContract(config.chaincode())) {
                    @Override
                    Proposal.Builder newProposal(String transactionName) {
                        return super.newProposal(transactionName).setEndorsingOrganizations(endorsers);
                    }
                });
    }
}
