package org.prooftrail.client;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data subject's pseudonymous reference: the keyed hash of their identifier under the organisation's secret,
 * as 64 lowercase hex digits. Only {@link Pseudonyms} makes one from an identifier, so a raw identifier cannot
 * reach the ledger through this library.
 */
public final class SubjectRef {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final String hex;

    private SubjectRef(String hex) {
        this.hex = hex;
    }

    static SubjectRef ofHex(String hex) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a subject reference is 64 lowercase hex digits");
        }
        return new SubjectRef(hex);
    }

    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectRef that && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hex);
    }

    /** The reference, never the identifier it was made from. */
    @Override
    public String toString() {
        return hex;
    }
}
