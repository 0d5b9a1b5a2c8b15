package org.prooftrail.protocol;

/**
 * How deep JSON text nests, measured before any parser sees it. Parsers recurse once per level of objects and
 * arrays, so a hostile document would otherwise end in a {@code StackOverflowError} whose depth depends on each
 * JVM's stack; both sides refuse anything deeper than {@link #MAX_DEPTH} with their own error. Brackets inside
 * strings do not count. The same scan finds text after the first complete value, which a streaming parser stops
 * before.
 */
public final class JsonNesting {
    /** The deepest nesting of objects and arrays either side accepts. */
    public static final int MAX_DEPTH = 64;

    private JsonNesting() {}

    /** The offset of the first bracket that nests deeper than {@code maxDepth}, or -1 if none does. */
    public static int tooDeepAt(String text, int maxDepth) {
        return scan(text, maxDepth, false);
    }

    /**
     * The offset of the first character other than JSON whitespace after the first top-level object or array of
     * {@code text} closes, or -1 if there is none: a parser that stops after one value (Genson does) would otherwise
     * take {@code {"id":"a"} garbage}, or two concatenated objects, for the first one.
     */
    public static int trailingAt(String text) {
        return scan(text, Integer.MAX_VALUE, true);
    }

    private static int scan(String text, int maxDepth, boolean trailing) {
        int depth = 0;
        boolean inString = false;
        boolean closed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (closed) {
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    return i;
                }
            } else if ((c == '}' || c == ']') && --depth == 0 && trailing) {
                closed = true;
            }
        }
        return -1;
    }
}
