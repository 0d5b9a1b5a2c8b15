package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
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
 * reads. For tests and the embedded ledger, or, {@linkplain #load loaded} from an organisation's CA certificate and
 * key, to issue users with roles on a network without a CA server; its certificates are valid from an hour ago (or
 * from when the authority's own validity starts, if later) for ten years (or until the authority's ends).
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

    private CertificateAuthority(
            final String mspId, final String orgDomain, final KeyPair keyPair, final X509Certificate certificate) {
        this.mspId = mspId;
        this.orgDomain = orgDomain;
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

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

    /**
     * An existing organisation's authority, from its CA certificate and private key in PEM (for {@code cryptogen}
     * output: {@code ca/ca.<domain>-cert.pem} and {@code ca/priv_sk}), so that identities it issues chain to the
     * root the organisation's MSP trusts. The organisation's domain is the certificate's {@code O}.
     *
     * @throws IllegalArgumentException if either PEM cannot be read, the key is not an EC key, the certificate is not
     *     a CA certificate, or the key does not belong to the certificate
     */
    public static CertificateAuthority load(final String mspId, final String caCertificatePem, final String caKeyPem) {
        requireText(mspId, "mspId");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(caKeyPem, "caKeyPem");
        final X509Certificate certificate = PemObjects.certificate(caCertificatePem);
        final PrivateKey privateKey = PemObjects.privateKey(caKeyPem);
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("not a CA certificate: "
                    + certificate.getSubjectX500Principal().getName());
        }
        if (!PemObjects.matches(certificate, privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the CA certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
        final X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        final RDN[] organisations = subject.getRDNs(BCStyle.O);
        if (organisations.length == 0) {
            throw new IllegalArgumentException(
                    "the CA certificate names no organisation (O): " + certificate.getSubjectX500Principal());
        }
        final String orgDomain =
                IETFUtils.valueToString(organisations[0].getFirst().getValue());
        return new CertificateAuthority(
                mspId, orgDomain, new KeyPair(certificate.getPublicKey(), privateKey), certificate);
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
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions));
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

    /**
     * The authority key identifier: the CA's own subject key identifier when its certificate has one (cryptogen's is
     * a SHA-256 of the key, not the SHA-1 a recomputation would give, and Go's chain building skips a parent whose
     * subject key identifier differs), otherwise computed from its key.
     */
    private AuthorityKeyIdentifier authorityKeyIdentifier(final JcaX509ExtensionUtils extensions) {
        final byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return extensions.createAuthorityKeyIdentifier(certificate.getPublicKey());
        }
        final byte[] keyId = ASN1OctetString.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getOctets();
        return new AuthorityKeyIdentifier(keyId);
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
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * Valid from an hour ago for ten years, but never outside the authority's own validity: Fabric's MSP checks the
     * chain at the moment the identity's validity starts, so an identity valid before its CA is refused.
     */
    private X509v3CertificateBuilder builder(final X500Name issuer, final X500Name subject, final KeyPair pair) {
        final Instant now = Instant.now();
        Instant notBefore = now.minus(Duration.ofHours(1));
        Instant notAfter = now.plus(Duration.ofDays(3650));
        if (certificate != null) {
            notBefore = latest(notBefore, certificate.getNotBefore().toInstant());
            final Instant caNotAfter = certificate.getNotAfter().toInstant();
            notAfter = notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter;
        }
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(128, random),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                pair.getPublic());
    }

    private static Instant latest(final Instant a, final Instant b) {
        return a.isAfter(b) ? a : b;
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
