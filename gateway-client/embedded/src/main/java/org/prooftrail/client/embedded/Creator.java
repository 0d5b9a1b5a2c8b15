package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A transaction creator as a peer sees it: MSP ID and the serialized identity with its PEM certificate, which names the
 * creator in the log (its digest) and in transaction ids. The contracts are handed the same identity with the
 * certificate DER-encoded ({@link #presented}): the shim's {@code ClientIdentity} reads its MSP ID, ID and attributes
 * alike from either form, and reads DER without decoding Base64 a byte at a time, which was a tenth of a registration's
 * time. The contracts read the creator only through {@code ClientIdentity} (an architecture rule of the chaincode).
 */
final class Creator {
    private final String mspId;
    private final byte[] serialized;
    private final byte[] presented;
    private final byte[] digest;

    /** @throws IllegalArgumentException if {@code certificatePem} is not a PEM X.509 certificate */
    Creator(String mspId, String certificatePem) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificatePem, "certificatePem");
        this.serialized = serialize(mspId, ByteString.copyFrom(certificatePem, UTF_8));
        try {
            final byte[] der = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(UTF_8)))
                    .getEncoded();
            this.presented = serialize(mspId, ByteString.copyFrom(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate: " + e.getMessage(), e);
        }
        this.digest = LogRecord.sha256(serialized);
    }

    private static byte[] serialize(String mspId, ByteString certificate) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(certificate)
                .build()
                .toByteArray();
    }

    String mspId() {
        return mspId;
    }

    byte[] serialized() {
        return serialized.clone();
    }

    /** The serialized identity the contracts get from {@code getCreator}: the certificate DER-encoded. */
    byte[] presented() {
        return presented.clone();
    }

    byte[] digest() {
        return digest.clone();
    }
}
