package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An enrolled identity: its organisation's MSP ID, its X.509 certificate and its private key, and the serialized
 * identity a peer reports as the transaction creator.
 */
public final class Identity {

    private final String mspId;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    Identity(final String mspId, final X509Certificate certificate, final PrivateKey privateKey) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    }

    public String mspId() {
        return mspId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String certificatePem() {
        return certificatePem(certificate);
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), the form Fabric's keystore holds. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** The {@code msp.SerializedIdentity} protobuf (MSP ID and PEM certificate) that {@code getCreator} returns. */
    public byte[] serialized() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificatePem(), UTF_8))
                .build()
                .toByteArray();
    }

    @Override
    public String toString() {
        return mspId + ":" + certificate.getSubjectX500Principal().getName();
    }

    static String certificatePem(final X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (final CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String pem(final String type, final byte[] der) {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
