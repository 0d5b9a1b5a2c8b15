package org.prooftrail.protocol;

import java.util.Locale;

/** Makes untrusted input safe to quote in an error message: control characters escaped, long input cut. */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    /**
     * At most 80 characters of {@code text}, control characters escaped as a backslash, u and four hex digits;
     * an escape is never cut in half, and {@code ...} marks that input was left off.
     */
    public static String truncate(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String piece = c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
            if (out.length() + piece.length() > MAX) {
                return out.append("...").toString();
            }
            out.append(piece);
        }
        return out.toString();
    }
}
