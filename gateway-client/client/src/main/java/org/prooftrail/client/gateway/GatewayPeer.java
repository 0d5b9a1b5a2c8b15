package org.prooftrail.client.gateway;

import java.util.Objects;

/**
 * One gateway peer as the transport uses it: the transaction stages of the chaincode through it, what its ledger
 * says about committed transactions, and the error translator that names its endpoint.
 */
record GatewayPeer(TransactionStages stages, CommittedTransactions ledger, FabricErrorTranslator errors) {
    GatewayPeer {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(errors, "errors");
    }
}
