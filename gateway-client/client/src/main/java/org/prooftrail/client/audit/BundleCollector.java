package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.ProofTrailClientException;

/**
 * Collects a {@link ProofBundle}: walks the lineage upstream of an id, asks the ledger which transactions wrote each
 * node (an artifact's history, a run's, a deployment's, an attestation's, an erasure receipt's transaction id), and
 * fetches through {@code qscc} the blocks that hold them, every header from the oldest of them (or the config block)
 * to the tip, the tip with its orderer signatures, and the config block the tip names as the last configuration.
 */
public final class BundleCollector {
    /** The policy the chaincode definition names (network/network.sh deploys with it). */
    public static final String CHANNEL_ENDORSEMENT = "/Channel/Application/Endorsement";

    private final ProofTrail ledger;
    private final LedgerBlocks ledgerBlocks;
    private final String chaincode;
    private final Map<Long, Block> blocks = new TreeMap<>();
    private final Map<String, Long> blockOfTransaction = new HashMap<>();

    private BundleCollector(ProofTrail ledger, LedgerBlocks ledgerBlocks, String chaincode) {
        this.ledger = ledger;
        this.ledgerBlocks = ledgerBlocks;
        this.chaincode = chaincode;
    }

    /**
     * Collects the bundle of {@code id} (an artifact id, or a lineage key such as {@code run:ID}) and everything
     * upstream of it, {@code depth} levels deep.
     */
    public static ProofBundle collect(ProofTrail ledger, LedgerBlocks ledgerBlocks, String id, int depth) {
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(ledgerBlocks, "ledgerBlocks");
        Objects.requireNonNull(id, "id");
        return new BundleCollector(ledger, ledgerBlocks, ledgerBlocks.chaincode()).collect(id, depth);
    }

    private ProofBundle collect(String id, int depth) {
        LineageGraph graph = ledger.upstream(id, depth);
        List<BundledRecord> records = new ArrayList<>();
        for (LineageWriters.Writer writer : LineageWriters.writers(ledger, graph)) {
            record(writer).ifPresent(records::add);
        }
        long tip = parse(ledgerBlocks.chainInfo(), "chain info").getHeight() - 1;
        Block tipBlock = block(tip);
        long configNumber = lastConfig(tipBlock);
        Block configBlock = block(configNumber);
        long first = configNumber;
        for (BundledRecord record : records) {
            first = Math.min(first, record.blockNumber());
        }
        List<ByteString> headers = new ArrayList<>();
        for (long number = first; number <= tip; number++) {
            headers.add(block(number).getHeader().toByteString());
        }
        SortedMap<Long, ByteString> included = new TreeMap<>();
        for (BundledRecord record : records) {
            included.put(record.blockNumber(), blocks.get(record.blockNumber()).toByteString());
        }
        included.put(tip, tipBlock.toByteString());
        return new ProofBundle(
                ledgerBlocks.channel(),
                chaincode,
                CHANNEL_ENDORSEMENT,
                graph.root(),
                depth,
                configNumber,
                configBlock.toByteString(),
                included,
                first,
                headers,
                tip,
                records);
    }

    private Optional<BundledRecord> record(LineageWriters.Writer writer) {
        Long number = blockOfTransaction.get(writer.transactionId());
        Block block;
        if (number == null) {
            block = parseBlock(ledgerBlocks.blockByTransactionId(writer.transactionId()));
            blocks.putIfAbsent(block.getHeader().getNumber(), block);
            number = block.getHeader().getNumber();
        } else {
            block = blocks.get(number);
        }
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            ByteString data = block.getData().getData(i);
            String txId = CommittedTransaction.transactionId(data);
            if (txId != null) {
                blockOfTransaction.putIfAbsent(txId, number);
            }
            if (writer.transactionId().equals(txId)) {
                try {
                    CommittedTransaction transaction = CommittedTransaction.parse(data, i);
                    return Optional.of(claim(writer, number, transaction));
                } catch (InvalidProtocolBufferException e) {
                    throw new ProofTrailClientException(
                            "transaction " + txId + " in block " + number + " cannot be read: " + e.getMessage(),
                            txId,
                            e);
                }
            }
        }
        throw new ProofTrailClientException(
                "block " + number + " does not hold transaction " + writer.transactionId(),
                writer.transactionId(),
                null);
    }

    /** The write that is the node's own record: its object type and id as the key, else the first write. */
    private BundledRecord claim(LineageWriters.Writer writer, long number, CommittedTransaction transaction) {
        List<String> keys = new ArrayList<>();
        Map<String, ByteString> values = new HashMap<>();
        for (CommittedTransaction.NamespaceWrites namespace : transaction.namespaces()) {
            if (namespace.namespace().equals(chaincode)) {
                for (KVWrite write : namespace.rwset().getWritesList()) {
                    if (!write.getIsDelete()) {
                        keys.add(write.getKey());
                        values.put(write.getKey(), write.getValue());
                    }
                }
            }
        }
        String key = LineageWriters.recordKey(writer, keys).orElse("");
        KVWrite chosen = KVWrite.newBuilder()
                .setKey(key)
                .setValue(values.getOrDefault(key, ByteString.EMPTY))
                .build();
        return new BundledRecord(
                writer.id(),
                writer.kind(),
                writer.transactionId(),
                number,
                chaincode,
                chosen.getKey(),
                chosen.getValue());
    }

    private Block block(long number) {
        return blocks.computeIfAbsent(number, unused -> parseBlock(ledgerBlocks.blockByNumber(number)));
    }

    /** The last config block the tip names (Fabric 2.x records it in the signatures' OrdererBlockMetadata). */
    private static long lastConfig(Block tip) {
        try {
            Metadata signatures =
                    Metadata.parseFrom(tip.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            return OrdererBlockMetadata.parseFrom(signatures.getValue())
                    .getLastConfig()
                    .getIndex();
        } catch (InvalidProtocolBufferException e) {
            throw new ProofTrailClientException("the tip's metadata cannot be read: " + e.getMessage(), null, e);
        }
    }

    private static Block parseBlock(byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProofTrailClientException("qscc answered with no block: " + e.getMessage(), null, e);
        }
    }

    private static BlockchainInfo parse(byte[] bytes, String what) {
        try {
            return BlockchainInfo.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ProofTrailClientException("qscc answered with no " + what + ": " + e.getMessage(), null, e);
        }
    }
}
