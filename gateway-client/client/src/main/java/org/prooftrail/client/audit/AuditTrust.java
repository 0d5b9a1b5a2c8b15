package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a verifier trusts: the bundle's own configuration block (it must sit in the signed header chain, but its
 * roots are the bundle's word), a configuration block obtained independently (its MSPs and policies are used and
 * the bundle's must have the same roots), or a set of CA certificates (every MSP root of the bundle's configuration
 * must be one of them).
 */
public final class AuditTrust {
    private final String origin;
    private final ByteString configBlock;
    private final List<X509Certificate> roots;

    private AuditTrust(String origin, ByteString configBlock, List<X509Certificate> roots) {
        this.origin = origin;
        this.configBlock = configBlock;
        this.roots = roots;
    }

    /** The bundle's own configuration block. */
    public static AuditTrust bundle() {
        return new AuditTrust("the bundle's own config block", null, null);
    }

    /** An independently obtained configuration block (serialised {@code common.Block}). */
    public static AuditTrust configBlock(byte[] block, String origin) {
        Objects.requireNonNull(block, "block");
        ChannelConfig.fromBlock(ByteString.copyFrom(block));
        return new AuditTrust("config block " + origin, ByteString.copyFrom(block), null);
    }

    /** Trusted CA certificates in PEM. */
    public static AuditTrust rootCertificates(byte[] pem, String origin) {
        Objects.requireNonNull(pem, "pem");
        try {
            List<X509Certificate> roots = ChannelConfig.certificates(List.of(ByteString.copyFrom(pem)));
            if (roots.isEmpty()) {
                throw new IllegalArgumentException(origin + " holds no certificate");
            }
            return new AuditTrust("CA certificates " + origin, null, roots);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(origin + " is not PEM certificates: " + e.getMessage(), e);
        }
    }

    /**
     * A {@code --trust} file: PEM certificates when it holds {@code -----BEGIN CERTIFICATE}, else a config block.
     *
     * @throws IllegalArgumentException naming the file when it is neither
     */
    public static AuditTrust read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE")) {
            return rootCertificates(bytes, file.toString());
        }
        try {
            return configBlock(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file + " is neither PEM certificates nor a channel config block: " + e.getMessage(), e);
        }
    }

    /** For people: where the trust comes from. */
    public String origin() {
        return origin;
    }

    Optional<ByteString> trustedConfigBlock() {
        return Optional.ofNullable(configBlock);
    }

    Optional<List<X509Certificate>> trustedRoots() {
        return Optional.ofNullable(roots);
    }
}
