package org.prooftrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.client.audit.AuditTrust;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.BundleVerifier;
import org.prooftrail.client.audit.ProofBundle;
import org.prooftrail.client.embedded.EmbeddedBundles;

/** Reads a proof bundle file (Fabric or embedded) and verifies it offline: {@code audit verify} and {@code audit report --bundle}. */
final class BundleFiles {
    private BundleFiles() {}

    /**
     * Verifies the bundle in {@code file} against {@code trust} (a config block or CA certificates), or against the
     * bundle's own configuration when {@code trust} is null.
     *
     * @throws UsageException when the bundle or the trust file cannot be read or is not a bundle
     */
    static BundleVerification verify(Path file, Path trust) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UsageException.cannotRead("the bundle " + file, e);
        }
        try {
            if (text.contains("\"source\":\"embedded\"")) {
                return EmbeddedBundles.verify(text, trust);
            }
            AuditTrust anchor = trust == null ? AuditTrust.bundle() : AuditTrust.read(trust);
            return BundleVerifier.verify(ProofBundle.fromJson(text), anchor);
        } catch (IOException e) {
            throw UsageException.cannotRead("the trust file " + trust, e);
        } catch (IllegalArgumentException e) {
            UsageException usage = UsageException.invalid(e.getMessage());
            usage.initCause(e);
            throw usage;
        }
    }
}
