package org.prooftrail.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns data subjects' identifiers (a patient number, an e-mail address) into {@link SubjectRef pseudonymous
 * references} with HMAC-SHA256 under an organisation secret that never leaves the organisation. The same
 * identifier always gives the same reference under the same secret, so a hospital can find a subject's consent
 * again; without the secret a reference reveals nothing and cannot be matched against a list of identifiers.
 * Identifiers are {@link #normalise normalised} first, so that one subject written differently (case, spacing,
 * Unicode form) has one reference, and an erasure request cannot miss the consent recorded under another spelling.
 */
public final class Pseudonyms {
    /** A secret shorter than this is refused: it would let the references be brute-forced. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final byte[] secret;

    private Pseudonyms(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(
                    "the consent secret has " + secret.length + " bytes; at least " + MIN_SECRET_BYTES + " are needed");
        }
        this.secret = secret.clone();
    }

    /** Reads the organisation's secret from a file, which must be its owner's only ({@link SecretFiles}). */
    public static Pseudonyms fromSecretFile(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isRegularFile(file)) {
            SecretFiles.requireOwnerOnly(file, "consent secret");
        }
        try {
            return new Pseudonyms(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read the consent secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the secret file, first creating it with 32 random bytes (readable by its owner only) if missing. */
    public static Pseudonyms createOrLoad(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            byte[] secret = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // The folders it creates (such as a new $PROOFTRAIL_HOME) are its owner's only.
                    Files.createDirectories(
                            parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
                Path created = Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own protection applies
                }
                Files.write(created, secret);
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use theirs
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the consent secret " + file, e);
            }
        }
        return fromSecretFile(file);
    }

    /** The reference of {@code identifier}, after {@link #normalise}. */
    public SubjectRef of(String identifier) {
        String normalised = normalise(identifier);
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("a subject identifier is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return SubjectRef.ofHex(HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    /**
     * The form of an identifier that is hashed, in this order: Unicode NFKC (compatibility forms such as full-width
     * letters and digits, ligatures and non-breaking spaces become their plain forms); lower case by the Unicode rules
     * of {@link Locale#ROOT} (never the JVM's locale, which would make a Turkish JVM map "I" differently); NFKC again
     * (lower-casing can leave a composable sequence); then every run of Unicode whitespace becomes one space and
     * leading and trailing whitespace is removed. So {@code "Patient-1 "}, {@code "patient-1"} and
     * {@code "ＰＡＴＩＥＮＴ-１"} are one subject. Identifiers that differ only in case must not name different
     * subjects.
     */
    public static String normalise(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        String folded = Normalizer.normalize(
                Normalizer.normalize(identifier, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
        return WHITESPACE.matcher(folded).replaceAll(" ").strip();
    }
}
