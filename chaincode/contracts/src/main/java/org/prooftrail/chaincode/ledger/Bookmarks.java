package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Pagination bookmarks as callers see them: Fabric's bookmark is the next composite key, full of NUL separators,
 * so it travels as unpadded base64url text that a shell or a URL can carry. A bookmark must belong to the query
 * it is used with.
 */
final class Bookmarks {
    static final int MAX_LENGTH = 2048;

    private Bookmarks() {}

    static String encode(String fabricBookmark) {
        if (fabricBookmark == null || fabricBookmark.isEmpty()) {
            return "";
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fabricBookmark.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String prefix, String bookmark) {
        if (bookmark == null || bookmark.isEmpty()) {
            return "";
        }
        String key;
        try {
            if (bookmark.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            key = new String(Base64.getUrlDecoder().decode(bookmark), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProofTrailException.invalid("bookmark is not one that a previous page returned");
        }
        if (!key.startsWith(prefix)) {
            throw ProofTrailException.invalid("bookmark belongs to a different query (another kind or owner filter)");
        }
        return key;
    }
}
