package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An organisation's certificate authority, in process: a self-signed ECDSA P-256 root (Fabric's default curve) that
 * issues identities the way a Fabric CA enrols them. Subject {@code O=orgDomain, OU=nodeOu, CN=commonName}; the
 * NodeOU is {@code client}, {@code admin}, {@code peer} or {@code orderer}; attributes go into the extension {@value
 * #ATTRIBUTE_OID} as the JSON {@code {"attrs":{"name":"value",...}}}, the form the shim's {@code ClientIdentity}
 * reads. For tests and the embedded ledger; its certificates are valid from an hour ago for ten years.
 */
public final class CertificateAuthority {

    /** The extension in which a Fabric CA stores attributes. */
    public static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";

    private static final Set<String> NODE_OUS = Set.of("client", "admin", "peer", "orderer");
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final String mspId;
    private final String orgDomain;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(final String mspId, final String orgDomain)
            throws GeneralSecurityException, CertIOException {
        this.mspId = mspId;
        this.orgDomain = orgDomain;
        this.keyPair = newKeyPair();
        final X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, orgDomain)
                .addRDN(BCStyle.CN, "ca." + orgDomain)
                .build();
        final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        this.certificate = sign(
                builder(subject, subject, keyPair)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                        .addExtension(
                                Extension.subjectKeyIdentifier,
                                false,
                                extensions.createSubjectKeyIdentifier(keyPair.getPublic())),
                "CA of " + mspId);
    }

    /** A new authority for the organisation with this MSP ID and domain (such as {@code hospital-a.example.com}). */
    public static CertificateAuthority create(final String mspId, final String orgDomain) {
        requireText(mspId, "mspId");
        requireText(orgDomain, "orgDomain");
        try {
            return new CertificateAuthority(mspId, orgDomain);
        } catch (final GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the certificate authority of " + mspId, e);
        }
    }

    /** Issues an identity without attributes. */
    public Identity issue(final String commonName, final String nodeOu) {
        return issue(commonName, nodeOu, Map.of());
    }

    /** Issues an identity of this organisation, with Fabric CA attributes if {@code attributes} is not empty. */
    public Identity issue(final String commonName, final String nodeOu, final Map<String, String> attributes) {
        requireText(commonName, "commonName");
        Objects.requireNonNull(nodeOu, "nodeOu");
        Objects.requireNonNull(attributes, "attributes");
        if (!NODE_OUS.contains(nodeOu)) {
            throw new IllegalArgumentException("nodeOu must be one of client, admin, peer, orderer, not " + nodeOu);
        }
        try {
            final KeyPair pair = newKeyPair();
            final X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, orgDomain)
                    .addRDN(BCStyle.OU, nodeOu)
                    .addRDN(BCStyle.CN, commonName)
                    .build();
            final JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            final X509v3CertificateBuilder builder = builder(
                            X500Name.getInstance(
                                    certificate.getSubjectX500Principal().getEncoded()),
                            subject,
                            pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            if (!attributes.isEmpty()) {
                // A Fabric CA puts the JSON bytes themselves in the extension value, not wrapped in an ASN.1 string;
                // the JDK's getExtensionValue then hands ClientIdentity the OCTET STRING it unwraps.
                builder.addExtension(new ASN1ObjectIdentifier(ATTRIBUTE_OID), false, attributeJson(attributes));
            }
            return new Identity(mspId, sign(builder, commonName), pair.getPrivate());
        } catch (final GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName + " of " + mspId, e);
        }
    }

    public String mspId() {
        return mspId;
    }

    public String orgDomain() {
        return orgDomain;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The root certificate in PEM, for an MSP folder's {@code cacerts}. */
    public String certificatePem() {
        return Identity.certificatePem(certificate);
    }

    /**
     * The attribute JSON as Go's {@code encoding/json} writes it for a Fabric CA: keys sorted, HTML characters and
     * control characters escaped.
     */
    static byte[] attributeJson(final Map<String, String> attributes) {
        final StringBuilder json = new StringBuilder("{\"attrs\":{");
        final Map<String, String> sorted = new TreeMap<>(attributes);
        sorted.forEach((name, value) -> {
            if (json.charAt(json.length() - 1) != '{') {
                json.append(',');
            }
            appendString(json, requireText(name, "attribute name"));
            json.append(':');
            appendString(json, Objects.requireNonNull(value, name));
        });
        return json.append("}}").toString().getBytes(UTF_8);
    }

    private static void appendString(final StringBuilder json, final String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private X509v3CertificateBuilder builder(final X500Name issuer, final X500Name subject, final KeyPair pair) {
        final Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(128, random),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(3650))),
                subject,
                pair.getPublic());
    }

    private X509Certificate sign(final X509v3CertificateBuilder builder, final String what)
            throws GeneralSecurityException {
        try {
            final ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (final OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate of " + what, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String requireText(final String text, final String name) {
        Objects.requireNonNull(text, name);
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return text;
    }
}
