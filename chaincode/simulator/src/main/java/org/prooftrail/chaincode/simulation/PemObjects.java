package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the PEM a Fabric MSP folder holds: X.509 certificates and unencrypted EC private keys. */
final class PemObjects {
    private PemObjects() {}

    static X509Certificate certificate(final String pem) {
        try {
            final CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(UTF_8)));
        } catch (final CertificateException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 key ({@code BEGIN PRIVATE KEY}, as cryptogen writes it) or a SEC 1 one ({@code BEGIN EC PRIVATE KEY}). */
    static PrivateKey privateKey(final String pem) {
        final Object object;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            object = parser.readObject();
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
        final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            final PrivateKey key;
            if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else if (object instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else {
                throw new IllegalArgumentException("not an unencrypted PEM private key"
                        + (object == null ? "" : " (found " + object.getClass().getSimpleName() + ")"));
            }
            if (!"EC".equals(key.getAlgorithm()) && !"ECDSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("not an EC private key: " + key.getAlgorithm());
            }
            return key;
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the private key: " + e.getMessage(), e);
        }
    }

    /** Whether the key signs what the certificate's public key verifies. */
    static boolean matches(final X509Certificate certificate, final PrivateKey key) {
        try {
            final byte[] probe = "prooftrail key check".getBytes(UTF_8);
            final Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (final GeneralSecurityException e) {
            return false;
        }
    }
}
