package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * One endorser transaction as a block holds it, read with the fabric-protos classes: the envelope (payload and the
 * creator's signature), the channel header (id, timestamp), the creator, the endorsed action (proposal response
 * payload and every endorsement), and the public read-write sets by namespace.
 */
record CommittedTransaction(
        String transactionId,
        int index,
        Instant timestamp,
        ByteString creator,
        ByteString payload,
        ByteString signature,
        ByteString proposalResponsePayload,
        List<Endorsement> endorsements,
        List<NamespaceWrites> namespaces) {

    /** The public read-write set of one namespace. */
    record NamespaceWrites(String namespace, KVRWSet rwset) {}

    /** The transaction id of an envelope, or null when it is not readable. */
    static String transactionId(ByteString envelopeBytes) {
        try {
            Envelope envelope = Envelope.parseFrom(envelopeBytes);
            Payload payload = Payload.parseFrom(envelope.getPayload());
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader())
                    .getTxId();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    static CommittedTransaction parse(ByteString envelopeBytes, int index) throws InvalidProtocolBufferException {
        Envelope envelope = Envelope.parseFrom(envelopeBytes);
        Payload payload = Payload.parseFrom(envelope.getPayload());
        ChannelHeader channelHeader =
                ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        SignatureHeader signatureHeader =
                SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        if (transaction.getActionsCount() != 1) {
            throw new InvalidProtocolBufferException(
                    "an endorser transaction holds one action, this one " + transaction.getActionsCount());
        }
        TransactionAction action = transaction.getActions(0);
        ChaincodeEndorsedAction endorsed =
                ChaincodeActionPayload.parseFrom(action.getPayload()).getAction();
        ProposalResponsePayload response = ProposalResponsePayload.parseFrom(endorsed.getProposalResponsePayload());
        ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(response.getExtension());
        TxReadWriteSet results = TxReadWriteSet.parseFrom(chaincodeAction.getResults());
        List<NamespaceWrites> namespaces = new ArrayList<>();
        for (NsReadWriteSet namespace : results.getNsRwsetList()) {
            namespaces.add(new NamespaceWrites(namespace.getNamespace(), KVRWSet.parseFrom(namespace.getRwset())));
        }
        return new CommittedTransaction(
                channelHeader.getTxId(),
                index,
                Instant.ofEpochSecond(
                        channelHeader.getTimestamp().getSeconds(),
                        channelHeader.getTimestamp().getNanos()),
                signatureHeader.getCreator(),
                envelope.getPayload(),
                envelope.getSignature(),
                endorsed.getProposalResponsePayload(),
                List.copyOf(endorsed.getEndorsementsList()),
                List.copyOf(namespaces));
    }
}
