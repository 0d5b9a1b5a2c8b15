package org.prooftrail.protocol;

/** Makes untrusted input safe to quote in an error message: control characters escaped, long input cut. */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {}

    public static String truncate(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX && text.length() > MAX) {
            out.setLength(MAX);
            out.append("...");
        }
        return out.toString();
    }
}
