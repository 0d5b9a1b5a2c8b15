package org.prooftrail.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A SHA-256 digest in its one wire form: {@code sha256:} followed by 64 lowercase hex digits. */
public final class Digest {
    public static final String PREFIX = "sha256:";
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps 32 raw digest bytes. */
    public static Digest of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** The SHA-256 digest of {@code data}. */
    public static Digest sha256(byte[] data) {
        return new Digest(newSha256().digest(data));
    }

    /**
     * Parses the wire form, rejecting anything else (upper-case hex, another algorithm, a missing prefix) with
     * {@link ErrorCode#INVALID_ARGUMENT}; {@code field} names the input in the message.
     */
    public static Digest parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw ProofTrailException.invalid(field + " is required (sha256: followed by 64 lowercase hex digits)");
        }
        if (!isWellFormed(text)) {
            throw ProofTrailException.invalid(field + " must be sha256: followed by 64 lowercase hex digits, not '"
                    + Printable.truncate(text) + "'");
        }
        return new Digest(HEX.parseHex(text, PREFIX.length(), text.length()));
    }

    /** Whether {@code text} is in the wire form. */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != PREFIX.length() + 2 * LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** A fresh SHA-256 {@link MessageDigest}; every JDK has one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The wire form. */
    @Override
    public String toString() {
        return PREFIX + hex();
    }
}
