package org.prooftrail.chaincode.simulation;

import java.util.Comparator;

/**
 * The order of keys in Fabric's state database: LevelDB compares the UTF-8 bytes of keys, which is the order of
 * Unicode code points. {@link String#compareTo} compares UTF-16 units and disagrees for characters above U+FFFF
 * against U+E000..U+FFFF, which matters because the shim ends a partial composite key range with U+10FFFF.
 */
final class KeyOrder {

    static final Comparator<String> CODE_POINT = KeyOrder::compare;

    private KeyOrder() {}

    static int compare(final String left, final String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            final int a = left.codePointAt(i);
            final int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    /** Whether the text encodes to UTF-8 without loss: no unpaired surrogates. */
    static boolean isValidUtf8(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A key as a person can read it in a message: the composite key separator U+0000 shown as {@code \u0000}. */
    static String printable(final String key) {
        return key.replace("\u0000", "\\u0000");
    }
}
