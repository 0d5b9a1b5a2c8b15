package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A root CA shaped like the one {@code cryptogen} writes to {@code ca/}: the input of {@code load}. */
record CryptogenCa(X509Certificate certificate, KeyPair keyPair, byte[] subjectKeyIdentifier) {

    static CryptogenCa create(final String domain) {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            final KeyPair pair = generator.generateKeyPair();
            final ECPublicKey key = (ECPublicKey) pair.getPublic();
            final byte[] point = new byte[65];
            point[0] = 4;
            copy(key.getW().getAffineX(), point, 1);
            copy(key.getW().getAffineY(), point, 33);
            final byte[] ski = MessageDigest.getInstance("SHA-256").digest(point);
            final X500Name subject =
                    new X500Name("C=US, ST=California, L=San Francisco, O=" + domain + ", CN=ca." + domain);
            final Instant now = Instant.now();
            final var builder = new JcaX509v3CertificateBuilder(
                            subject,
                            BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofMinutes(5))),
                            Date.from(now.plus(Duration.ofDays(3650))),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature
                                    | KeyUsage.keyEncipherment
                                    | KeyUsage.keyCertSign
                                    | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
            final X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new CryptogenCa(certificate, pair, ski);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String certificatePem() {
        return Identity.certificatePem(certificate);
    }

    String keyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
                        .encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static void copy(final BigInteger value, final byte[] into, final int offset) {
        final byte[] bytes = value.toByteArray();
        final int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
    }
}
