package org.prooftrail.client.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Locale;
import java.util.Optional;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.prooftrail.client.ProofTrailClientException;

/**
 * {@link CommittedTransactions} through the gateway peer's query system chaincode: {@code GetChainInfo} for the
 * height, {@code GetTransactionByID} for the validation code and {@code GetBlockByTxID} for the block. A peer that
 * has no such transaction answers with an error naming "no such transaction ID"; that answer, and only that one,
 * means "not in any block".
 */
final class QsccTransactions implements CommittedTransactions {
    private static final String NOT_FOUND = "no such transaction id";

    private final Contract qscc;
    private final String channel;

    QsccTransactions(Network network) {
        this.qscc = network.getContract("qscc");
        this.channel = network.getName();
    }

    @Override
    public long height() throws GatewayException {
        byte[] answer = qscc.evaluateTransaction("GetChainInfo", channel);
        try {
            return BlockchainInfo.parseFrom(answer).getHeight();
        } catch (InvalidProtocolBufferException e) {
            throw new ProofTrailClientException("qscc GetChainInfo answered with no BlockchainInfo: " + e, null, e);
        }
    }

    @Override
    public Optional<Committed> find(String transactionId) throws GatewayException {
        byte[] transaction;
        byte[] block;
        try {
            transaction = qscc.evaluateTransaction("GetTransactionByID", channel, transactionId);
            block = qscc.evaluateTransaction("GetBlockByTxID", channel, transactionId);
        } catch (GatewayException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            TxValidationCode code = TxValidationCode.forNumber(
                    ProcessedTransaction.parseFrom(transaction).getValidationCode());
            long number = Block.parseFrom(block).getHeader().getNumber();
            return Optional.of(new Committed(number, code == null ? TxValidationCode.INVALID_OTHER_REASON : code));
        } catch (InvalidProtocolBufferException e) {
            throw new ProofTrailClientException(
                    "qscc answered about transaction " + transactionId + " with no transaction or block: " + e,
                    transactionId,
                    e);
        }
    }

    static boolean isNotFound(GatewayException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getStatus().getDescription()));
        e.getDetails().forEach(detail -> text.append(' ').append(detail.getMessage()));
        return text.toString().toLowerCase(Locale.ROOT).contains(NOT_FOUND);
    }
}
