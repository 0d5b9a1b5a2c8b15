package org.prooftrail.client.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.prooftrail.client.ProofTrailClientException;

/**
 * How often and how patiently {@link FabricGatewayTransport} tries again: a transaction invalidated by a read
 * conflict is proposed anew up to {@link #maxSubmitAttempts()} times in all, waiting an exponentially growing,
 * jittered delay between attempts; a commit status that did not arrive in time is asked for again, for the same
 * transaction, up to {@link #maxCommitStatusQueries()} queries in all.
 */
final class RetryPolicy {
    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final RetryPolicy DEFAULT = new RetryPolicy(
            5,
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            4,
            duration -> Thread.sleep(duration.toMillis()),
            new Random(),
            System::nanoTime);

    private final int maxSubmitAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxCommitStatusQueries;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;

    RetryPolicy(
            int maxSubmitAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxCommitStatusQueries,
            Sleeper sleeper,
            RandomGenerator random) {
        this(maxSubmitAttempts, initialBackoff, maxBackoff, maxCommitStatusQueries, sleeper, random, System::nanoTime);
    }

    /** As above, with the clock that deadlines are measured on ({@link System#nanoTime()}; tests pass their own). */
    RetryPolicy(
            int maxSubmitAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxCommitStatusQueries,
            Sleeper sleeper,
            RandomGenerator random,
            LongSupplier nanoClock) {
        if (maxSubmitAttempts < 1 || maxCommitStatusQueries < 1) {
            throw new IllegalArgumentException("at least one attempt and one status query are needed");
        }
        this.maxSubmitAttempts = maxSubmitAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.maxCommitStatusQueries = maxCommitStatusQueries;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    int maxSubmitAttempts() {
        return maxSubmitAttempts;
    }

    int maxCommitStatusQueries() {
        return maxCommitStatusQueries;
    }

    /**
     * The wait after the given failed attempt (1 for the first): the initial backoff doubled per attempt, capped,
     * of which a random half is jitter ("equal jitter"), so that clients that collided do not collide again in
     * step while each still waits at least half the backoff.
     */
    Duration backoff(int failedAttempt) {
        long ceiling = maxBackoff.toMillis();
        long base = initialBackoff.toMillis();
        for (int i = 1; i < failedAttempt && base < ceiling; i++) {
            base *= 2;
        }
        base = Math.min(base, ceiling);
        long half = base / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /** Waits before trying TXID's transaction (or lookup) again; an interruption ends the call. */
    void pause(Duration wait, String txId) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProofTrailClientException("interrupted while waiting to retry transaction " + txId, txId, e);
        }
    }
}
