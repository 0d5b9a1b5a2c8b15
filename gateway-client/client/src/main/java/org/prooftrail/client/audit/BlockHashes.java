package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Fabric's block hashes: a header's hash is SHA-256 of the ASN.1 DER {@code SEQUENCE {INTEGER number, OCTET STRING
 * previous_hash, OCTET STRING data_hash}} (Fabric's {@code protoutil.BlockHeaderBytes}); a block's data hash is
 * SHA-256 of its data entries concatenated ({@code protoutil.BlockDataHash}).
 */
final class BlockHashes {
    private BlockHashes() {}

    /** The DER bytes a header is hashed and signed as. */
    static byte[] headerBytes(BlockHeader header) {
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        fields.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        fields.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteString headerHash(BlockHeader header) {
        return ByteString.copyFrom(sha256().digest(headerBytes(header)));
    }

    static ByteString dataHash(Block block) {
        MessageDigest digest = sha256();
        for (ByteString entry : block.getData().getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
