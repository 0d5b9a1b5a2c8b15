package org.prooftrail.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;

/**
 * One round of fixed load: {@code transactions} submissions of fresh ids ({@code <idPrefix>-<n>}; by default
 * registrations with random digests, see {@link Workload}), submitted by {@code concurrency} workers, either in a closed loop (each worker submits its next
 * transaction when the previous one returns) or at a fixed rate (transaction n is due {@code n / rate} seconds
 * after the start and is sent by the next free worker, so at most {@code concurrency} are in flight). No worker
 * starts a transaction after {@code maxDuration}; transactions in flight then finish, bounded by the transport's
 * own timeouts.
 *
 * <p>A latency is measured for each committed transaction: from the call to its commit in a closed loop, and from
 * the time it was due at a fixed rate, so that waiting for a free worker counts (otherwise a saturated ledger
 * would look fast by sending less).
 */
final class LoadRound {
    private final int concurrency;
    private final int transactions;
    private final OptionalDouble rate;
    private final Duration maxDuration;
    private final String idPrefix;

    LoadRound(int concurrency, int transactions, OptionalDouble rate, Duration maxDuration, String idPrefix) {
        if (concurrency < 1 || transactions < 0) {
            throw new IllegalArgumentException("concurrency " + concurrency + ", transactions " + transactions);
        }
        if (rate.isPresent() && !(rate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("rate " + rate.getAsDouble());
        }
        this.concurrency = concurrency;
        this.transactions = transactions;
        this.rate = rate;
        this.maxDuration = Objects.requireNonNull(maxDuration, "maxDuration");
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
    }

    /** What one transaction of a round submits for a fresh id; it returns once the transaction has committed. */
    @FunctionalInterface
    interface Workload {
        void submit(String id);

        /** {@code artifact:Register} of {@code id} with a random digest, kind {@code OTHER}. */
        static Workload register(ProofTrail ledger) {
            return id -> {
                byte[] digest = new byte[Digest.LENGTH];
                ThreadLocalRandom.current().nextBytes(digest);
                ledger.register(Registration.builder(id, ArtifactKind.OTHER, Digest.of(digest))
                        .build());
            };
        }
    }

    /** What a round did: how many transactions were sent, committed and failed, and how fast. */
    record Result(
            int concurrency,
            long submitted,
            long committed,
            SortedMap<String, Long> failures,
            Map<String, String> firstFailureMessages,
            long wallNanos,
            Latencies latencies) {

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Committed transactions per second of the round's wall time. */
        double committedTps() {
            return wallNanos == 0 ? 0 : committed * 1e9 / wallNanos;
        }
    }

    Result run(ProofTrail ledger) throws InterruptedException {
        return run(Workload.register(ledger));
    }

    Result run(Workload workload) throws InterruptedException {
        long[] latencies = new long[transactions];
        Arrays.fill(latencies, -1);
        AtomicInteger tickets = new AtomicInteger();
        LongAdder submitted = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Map<String, String> firstMessages = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "load-worker");
            thread.setDaemon(true);
            return thread;
        });
        long wall;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(workers.submit(() -> {
                    go.await();
                    work(workload, start[0], tickets, submitted, latencies, failures, firstMessages);
                    return null;
                }));
            }
            start[0] = System.nanoTime();
            go.countDown();
            for (Future<?> worker : running) {
                worker.get();
            }
            wall = System.nanoTime() - start[0];
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a load worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        long[] committed = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
        SortedMap<String, Long> failureCounts = new TreeMap<>();
        failures.forEach((kind, count) -> failureCounts.put(kind, count.sum()));
        return new Result(
                concurrency,
                submitted.sum(),
                committed.length,
                failureCounts,
                new TreeMap<>(firstMessages),
                wall,
                Latencies.of(committed));
    }

    private void work(
            Workload workload,
            long start,
            AtomicInteger tickets,
            LongAdder submitted,
            long[] latencies,
            Map<String, LongAdder> failures,
            Map<String, String> firstMessages) {
        long deadline = start + maxDuration.toNanos();
        while (true) {
            int ticket = tickets.getAndIncrement();
            if (ticket >= transactions) {
                return;
            }
            long sent;
            if (rate.isPresent()) {
                sent = start + (long) (ticket * 1e9 / rate.getAsDouble());
                if (sent - deadline >= 0) {
                    return;
                }
                for (long wait = sent - System.nanoTime(); wait > 0; wait = sent - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            } else {
                sent = System.nanoTime();
                if (sent - deadline >= 0) {
                    return;
                }
            }
            submitted.increment();
            try {
                workload.submit(idPrefix + "-" + ticket);
                latencies[ticket] = System.nanoTime() - sent;
            } catch (RuntimeException e) {
                String kind = FailureKind.of(e);
                failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
                firstMessages.putIfAbsent(kind, String.valueOf(e.getMessage()));
            }
        }
    }
}
