package org.prooftrail.client.gateway;

import java.util.Objects;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.prooftrail.client.audit.LedgerBlocks;

/**
 * The channel's blocks through the gateway peer's system chaincode {@code qscc}, evaluated (never ordered) as the
 * connection's identity, which the peer's channel Readers policy must admit.
 */
final class QsccBlocks implements LedgerBlocks {
    private static final String QSCC = "qscc";

    private final Contract qscc;
    private final String channel;
    private final String chaincode;
    private final FabricErrorTranslator errors;

    QsccBlocks(Network network, String chaincode, FabricErrorTranslator errors) {
        this.qscc = network.getContract(QSCC);
        this.channel = network.getName();
        this.chaincode = Objects.requireNonNull(chaincode, "chaincode");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public String chaincode() {
        return chaincode;
    }

    @Override
    public byte[] chainInfo() {
        return evaluate("GetChainInfo", channel);
    }

    @Override
    public byte[] blockByNumber(long number) {
        return evaluate("GetBlockByNumber", channel, Long.toString(number));
    }

    @Override
    public byte[] blockByTransactionId(String transactionId) {
        return evaluate("GetBlockByTxID", channel, transactionId);
    }

    private byte[] evaluate(String function, String... arguments) {
        try {
            return qscc.evaluateTransaction(function, arguments);
        } catch (GatewayException e) {
            throw errors.evaluateFailed(e, QSCC + ":" + function);
        }
    }
}
