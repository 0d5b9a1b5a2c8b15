package org.prooftrail.client.audit;

/** Composite state keys ({@code \u0000type\u0000attr\u0000...}) written for people as {@code type/attr/...}. */
final class ReadableKeys {
    private ReadableKeys() {}

    static String of(String key) {
        String trimmed = key;
        if (!trimmed.isEmpty() && trimmed.charAt(0) == '\u0000') {
            trimmed = trimmed.substring(1);
        }
        if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == '\u0000') {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.replace('\u0000', '/');
    }
}
