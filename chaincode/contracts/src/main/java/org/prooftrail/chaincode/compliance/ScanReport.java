package org.prooftrail.chaincode.compliance;

import java.util.List;

/**
 * What {@code lineage:ComplianceScan} returns: the transaction time it is as of, the window and owner it was asked
 * for, the items that need action (sorted by kind and id), whether there are any, and whether a per-kind bound
 * ({@link ComplianceScan#MAX_PER_KIND}) cut the scan short.
 */
public final class ScanReport {
    private final String asOf;
    private final long withinDays;
    private final String owner;
    private final List<ScanItem> items;
    private final boolean truncated;

    ScanReport(String asOf, long withinDays, String owner, List<ScanItem> items, boolean truncated) {
        this.asOf = asOf;
        this.withinDays = withinDays;
        this.owner = owner;
        this.items = List.copyOf(items);
        this.truncated = truncated;
    }

    public String getAsOf() {
        return asOf;
    }

    public long getWithinDays() {
        return withinDays;
    }

    /** The organisation the scan was limited to; absent for all organisations. */
    public String getOwner() {
        return owner;
    }

    public List<ScanItem> getItems() {
        return items;
    }

    public boolean getNeedsAction() {
        return !items.isEmpty();
    }

    public boolean getTruncated() {
        return truncated;
    }
}
