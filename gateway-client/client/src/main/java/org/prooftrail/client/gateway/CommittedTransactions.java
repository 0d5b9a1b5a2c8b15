package org.prooftrail.client.gateway;

import java.util.Optional;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What a peer's ledger says about the channel and about one transaction, read without the commit-status stream:
 * the real implementation asks the peer's query system chaincode ({@code qscc}); tests use an in-process fake.
 */
interface CommittedTransactions {

    /** The channel's height (the number of its blocks) as the peer has it. */
    long height() throws GatewayException;

    /** The transaction's block and validation code, when it is in a block; empty when the peer has no such id. */
    Optional<Committed> find(String transactionId) throws GatewayException;

    /** A transaction in a block: valid, or marked invalid with a validation code. */
    record Committed(long blockNumber, TxValidationCode code) {}
}
