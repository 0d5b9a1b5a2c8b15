package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.protocol.Transaction;

/**
 * Measures the embedded ledger: durable registrations per second with one submitter and with several (group commit),
 * and the latency of an {@code artifact:List} page and of {@code artifact:History} as the ledger grows. Every figure
 * is for acknowledged, fsynced transactions on the disk holding the ledger folder.
 *
 * <p>Environment: {@code PROOFTRAIL_BENCH_SIZES} (default {@code 1000,100000,1000000}), {@code
 * PROOFTRAIL_BENCH_THREADS} (default 8), {@code PROOFTRAIL_BENCH_SINGLE} (registrations timed with one submitter, first and again at each size,
 * default 1000), {@code PROOFTRAIL_BENCH_QUERIES} (samples per latency, default 200), {@code PROOFTRAIL_BENCH_DIR}
 * (default: a new temporary folder, deleted afterwards), {@code PROOFTRAIL_BENCH_VERIFY} ({@code 0}: skip the final
 * verify and reindex), {@code PROOFTRAIL_BENCH_AT_SIZE} (a command run at each size with the size and the ledger
 * home as arguments while the ledger stays open and idle: {@code bench/embedded-ledger.sh} times command-line
 * processes there).
 */
public final class EmbeddedLedgerBenchmark {
    private static final PrintStream OUT = new PrintStream(System.out, true, UTF_8);

    private final EmbeddedLedger ledger;
    private final AtomicLong next = new AtomicLong();

    private EmbeddedLedgerBenchmark(EmbeddedLedger ledger) {
        this.ledger = ledger;
    }

    public static void main(String[] args) throws Exception {
        final long[] sizes = Arrays.stream(
                        env("PROOFTRAIL_BENCH_SIZES", "1000,100000,1000000").split(","))
                .map(String::trim)
                .mapToLong(Long::parseLong)
                .sorted()
                .toArray();
        final int threads = Integer.parseInt(env("PROOFTRAIL_BENCH_THREADS", "8"));
        final int single = Integer.parseInt(env("PROOFTRAIL_BENCH_SINGLE", "1000"));
        final int queries = Integer.parseInt(env("PROOFTRAIL_BENCH_QUERIES", "200"));
        final String dir = System.getenv("PROOFTRAIL_BENCH_DIR");
        final Path home = dir == null ? Files.createTempDirectory("prooftrail-bench-") : Path.of(dir);
        OUT.printf(
                "embedded ledger benchmark in %s (%d cores, java %s)%n",
                home, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            final Path log = measure(home, sizes, threads, single, queries);
            final long reopen = System.nanoTime();
            try (EmbeddedLedger reopened = EmbeddedLedger.open(home)) {
                OUT.printf(
                        "reopen for writing: %,d records in %.2f s; log %,d bytes, index %,d bytes%n",
                        reopened.height(),
                        seconds(reopen),
                        Files.size(log),
                        Files.size(log.resolveSibling(LedgerIndex.FILE)));
                if (!"0".equals(System.getenv("PROOFTRAIL_BENCH_VERIFY"))) {
                    final long start = System.nanoTime();
                    final long records = reopened.reindex();
                    OUT.printf("reindex: %,d records in %.1f s%n", records, seconds(start));
                }
            }
        } finally {
            if (dir == null) {
                deleteTree(home);
            }
        }
    }

    private static Path measure(Path home, long[] sizes, int threads, int single, int queries) throws Exception {
        final long opening = System.nanoTime();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
            final EmbeddedLedgerBenchmark bench = new EmbeddedLedgerBenchmark(ledger);
            bench.warmUp();
            OUT.printf("first open, contracts started and 50 registrations: %.1f s%n", seconds(opening));
            bench.registrations(1, Math.min(single, (int) Math.max(1, sizes[0] - ledger.height())));
            for (long size : sizes) {
                final long missing = size - ledger.height();
                if (missing > 0) {
                    bench.registrations(threads, missing);
                    // One submitter again, on the warm JVM and the grown ledger (the first measurement above ran
                    // while the JIT compiler was still at work).
                    bench.registrations(1, single);
                }
                bench.queries(queries);
                atSize(size, home);
            }
            if ("0".equals(System.getenv("PROOFTRAIL_BENCH_VERIFY"))) {
                return home.resolve("ledger").resolve("transactions.log");
            }
            final long start = System.nanoTime();
            final LedgerVerification verification = ledger.verify();
            OUT.printf("verify: %s in %.1f s%n", verification.intact() ? "intact" : "NOT intact", seconds(start));
            return verification.log();
        }
    }

    /** Runs {@code PROOFTRAIL_BENCH_AT_SIZE} with the size and home, once the index holds everything. */
    private static void atSize(long size, Path home) throws IOException, InterruptedException {
        final String command = System.getenv("PROOFTRAIL_BENCH_AT_SIZE");
        if (command == null || command.isBlank()) {
            return;
        }
        // Wait until the writer has committed its index up to the log, as every reader does before it answers, so the
        // commands timed below do not pay for that wait.
        try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
            reader.evaluate(Transaction.ARTIFACT_LIST, List.of("{\"kind\":\"DATASET\",\"pageSize\":1}"));
        }
        final List<String> arguments = new ArrayList<>(List.of(command.trim().split("\\s+")));
        arguments.add(Long.toString(size));
        arguments.add(home.toString());
        final int exit = new ProcessBuilder(arguments).inheritIO().start().waitFor();
        if (exit != 0) {
            OUT.printf("(%s exited %d)%n", command, exit);
        }
    }

    private void warmUp() {
        for (int i = 0; i < 50; i++) {
            register();
        }
    }

    private void registrations(int threads, long count) throws Exception {
        final long start = System.nanoTime();
        if (threads == 1) {
            for (long i = 0; i < count; i++) {
                register();
            }
        } else {
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                final AtomicLong left = new AtomicLong(count);
                final List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            register();
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        final double seconds = seconds(start);
        OUT.printf(
                "register: %,d durable registrations, %d submitter(s): %,.0f/s (ledger now %,d)%n",
                count, threads, count / seconds, ledger.height());
    }

    private void queries(int samples) {
        final long height = ledger.height();
        for (int i = 0; i < 50; i++) {
            ledger.evaluate(Transaction.ARTIFACT_LIST, List.of("{\"kind\":\"DATASET\",\"pageSize\":100}"));
            ledger.evaluate(Transaction.ARTIFACT_HISTORY, List.of("bench-" + i));
        }
        final long[] list = new long[samples];
        final long[] history = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            ledger.evaluate(Transaction.ARTIFACT_LIST, List.of("{\"kind\":\"DATASET\",\"pageSize\":100}"));
            list[i] = System.nanoTime() - start;
            final String id = "bench-" + Math.floorMod(i * 7919L, Math.max(1, next.get()));
            start = System.nanoTime();
            ledger.evaluate(Transaction.ARTIFACT_HISTORY, List.of(id));
            history[i] = System.nanoTime() - start;
        }
        OUT.printf(
                "at %,d artifacts (after 50 unmeasured rounds): List page of 100 by kind %s; History %s%n",
                height, stats(list), stats(history));
    }

    private void register() {
        final String id = "bench-" + next.getAndIncrement();
        final String digest = "sha256:" + HexFormat.of().formatHex(LogRecord.sha256(id.getBytes(UTF_8)));
        ledger.submit(
                Transaction.ARTIFACT_REGISTER,
                List.of("{\"id\":\"" + id + "\",\"kind\":\"DATASET\",\"digest\":\"" + digest
                        + "\",\"uri\":\"s3://bench/" + id + "\",\"metadata\":{\"source\":\"benchmark\"}}"),
                Map.of());
    }

    private static String stats(long[] nanos) {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                "median %.2f ms, p99 %.2f ms",
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String env(String name, String fallback) {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
