package org.prooftrail.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for the ids of artifacts, runs and deployments, and for free text, applied at the boundary so that
 * a bad value is an {@code INVALID_ARGUMENT} that names it. Ids start with a letter or digit and use letters,
 * digits and {@code . _ - : @ / +}, at most 128 characters: enough for {@code hospital-a/chest-xray@v3}, with no
 * whitespace, control characters or NUL (which composite keys reserve).
 */
public final class Ids {
    public static final int MAX_ID_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+\\-]*");

    /**
     * The prefixes of lineage node names that are not artifact, run or deployment ids ({@code attestation:},
     * {@code erasure:}, {@code aggregation:}) or that name a node type ({@code run:}, {@code deployment:}): an id starting with one could
     * shadow a real node in {@code lineage:Upstream}, {@code Downstream} or {@code Compliance}.
     */
    public static final List<String> RESERVED_PREFIXES =
            List.of("attestation:", "erasure:", "run:", "deployment:", "aggregation:");

    private Ids() {}

    /**
     * Returns {@code text} if it is a valid id for a new artifact, run or deployment: a valid {@link #id} that does
     * not start with a reserved prefix ({@link #RESERVED_PREFIXES}).
     */
    public static String nodeId(String field, String text) {
        id(field, text);
        for (String prefix : RESERVED_PREFIXES) {
            if (text.startsWith(prefix)) {
                throw ProofTrailException.invalid(field + " '" + Printable.truncate(text) + "' starts with " + prefix
                        + ", a prefix reserved for lineage node names (" + String.join(" ", RESERVED_PREFIXES)
                        + "); choose an id without it");
            }
        }
        return text;
    }

    /** Returns {@code text} if it is a valid id, or fails naming {@code field}. */
    public static String id(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw ProofTrailException.invalid(field + " is required");
        }
        if (text.length() > MAX_ID_LENGTH) {
            throw ProofTrailException.invalid(field + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (!ID.matcher(text).matches()) {
            throw ProofTrailException.invalid(field + " '" + Printable.truncate(text)
                    + "' must start with a letter or digit and use only letters, digits and . _ - : @ / +");
        }
        return text;
    }

    /**
     * Returns {@code text} if it is printable text of at most {@code max} characters (no control characters),
     * or fails naming {@code field}; {@code required} also refuses empty text.
     */
    public static String text(String field, String text, int max, boolean required) {
        if (text == null || text.isEmpty()) {
            if (required) {
                throw ProofTrailException.invalid(field + " is required");
            }
            return text == null ? "" : text;
        }
        if (text.length() > max) {
            throw ProofTrailException.invalid(field + " is longer than " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFF' || Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
                throw ProofTrailException.invalid(field + " contains a control character at position " + i + ": '"
                        + Printable.truncate(text) + "'");
            }
        }
        return text;
    }

    private static boolean validSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
