package org.prooftrail.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The times the ledger stores: ISO-8601 instants in UTC from {@link #EARLIEST} up to {@link #LATEST}, parsed once
 * at the boundary so that a bad one is {@code INVALID_ARGUMENT} naming its field. Expiries (of access grants and
 * consents) are such times that must lie after the transaction's.
 */
public final class LedgerTime {
    /** The earliest time the ledger stores or orders by: nothing prooftrail records happened before. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * The first time the ledger no longer stores: sort keys hold nanoseconds since 1970 in a {@code long}, which
     * overflows in April 2262; the year before is the limit.
     */
    public static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

    private LedgerTime() {}

    /** Whether the ledger can store and order by {@code at}: from {@link #EARLIEST} up to {@link #LATEST}. */
    public static boolean storable(Instant at) {
        return !at.isBefore(EARLIEST) && at.isBefore(LATEST);
    }

    /**
     * {@code at}, if the ledger can store it; otherwise {@code INVALID_ARGUMENT} naming {@code field} and the range.
     */
    public static Instant requireStorable(String field, Instant at) {
        if (!storable(at)) {
            throw ProofTrailException.invalid(
                    field + " " + at + " is outside the times the ledger stores, " + EARLIEST + " up to " + LATEST);
        }
        return at;
    }

    /** Parses an ISO-8601 UTC instant, or fails with {@code INVALID_ARGUMENT} naming {@code field}. */
    public static Instant parse(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProofTrailException.invalid(field + " must be an ISO-8601 UTC time such as 2027-01-31T00:00:00Z,"
                    + " not '" + Printable.truncate(text) + "'");
        }
    }

    /** Parses an expiry: an ISO-8601 instant that must lie after {@code now} and before {@link #LATEST}. */
    public static Instant expiry(String field, String text, Instant now) {
        Instant at = parse(field, text);
        if (!at.isAfter(now)) {
            throw ProofTrailException.invalid(field + " " + at + " is not after the transaction's time " + now);
        }
        // An expiry becomes a sort key (grantexpiry): one past 2262 would overflow it.
        return requireStorable(field, at);
    }
}
