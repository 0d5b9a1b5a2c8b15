package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An identity that signed something in a bundle: its MSP ID, its certificate, and the serialised identity bytes as
 * signed. Only identities whose signature verified and whose certificate chains to their MSP's roots take part in
 * policy evaluation.
 */
record SignerIdentity(String mspId, X509Certificate certificate, ByteString serialized) {
    SignerIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(serialized, "serialized");
    }

    String subject() {
        return certificate.getSubjectX500Principal().getName();
    }
}
