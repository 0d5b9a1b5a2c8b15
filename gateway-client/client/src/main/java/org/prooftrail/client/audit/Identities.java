package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Reads serialised identities, checks their certificates against their MSP's roots in the trusted configuration,
 * and checks ECDSA signatures over exact bytes (Fabric signs SHA-256 with ECDSA, DER-encoded).
 */
final class Identities {
    private final ChannelConfig config;
    private final Map<ByteString, String> chainProblems = new HashMap<>();

    Identities(ChannelConfig config) {
        this.config = config;
    }

    /** The identity and its certificate, or an exception saying why it cannot be read. */
    static SignerIdentity read(ByteString serialized) throws GeneralSecurityException {
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            throw new GeneralSecurityException("not a serialised identity: " + e.getMessage(), e);
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
        return new SignerIdentity(identity.getMspid(), certificate, serialized);
    }

    /**
     * Checks that the signature over {@code signed} verifies with the identity's key and that the certificate chains
     * to its MSP's roots; returns the problem, or null when both hold.
     */
    String problem(SignerIdentity identity, ByteString signed, ByteString signature) {
        try {
            Signature verifier = Signature.getInstance(
                    "EC".equals(identity.certificate().getPublicKey().getAlgorithm())
                            ? "SHA256withECDSA"
                            : "SHA256withRSA");
            verifier.initVerify(identity.certificate().getPublicKey());
            verifier.update(signed.asReadOnlyByteBuffer());
            if (!verifier.verify(signature.toByteArray())) {
                return "signature of " + identity.mspId() + " (" + identity.subject() + ") does not verify";
            }
        } catch (GeneralSecurityException e) {
            return "signature of " + identity.mspId() + " (" + identity.subject() + ") does not verify: "
                    + e.getMessage();
        }
        return chainProblem(identity);
    }

    /** Null when the certificate chains to a root of the identity's MSP, else why not. */
    String chainProblem(SignerIdentity identity) {
        return chainProblems
                .computeIfAbsent(identity.serialized(), serialized -> {
                    String problem = validateChain(identity);
                    return problem == null ? "" : problem;
                })
                .transform(problem -> problem.isEmpty() ? null : problem);
    }

    private String validateChain(SignerIdentity identity) {
        Msp msp = config.msp(identity.mspId()).orElse(null);
        if (msp == null) {
            return identity.mspId() + " is not an organisation of the trusted channel configuration";
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate root : msp.roots()) {
                anchors.add(new TrustAnchor(root, null));
            }
            if (anchors.isEmpty()) {
                return identity.mspId() + " has no root certificate";
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(identity.certificate());
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            // Certificates are checked as of their own validity start: a bundle is verified long after signing.
            parameters.setDate(new Date(identity.certificate().getNotBefore().getTime() + 1000));
            List<X509Certificate> store = new ArrayList<>(msp.intermediates());
            store.add(identity.certificate());
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            PKIXCertPathBuilderResult built = (PKIXCertPathBuilderResult)
                    java.security.cert.CertPathBuilder.getInstance("PKIX").build(parameters);
            CertPath path = built.getCertPath();
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return null;
        } catch (InvalidAlgorithmParameterException e) {
            return identity.mspId() + " has no usable root certificate: " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return "certificate " + identity.subject() + " does not chain to the roots of " + identity.mspId();
        }
    }

    /** The organisational units of the certificate's subject. */
    static Set<String> organisationalUnits(X509Certificate certificate) {
        Set<String> units = new HashSet<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    units.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return units;
        }
        return units;
    }
}
