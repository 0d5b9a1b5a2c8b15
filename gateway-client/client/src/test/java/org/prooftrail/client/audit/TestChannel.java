package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * A Fabric channel built in memory with real protos and real ECDSA keys: three member organisations and an orderer
 * organisation with their own CAs, a config block (MAJORITY Endorsement, ANY Writers block validation, NodeOUs), and
 * blocks of endorser transactions signed, endorsed and orderer-signed as Fabric does.
 */
final class TestChannel {
    static final String A = "HospitalAMSP";
    static final String B = "HospitalBMSP";
    static final String R = "ResearchMSP";
    static final String O = "OrdererMSP";
    static final String CHAINCODE = "prooftrail";

    /** An identity with its key. */
    record Member(String mspId, X509Certificate certificate, PrivateKey key) {
        ByteString serialized() {
            return SerializedIdentity.newBuilder()
                    .setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(pem(certificate)))
                    .build()
                    .toByteString();
        }

        byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(key);
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        ByteString sign(ByteString message) {
            return ByteString.copyFrom(sign(message.toByteArray()));
        }
    }

    /** An organisation: its CA and its members. */
    record Org(String mspId, X509Certificate root, Member peer, Member client) {}

    private final Map<String, Org> orgs = new LinkedHashMap<>();
    private final Member orderer;
    private final X509Certificate ordererRoot;
    private final List<Block> blocks = new ArrayList<>();
    private long clock = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();

    TestChannel() throws Exception {
        for (String mspId : List.of(A, B, R)) {
            KeyPair ca = keys();
            X509Certificate root =
                    certificate("CN=ca." + mspId + ",O=" + mspId, ca, "CN=ca." + mspId + ",O=" + mspId, ca, true);
            orgs.put(
                    mspId,
                    new Org(
                            mspId,
                            root,
                            member(mspId, "peer0", "peer", ca, root),
                            member(mspId, "user", "client", ca, root)));
        }
        KeyPair ca = keys();
        ordererRoot = certificate("CN=ca.orderer,O=" + O, ca, "CN=ca.orderer,O=" + O, ca, true);
        orderer = member(O, "orderer0", "orderer", ca, ordererRoot);
        configBlock();
    }

    Org org(String mspId) {
        return orgs.get(mspId);
    }

    Member orderer() {
        return orderer;
    }

    List<Block> blocks() {
        return blocks;
    }

    static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A self-signed CA certificate nobody in the channel trusts. */
    static X509Certificate strangerCa() throws Exception {
        KeyPair keys = keys();
        return certificate("CN=ca.stranger,O=Stranger", keys, "CN=ca.stranger,O=Stranger", keys, true);
    }

    private static Member member(String mspId, String name, String ou, KeyPair ca, X509Certificate root)
            throws Exception {
        KeyPair keys = keys();
        X509Certificate certificate = certificate(
                "CN=" + name + "." + mspId + ",OU=" + ou + ",O=" + mspId,
                keys,
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                ca,
                false);
        return new Member(mspId, certificate, keys.getPrivate());
    }

    private static X509Certificate certificate(
            String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean authority)
            throws CertIOException, OperatorCreationException, java.security.cert.CertificateException {
        return certificate(subject, subjectKeys, new X500Name(issuer), issuerKeys, authority);
    }

    private static X509Certificate certificate(
            String subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, boolean authority)
            throws CertIOException, OperatorCreationException, java.security.cert.CertificateException {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.parse("2025-01-01T00:00:00Z")),
                Date.from(Instant.parse("2035-01-01T00:00:00Z")),
                new X500Name(subject),
                subjectKeys.getPublic());
        if (authority) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- config

    private Block configBlock() {
        ConfigGroup.Builder application = ConfigGroup.newBuilder();
        for (Org org : orgs.values()) {
            application.putGroups(
                    org.mspId(),
                    ConfigGroup.newBuilder()
                            .putValues("MSP", mspValue(org.mspId(), org.root()))
                            .putPolicies(
                                    "Endorsement", signaturePolicy(ownerOnly(org.mspId(), MSPRole.MSPRoleType.PEER)))
                            .build());
        }
        application.putPolicies("Endorsement", implicitMeta("Endorsement", ImplicitMetaPolicy.Rule.MAJORITY));
        ConfigGroup ordererGroup = ConfigGroup.newBuilder()
                .putGroups(
                        "OrdererOrg",
                        ConfigGroup.newBuilder()
                                .putValues("MSP", mspValue(O, ordererRoot))
                                .putPolicies("Writers", signaturePolicy(ownerOnly(O, MSPRole.MSPRoleType.MEMBER)))
                                .build())
                .putPolicies("BlockValidation", implicitMeta("Writers", ImplicitMetaPolicy.Rule.ANY))
                .build();
        ConfigGroup channel = ConfigGroup.newBuilder()
                .putGroups("Application", application.build())
                .putGroups("Orderer", ordererGroup)
                .build();
        ConfigEnvelope config = ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setChannelGroup(channel))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.CONFIG_VALUE)
                                .setChannelId("prooftrail")
                                .build()
                                .toByteString()))
                .setData(config.toByteString())
                .build();
        Envelope envelope =
                Envelope.newBuilder().setPayload(payload.toByteString()).build();
        return seal(List.of(envelope.toByteString()), new byte[] {0});
    }

    private static ConfigValue mspValue(String mspId, X509Certificate root) {
        FabricOUIdentifier.Builder ou = FabricOUIdentifier.newBuilder();
        FabricMSPConfig fabric = FabricMSPConfig.newBuilder()
                .setName(mspId)
                .addRootCerts(ByteString.copyFromUtf8(pem(root)))
                .setFabricNodeOus(FabricNodeOUs.newBuilder()
                        .setEnable(true)
                        .setPeerOuIdentifier(
                                ou.setOrganizationalUnitIdentifier("peer").build())
                        .setClientOuIdentifier(
                                ou.setOrganizationalUnitIdentifier("client").build())
                        .setAdminOuIdentifier(
                                ou.setOrganizationalUnitIdentifier("admin").build())
                        .setOrdererOuIdentifier(
                                ou.setOrganizationalUnitIdentifier("orderer").build()))
                .build();
        return ConfigValue.newBuilder()
                .setValue(MSPConfig.newBuilder()
                        .setType(0)
                        .setConfig(fabric.toByteString())
                        .build()
                        .toByteString())
                .build();
    }

    static SignaturePolicyEnvelope ownerOnly(String mspId, MSPRole.MSPRoleType role) {
        return SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder()
                        .setNOutOf(SignaturePolicy.NOutOf.newBuilder()
                                .setN(1)
                                .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder()
                        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder()
                                .setMspIdentifier(mspId)
                                .setRole(role)
                                .build()
                                .toByteString()))
                .build();
    }

    private static ConfigPolicy signaturePolicy(SignaturePolicyEnvelope envelope) {
        return ConfigPolicy.newBuilder()
                .setPolicy(Policy.newBuilder()
                        .setType(Policy.PolicyType.SIGNATURE_VALUE)
                        .setValue(envelope.toByteString()))
                .build();
    }

    private static ConfigPolicy implicitMeta(String subPolicy, ImplicitMetaPolicy.Rule rule) {
        return ConfigPolicy.newBuilder()
                .setPolicy(Policy.newBuilder()
                        .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                        .setValue(ImplicitMetaPolicy.newBuilder()
                                .setSubPolicy(subPolicy)
                                .setRule(rule)
                                .build()
                                .toByteString()))
                .build();
    }

    // ------------------------------------------------------------------------------------------------ transactions

    /** A write of the transaction; {@code policy} (nullable) becomes the key's validation parameter. */
    record Write(String key, String value, SignaturePolicyEnvelope policy) {
        static Write of(String key, String value) {
            return new Write(key, value, null);
        }
    }

    static String key(String... parts) {
        return "\u0000" + String.join("\u0000", parts) + "\u0000";
    }

    /** An endorser transaction's envelope, created by {@code creator} and endorsed by {@code endorsers}. */
    ByteString transaction(String txId, Member creator, List<Member> endorsers, List<Write> writes) {
        KVRWSet.Builder rwset = KVRWSet.newBuilder();
        for (Write write : writes) {
            rwset.addWrites(KVWrite.newBuilder().setKey(write.key()).setValue(ByteString.copyFromUtf8(write.value())));
            if (write.policy() != null) {
                rwset.addMetadataWrites(KVMetadataWrite.newBuilder()
                        .setKey(write.key())
                        .addEntries(KVMetadataEntry.newBuilder()
                                .setName(TransactionCheck.VALIDATION_PARAMETER)
                                .setValue(write.policy().toByteString())));
            }
        }
        TxReadWriteSet results = TxReadWriteSet.newBuilder()
                .addNsRwset(NsReadWriteSet.newBuilder()
                        .setNamespace(CHAINCODE)
                        .setRwset(rwset.build().toByteString()))
                .build();
        ByteString responsePayload = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFromUtf8(txId))
                .setExtension(ChaincodeAction.newBuilder()
                        .setResults(results.toByteString())
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ChaincodeEndorsedAction.Builder action =
                ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload);
        for (Member endorser : endorsers) {
            action.addEndorsements(Endorsement.newBuilder()
                    .setEndorser(endorser.serialized())
                    .setSignature(endorser.sign(responsePayload.concat(endorser.serialized()))));
        }
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setAction(action)
                                .build()
                                .toByteString()))
                .build();
        clock += 60;
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                                .setChannelId("prooftrail")
                                .setTxId(txId)
                                .setTimestamp(Timestamp.newBuilder().setSeconds(clock))
                                .build()
                                .toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(creator.serialized())
                                .setNonce(ByteString.copyFrom(txId, StandardCharsets.UTF_8))
                                .build()
                                .toByteString()))
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder()
                .setPayload(payload.toByteString())
                .setSignature(creator.sign(payload.toByteString()))
                .build()
                .toByteString();
    }

    /** Cuts, signs and appends a block of these envelopes, all flagged VALID. */
    Block commit(ByteString... envelopes) {
        byte[] flags = new byte[envelopes.length];
        return seal(List.of(envelopes), flags);
    }

    private Block seal(List<ByteString> envelopes, byte[] flags) {
        BlockHeader.Builder header = BlockHeader.newBuilder().setNumber(blocks.size());
        if (!blocks.isEmpty()) {
            header.setPreviousHash(
                    BlockHashes.headerHash(blocks.get(blocks.size() - 1).getHeader()));
        }
        Block unsigned = Block.newBuilder()
                .setData(BlockData.newBuilder().addAllData(envelopes))
                .build();
        header.setDataHash(BlockHashes.dataHash(unsigned));
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(0))
                .build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(orderer.serialized())
                .setNonce(ByteString.copyFromUtf8("nonce" + blocks.size()))
                .build()
                .toByteString();
        ByteString signed =
                value.concat(signatureHeader).concat(ByteString.copyFrom(BlockHashes.headerBytes(header.build())));
        Metadata signatures = Metadata.newBuilder()
                .setValue(value)
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(orderer.sign(signed)))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i <= BlockMetadataIndex.COMMIT_HASH_VALUE; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, signatures.toByteString());
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(flags));
        Block block =
                unsigned.toBuilder().setHeader(header).setMetadata(metadata).build();
        blocks.add(block);
        return block;
    }

    /** A bundle of these records over every block so far (config block 0 to the tip). */
    ProofBundle bundle(List<BundledRecord> records) {
        TreeMap<Long, ByteString> included = new TreeMap<>();
        for (BundledRecord record : records) {
            included.put(
                    record.blockNumber(), blocks.get((int) record.blockNumber()).toByteString());
        }
        long tip = blocks.size() - 1L;
        included.put(tip, blocks.get((int) tip).toByteString());
        List<ByteString> headers = new ArrayList<>();
        for (Block block : blocks) {
            headers.add(block.getHeader().toByteString());
        }
        return new ProofBundle(
                "prooftrail",
                CHAINCODE,
                BundleCollector.CHANNEL_ENDORSEMENT,
                "artifact:model",
                10,
                0,
                blocks.get(0).toByteString(),
                included,
                0,
                headers,
                tip,
                records);
    }

    /** The record of write {@code key} in the transaction {@code txId}, committed in block {@code number}. */
    static BundledRecord record(String id, String kind, String txId, long number, Write write) {
        return new BundledRecord(
                id, kind, txId, number, CHAINCODE, write.key(), ByteString.copyFromUtf8(write.value()));
    }
}
