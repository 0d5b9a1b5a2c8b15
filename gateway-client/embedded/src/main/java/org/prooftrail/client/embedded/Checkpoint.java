package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * The signed end of the embedded ledger's log: its last record number and hash, when, by whom (docs/audit-bundles.md).
 *
 * @param certificatePem the signer's certificate (the local user of the organisation)
 * @param caPem the organisation's CA certificate
 * @param signature base64 SHA-256 with ECDSA over {@link #signedText()}
 */
public record Checkpoint(
        String mspId, long number, String hash, Instant time, String certificatePem, String caPem, String signature) {

    /** What a checkpoint's signature covers, first line. */
    public static final String FORMAT = "prooftrail-checkpoint/1";

    /** Prefix of a problem with the trust in the CA rather than with the signature. */
    static final String CA_PROBLEM = "CA: ";

    /** The exact text the signature covers (UTF-8, newline separated). */
    public String signedText() {
        return FORMAT + "\n" + mspId + "\n" + number + "\n" + hash + "\n" + time + "\n";
    }

    Map<String, Object> tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("mspId", mspId);
        tree.put("number", number);
        tree.put("hash", hash);
        tree.put("time", time.toString());
        tree.put("certificate", certificatePem);
        tree.put("ca", caPem);
        tree.put("signature", signature);
        return tree;
    }

    static Checkpoint fromTree(Map<String, Object> tree) {
        return new Checkpoint(
                JsonFields.text(tree, "mspId"),
                JsonFields.number(tree, "number"),
                JsonFields.text(tree, "hash"),
                Instant.parse(JsonFields.text(tree, "time")),
                JsonFields.text(tree, "certificate"),
                JsonFields.text(tree, "ca"),
                JsonFields.text(tree, "signature"));
    }

    /**
     * Null when the signature verifies and the certificate was issued by the CA (and the CA is among {@code
     * trustedCaPem} when given); else why not, starting with {@link #CA_PROBLEM} when the CA is not trusted.
     */
    String problem(String trustedCaPem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate ca =
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(caPem.getBytes(US_ASCII)));
            if (trustedCaPem != null
                    && !factory.generateCertificates(new ByteArrayInputStream(trustedCaPem.getBytes(US_ASCII)))
                            .contains(ca)) {
                return CA_PROBLEM + "the bundle's CA "
                        + ca.getSubjectX500Principal().getName() + " is not among the trusted CA certificates";
            }
            X509Certificate signer = Identities.readX509Certificate(new StringReader(certificatePem));
            return issuedAndSigned(ca, signer);
        } catch (CertificateException | IOException e) {
            return "the checkpoint's certificates cannot be read: " + e.getMessage();
        }
    }

    private String issuedAndSigned(X509Certificate ca, X509Certificate signer) {
        try {
            signer.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "the checkpoint's certificate "
                    + signer.getSubjectX500Principal().getName() + " was not issued by the CA";
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(signedText().getBytes(UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature))
                    ? null
                    : "the checkpoint's signature does not verify";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "the checkpoint's signature does not verify: " + e.getMessage();
        }
    }
}
