package org.prooftrail.client;

import java.util.List;
import java.util.Objects;

/**
 * One page of a paginated query ({@code artifact:List}, {@code access:Logs}).
 *
 * @param count the number of items on this page
 * @param bookmark where the next page starts: pass it back to read it; empty on the last page
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record Page<T>(List<T> items, long count, String bookmark, String json) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(bookmark, "bookmark");
        Objects.requireNonNull(json, "json");
    }

    /** Whether another page follows. */
    public boolean hasMore() {
        return !bookmark.isEmpty();
    }
}
