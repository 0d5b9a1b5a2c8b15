package org.prooftrail.protocol;

/**
 * How deep JSON text nests, measured before any parser sees it. Parsers recurse once per level of objects and
 * arrays, so a hostile document would otherwise end in a {@code StackOverflowError} whose depth depends on each
 * JVM's stack; both sides refuse anything deeper than {@link #MAX_DEPTH} with their own error. Brackets inside
 * strings do not count.
 */
public final class JsonNesting {
    /** The deepest nesting of objects and arrays either side accepts. */
    public static final int MAX_DEPTH = 64;

    private JsonNesting() {}

    /** The offset of the first bracket that nests deeper than {@code maxDepth}, or -1 if none does. */
    public static int tooDeepAt(String text, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
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
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return -1;
    }
}
