package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Tampered copies of a bundle, each the work of someone who rewrites the evidence, with the check that must then
 * fail named in each method's description. The verifier's tests and the tampering IT use them; an auditor can use
 * them to see that a verifier of their own refuses what it must.
 */
public final class BundleTampering {
    private BundleTampering() {}

    /** Signs bytes as some identity (SHA-256 with ECDSA, DER): an attacker holding an organisation's key. */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(byte[] message);
    }

    /**
     * Flips one bit of the record's value inside its transaction's envelope in the block. Fails {@code
     * creator-signature}, {@code endorser-signatures}, {@code write-set} and {@code data-hash}.
     */
    public static ProofBundle flipRecordByte(ProofBundle bundle, BundledRecord record) {
        return rewriteEnvelope(bundle, record, envelope -> {
            byte[] bytes = envelope.toByteArray();
            int at = indexOf(bytes, record.value().toByteArray());
            if (at < 0) {
                throw new IllegalArgumentException("the record's value is not in its envelope");
            }
            bytes[at + record.value().size() / 2] ^= 0x01;
            return ByteString.copyFrom(bytes);
        });
    }

    /**
     * Keeps only the first {@code keep} endorsements of the record's transaction. Fails {@code endorsement-policy}
     * when fewer organisations than the policy needs remain (and {@code creator-signature}, {@code data-hash}).
     */
    public static ProofBundle dropEndorsements(ProofBundle bundle, BundledRecord record, int keep) {
        return rewriteTransaction(bundle, record, null, action -> {
            List<Endorsement> kept = new ArrayList<>(action.getAction().getEndorsementsList());
            return action.toBuilder()
                    .setAction(action.getAction().toBuilder()
                            .clearEndorsements()
                            .addAllEndorsements(kept.subList(0, Math.min(keep, kept.size()))))
                    .build();
        });
    }

    /**
     * Replaces every endorsement of the record's transaction by one that {@code endorser} (a serialised identity)
     * signed over the same proposal response, and re-signs the envelope as {@code creator} with {@code
     * creatorSigner}: what another organisation holding only its own keys can forge. Fails {@code
     * endorsement-policy} for a key whose policy names its owner alone (and {@code data-hash}).
     */
    public static ProofBundle endorseAs(
            ProofBundle bundle,
            BundledRecord record,
            ByteString endorser,
            Signer endorserSigner,
            ByteString creator,
            Signer creatorSigner) {
        return rewriteTransaction(bundle, new Resigning(creator, creatorSigner), record, action -> {
            ByteString payload = action.getAction().getProposalResponsePayload();
            Endorsement forged = Endorsement.newBuilder()
                    .setEndorser(endorser)
                    .setSignature(ByteString.copyFrom(
                            endorserSigner.sign(payload.concat(endorser).toByteArray())))
                    .build();
            return action.toBuilder()
                    .setAction(
                            action.getAction().toBuilder().clearEndorsements().addEndorsements(forged))
                    .build();
        });
    }

    /**
     * Replaces the root certificates of {@code mspId} in the bundle's config block by {@code root}. Fails {@code
     * channel-config} (the block no longer matches its header) and the signatures of that organisation's members.
     */
    public static ProofBundle substituteCa(ProofBundle bundle, String mspId, X509Certificate root) {
        try {
            Block block = Block.parseFrom(bundle.configBlock());
            Envelope envelope = Envelope.parseFrom(block.getData().getData(0));
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ConfigEnvelope config = ConfigEnvelope.parseFrom(payload.getData());
            ConfigGroup.Builder channel = config.getConfig().getChannelGroup().toBuilder();
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(root.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            boolean found = false;
            for (Map.Entry<String, ConfigGroup> section :
                    config.getConfig().getChannelGroup().getGroupsMap().entrySet()) {
                ConfigGroup.Builder sectionBuilder = section.getValue().toBuilder();
                for (Map.Entry<String, ConfigGroup> org :
                        section.getValue().getGroupsMap().entrySet()) {
                    ConfigValue value = org.getValue().getValuesMap().get("MSP");
                    if (value == null) {
                        continue;
                    }
                    MSPConfig msp = MSPConfig.parseFrom(value.getValue());
                    FabricMSPConfig fabric = FabricMSPConfig.parseFrom(msp.getConfig());
                    if (!fabric.getName().equals(mspId)) {
                        continue;
                    }
                    found = true;
                    FabricMSPConfig replaced = fabric.toBuilder()
                            .clearRootCerts()
                            .addRootCerts(ByteString.copyFromUtf8(pem))
                            .build();
                    sectionBuilder.putGroups(
                            org.getKey(),
                            org.getValue().toBuilder()
                                    .putValues(
                                            "MSP",
                                            value.toBuilder()
                                                    .setValue(msp.toBuilder()
                                                            .setConfig(replaced.toByteString())
                                                            .build()
                                                            .toByteString())
                                                    .build())
                                    .build());
                }
                channel.putGroups(section.getKey(), sectionBuilder.build());
            }
            if (!found) {
                throw new IllegalArgumentException(mspId + " is not in the config block");
            }
            ConfigEnvelope newConfig = config.toBuilder()
                    .setConfig(config.getConfig().toBuilder().setChannelGroup(channel))
                    .build();
            Envelope newEnvelope = envelope.toBuilder()
                    .setPayload(payload.toBuilder()
                            .setData(newConfig.toByteString())
                            .build()
                            .toByteString())
                    .build();
            Block newBlock = block.toBuilder()
                    .setData(block.getData().toBuilder().setData(0, newEnvelope.toByteString()))
                    .build();
            return bundle.with(newBlock.toByteString(), bundle.blocks(), bundle.headers(), bundle.records());
        } catch (InvalidProtocolBufferException | CertificateEncodingException e) {
            throw new IllegalArgumentException("the config block cannot be rewritten: " + e.getMessage(), e);
        }
    }

    /** Puts block {@code other}'s bytes where block {@code number} was. Fails {@code header-chain}. */
    public static ProofBundle swapBlock(ProofBundle bundle, long number, ByteString other) {
        SortedMap<Long, ByteString> blocks = new TreeMap<>(bundle.blocks());
        blocks.put(number, other);
        return bundle.with(bundle.configBlock(), blocks, bundle.headers(), bundle.records());
    }

    /**
     * Changes header {@code number}'s previous hash in the chain. Fails {@code header-chain} for every block below
     * it.
     */
    public static ProofBundle breakHeaderChain(ProofBundle bundle, long number) {
        List<ByteString> headers = new ArrayList<>(bundle.headers());
        int index = (int) (number - bundle.firstHeader());
        BlockHeader header = parse(headers.get(index));
        byte[] previous = header.getPreviousHash().toByteArray();
        previous[0] ^= 0x01;
        headers.set(
                index,
                header.toBuilder()
                        .setPreviousHash(ByteString.copyFrom(previous))
                        .build()
                        .toByteString());
        return bundle.with(bundle.configBlock(), bundle.blocks(), headers, bundle.records());
    }

    /** Flips a bit of the tip's first orderer signature. Fails {@code orderer-signatures}. */
    public static ProofBundle forgeOrdererSignature(ProofBundle bundle) {
        return rewriteBlock(bundle, bundle.tip(), block -> {
            try {
                Metadata metadata =
                        Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
                MetadataSignature signature = metadata.getSignatures(0);
                byte[] bytes = signature.getSignature().toByteArray();
                bytes[bytes.length / 2] ^= 0x01;
                Metadata forged = metadata.toBuilder()
                        .setSignatures(0, signature.toBuilder().setSignature(ByteString.copyFrom(bytes)))
                        .build();
                return block.toBuilder()
                        .setMetadata(block.getMetadata().toBuilder()
                                .setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, forged.toByteString()))
                        .build();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("the tip has no signatures: " + e.getMessage(), e);
            }
        });
    }

    /** Sets the record's transaction's validation flag to {@code code}. Fails {@code validation-flag}. */
    public static ProofBundle withValidationFlag(ProofBundle bundle, BundledRecord record, int code) {
        return rewriteBlock(bundle, record.blockNumber(), block -> {
            int index = indexOfTransaction(block, record.transactionId());
            byte[] flags = block.getMetadata()
                    .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                    .toByteArray();
            flags[index] = (byte) code;
            return block.toBuilder()
                    .setMetadata(block.getMetadata().toBuilder()
                            .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(flags)))
                    .build();
        });
    }

    /** Claims another value for the record than its transaction wrote. Fails {@code write-set}. */
    public static ProofBundle claimValue(ProofBundle bundle, BundledRecord record, ByteString value) {
        List<BundledRecord> records = new ArrayList<>();
        for (BundledRecord each : bundle.records()) {
            records.add(each.equals(record) ? each.withValue(value) : each);
        }
        return bundle.with(bundle.configBlock(), bundle.blocks(), bundle.headers(), records);
    }

    /** Drops the last {@code count} headers of the chain. Fails {@code header-chain}. */
    public static ProofBundle truncateChain(ProofBundle bundle, int count) {
        List<ByteString> headers = bundle.headers().subList(0, bundle.headers().size() - count);
        return bundle.with(bundle.configBlock(), bundle.blocks(), headers, bundle.records());
    }

    // -------------------------------------------------------------------------------------------------- internals

    private record Resigning(ByteString creator, Signer signer) {}

    private static ProofBundle rewriteTransaction(
            ProofBundle bundle,
            BundledRecord record,
            Resigning resigning,
            UnaryOperator<ChaincodeActionPayload> change) {
        return rewriteTransaction(bundle, resigning, record, change);
    }

    private static ProofBundle rewriteTransaction(
            ProofBundle bundle,
            Resigning resigning,
            BundledRecord record,
            UnaryOperator<ChaincodeActionPayload> change) {
        return rewriteEnvelope(bundle, record, envelopeBytes -> {
            try {
                Envelope envelope = Envelope.parseFrom(envelopeBytes);
                Payload payload = Payload.parseFrom(envelope.getPayload());
                Transaction transaction = Transaction.parseFrom(payload.getData());
                ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(
                        transaction.getActions(0).getPayload());
                Transaction changed = transaction.toBuilder()
                        .setActions(
                                0,
                                transaction.getActions(0).toBuilder()
                                        .setPayload(change.apply(action).toByteString()))
                        .build();
                Payload.Builder newPayload = payload.toBuilder().setData(changed.toByteString());
                if (resigning != null) {
                    var signatureHeader = org.hyperledger.fabric.protos.common.SignatureHeader.parseFrom(
                            payload.getHeader().getSignatureHeader());
                    newPayload.setHeader(payload.getHeader().toBuilder()
                            .setSignatureHeader(signatureHeader.toBuilder()
                                    .setCreator(resigning.creator())
                                    .build()
                                    .toByteString()));
                }
                ByteString payloadBytes = newPayload.build().toByteString();
                ByteString signature = resigning == null
                        ? envelope.getSignature()
                        : ByteString.copyFrom(resigning.signer().sign(payloadBytes.toByteArray()));
                return Envelope.newBuilder()
                        .setPayload(payloadBytes)
                        .setSignature(signature)
                        .build()
                        .toByteString();
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("the transaction cannot be rewritten: " + e.getMessage(), e);
            }
        });
    }

    private static ProofBundle rewriteEnvelope(
            ProofBundle bundle, BundledRecord record, UnaryOperator<ByteString> change) {
        return rewriteBlock(bundle, record.blockNumber(), block -> {
            int index = indexOfTransaction(block, record.transactionId());
            return block.toBuilder()
                    .setData(block.getData().toBuilder()
                            .setData(index, change.apply(block.getData().getData(index))))
                    .build();
        });
    }

    private static ProofBundle rewriteBlock(ProofBundle bundle, long number, UnaryOperator<Block> change) {
        SortedMap<Long, ByteString> blocks = new TreeMap<>(bundle.blocks());
        ByteString bytes = blocks.get(number);
        if (bytes == null) {
            throw new IllegalArgumentException("block " + number + " is not in the bundle");
        }
        try {
            blocks.put(number, change.apply(Block.parseFrom(bytes)).toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("block " + number + " cannot be read: " + e.getMessage(), e);
        }
        return bundle.with(bundle.configBlock(), blocks, bundle.headers(), bundle.records());
    }

    private static int indexOfTransaction(Block block, String transactionId) {
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (transactionId.equals(
                    CommittedTransaction.transactionId(block.getData().getData(i)))) {
                return i;
            }
        }
        throw new IllegalArgumentException("transaction " + transactionId + " is not in block "
                + block.getHeader().getNumber());
    }

    private static BlockHeader parse(ByteString header) {
        try {
            return BlockHeader.parseFrom(header);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("a header cannot be read: " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
