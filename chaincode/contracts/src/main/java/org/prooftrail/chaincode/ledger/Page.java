package org.prooftrail.chaincode.ledger;

import java.util.List;
import java.util.Objects;

/** One page of a listing and the bookmark that fetches the next page; an empty bookmark means the last page. */
public final class Page<T> {
    private final List<T> items;
    private final String bookmark;

    public Page(List<T> items, String bookmark) {
        this.items = List.copyOf(items);
        this.bookmark = Objects.requireNonNull(bookmark, "bookmark");
    }

    public List<T> getItems() {
        return items;
    }

    public String getBookmark() {
        return bookmark;
    }

    public int getCount() {
        return items.size();
    }
}
