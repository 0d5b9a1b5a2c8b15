package org.prooftrail.cli;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The latencies of one load round, sorted, and their percentiles by the nearest-rank method: the p-th percentile
 * of n values is the smallest value with at least p% of the values at or below it, the value of rank
 * {@code ceil(p / 100 * n)}. It is always one of the measured values, never an interpolation.
 */
final class Latencies {
    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    static Latencies of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    int count() {
        return sortedNanos.length;
    }

    /** The p-th percentile, {@code 0 < p <= 100}; empty when nothing was measured. */
    OptionalLong percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is above 0 and at most 100, not " + p);
        }
        if (sortedNanos.length == 0) {
            return OptionalLong.empty();
        }
        // The epsilon keeps 95% of 100 at rank 95 although 0.95 * 100 is 95.00000000000001 in binary.
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length - 1e-9);
        return OptionalLong.of(sortedNanos[Math.max(rank, 1) - 1]);
    }

    OptionalLong max() {
        return sortedNanos.length == 0 ? OptionalLong.empty() : OptionalLong.of(sortedNanos[sortedNanos.length - 1]);
    }
}
