package org.prooftrail.client.audit;

/**
 * The blocks of one channel as a peer serves them (the system chaincode {@code qscc}): each method answers with the
 * serialised {@code common.Block} (or {@code common.BlockchainInfo}) bytes exactly as the peer stores them.
 */
public interface LedgerBlocks {

    /** The channel these blocks belong to. */
    String channel();

    /** The chaincode whose records are collected (its namespace in the write sets). */
    String chaincode();

    /** {@code GetChainInfo}: the serialised {@code common.BlockchainInfo} (height, current and previous hash). */
    byte[] chainInfo();

    /** {@code GetBlockByNumber}. */
    byte[] blockByNumber(long number);

    /** {@code GetBlockByTxID}: the block holding the transaction. */
    byte[] blockByTransactionId(String transactionId);
}
