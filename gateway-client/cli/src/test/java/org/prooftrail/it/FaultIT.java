package org.prooftrail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;

/**
 * Crashes under load, on the real network of {@code network/network.sh}: the project's own client (hospital-a's
 * Admin through hospital-a's gateway, with hospital-b's and research's gateways as failover) registers fresh
 * artifacts at a fixed rate from 20 workers, recording every outcome, while the test SIGKILLs the Raft leader
 * orderer, hospital-b's peer (not the gateway), research's chaincode server and then hospital-a's peer (the gateway
 * itself), bringing each back with {@code network.sh up} or {@code deploy} after the load went on without it.
 *
 * <p>Then: every acknowledged registration is readable, with its digest and transaction id, through every
 * organisation's peer; none was registered twice (its history holds one registration); every transaction got a
 * definite outcome (acknowledged, rejected, commit failed with a code, not committed, or not submitted because no
 * gateway was reachable) within the bound the client's deadlines imply, and what was reported as not committed is
 * indeed not on the ledger; the peers reach the same height and block hash. The counts are printed.
 *
 * <p>{@code PROOFTRAIL_FAULT_RATE} (default 30 tx/s) and {@code PROOFTRAIL_FAULT_STEP} (acknowledgements between
 * faults, default 150) size it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultIT {
    private static final int WORKERS = 20;
    private static final Duration EVALUATE = Duration.ofSeconds(5);
    private static final Duration ENDORSE = Duration.ofSeconds(15);
    private static final Duration SUBMIT = Duration.ofSeconds(5);
    private static final Duration COMMIT_STATUS = Duration.ofSeconds(10);
    private static final Duration RESOLUTION = Duration.ofSeconds(60);
    private static final int RESOLUTION_BLOCKS = 5;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern HEIGHT = Pattern.compile("\"height\":(\\d+)");
    private static final Pattern HASH = Pattern.compile("\"currentBlockHash\":\"([^\"]+)\"");

    /** What became of one registration. */
    private record Attempt(String id, Digest digest, String outcome, String transactionId, long nanos) {}

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Object progress = new Object();
    private FabricNetwork network;
    private ProofTrail client;

    @BeforeAll
    void network() throws Exception {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        network = FabricNetwork.shared();
        client = ProofTrail.over(FabricGatewayTransport.connect(config("hospital-a", true)));
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** ORG's Admin through ORG's gateway with the test's deadlines; with failover, the other organisations' too. */
    private GatewayConfig config(String org, boolean failover) throws IOException, InterruptedException {
        GatewayConfig plain = network.gatewayConfig(org, "Admin");
        GatewayConfig.Builder builder = GatewayConfig.builder()
                .endpoint(plain.endpoint())
                .tlsCaCertificate(plain.tlsCaCertificateFile().orElseThrow())
                .serverNameOverride(plain.serverNameOverride().orElseThrow())
                .mspId(plain.mspId())
                .certificate(plain.certificate())
                .privateKey(plain.privateKey())
                .evaluateDeadline(EVALUATE)
                .endorseDeadline(ENDORSE)
                .submitDeadline(SUBMIT)
                .commitStatusDeadline(COMMIT_STATUS)
                .commitResolutionDeadline(RESOLUTION)
                .commitResolutionBlocks(RESOLUTION_BLOCKS);
        if (failover) {
            for (String other : FabricNetwork.ORGS) {
                if (!other.equals(org)) {
                    builder.failoverGateway(
                            FabricNetwork.peerAddress(other),
                            network.peerTlsCa(other),
                            Optional.of("peer0." + other + ".prooftrail.example"));
                }
            }
        }
        return builder.build();
    }

    /**
     * The longest a registration may take before its outcome is known: endorsement on each gateway in turn, the
     * hand-over, four commit-status waits with backoff between them (at most 5 s each), the resolution deadline
     * plus its last backoff and the lookups of one round on each gateway.
     */
    private static Duration outcomeBound() {
        Duration backoff = Duration.ofSeconds(5);
        return ENDORSE.multipliedBy(3)
                .plus(SUBMIT)
                .plus(COMMIT_STATUS.plus(backoff).multipliedBy(4))
                .plus(RESOLUTION)
                .plus(backoff)
                .plus(EVALUATE.multipliedBy(2 * 3));
    }

    @Test
    void every_acknowledged_registration_survives_kill_9_of_the_leader_a_peer_a_chaincode_server_and_the_gateway()
            throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("PROOFTRAIL_FAULT_RATE", "30"));
        int step = Integer.parseInt(System.getenv().getOrDefault("PROOFTRAIL_FAULT_STEP", "150"));
        Semaphore permits = new Semaphore(0);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(
                () -> {
                    if (permits.availablePermits() < WORKERS) {
                        permits.release();
                    }
                },
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong next = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            running.add(workers.submit(() -> {
                while (!stop.get()) {
                    if (!permits.tryAcquire(1, TimeUnit.SECONDS)) {
                        continue;
                    }
                    register("fault-" + run + "-" + next.incrementAndGet());
                }
                return null;
            }));
        }
        List<String> timeline = new ArrayList<>();
        try {
            awaitAcknowledged(step);
            String leader = raftLeader();
            timeline.add(kill9(leader));
            awaitAcknowledged(step);
            timeline.add(up("up"));

            timeline.add(kill9("peer-hospital-b"));
            awaitAcknowledged(step);
            timeline.add(up("up"));

            timeline.add(kill9("chaincode-research"));
            awaitAcknowledged(step);
            timeline.add(up("deploy"));

            timeline.add(kill9("peer-hospital-a"));
            awaitAcknowledged(step);
            timeline.add(up("up"));
            awaitAcknowledged(step);
        } finally {
            stop.set(true);
            pacer.shutdownNow();
            workers.shutdown();
        }
        assertThat(workers.awaitTermination(outcomeBound().plusMinutes(1).toSeconds(), TimeUnit.SECONDS))
                .as("every in-flight registration returned an outcome")
                .isTrue();
        for (Future<?> worker : running) {
            worker.get();
        }
        timeline.forEach(line -> System.err.println("[FaultIT] " + line));
        check();
    }

    private void register(String id) {
        byte[] bytes = new byte[Digest.LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        Digest digest = Digest.of(bytes);
        long started = System.nanoTime();
        String outcome;
        String txId = null;
        try {
            ArtifactRecord record = client.register(
                    Registration.builder(id, ArtifactKind.OTHER, digest).build());
            outcome = "ACKNOWLEDGED";
            txId = record.transactionId();
        } catch (TransactionNotCommittedException e) {
            outcome = "NOT_COMMITTED";
            txId = e.transactionId().orElse(null);
        } catch (CommitFailedException e) {
            outcome = "COMMIT_FAILED:" + e.validationCode();
            txId = e.transactionId().orElse(null);
        } catch (ContractRejectedException e) {
            outcome = "REJECTED:" + e.code();
        } catch (GatewayUnavailableException e) {
            // Unreachable before anything was submitted is definite; "may yet commit" is not.
            outcome = e.getMessage().contains("may yet commit") ? "UNKNOWN" : "UNAVAILABLE_NOT_SUBMITTED";
            txId = e.transactionId().orElse(null);
            System.err.println("[FaultIT] " + id + ": " + e.getMessage());
        } catch (RuntimeException e) {
            outcome = "ERROR:" + e.getClass().getSimpleName();
            System.err.println("[FaultIT] " + id + ": " + e);
        }
        attempts.add(new Attempt(id, digest, outcome, txId, System.nanoTime() - started));
        if (outcome.equals("ACKNOWLEDGED")) {
            acknowledged.incrementAndGet();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Waits until COUNT more registrations have been acknowledged. */
    private void awaitAcknowledged(long count) throws InterruptedException {
        long target = acknowledged.get() + count;
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        synchronized (progress) {
            while (acknowledged.get() < target) {
                long left = deadline - System.nanoTime();
                assertThat(left)
                        .as(
                                "%d more acknowledged registrations within %s (now %d)",
                                count, PROGRESS_TIMEOUT, acknowledged.get())
                        .isPositive();
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    private String raftLeader() throws IOException, InterruptedException {
        for (String orderer : List.of("orderer1", "orderer2", "orderer3")) {
            int port =
                    Map.of("orderer1", 9441, "orderer2", 9442, "orderer3", 9443).get(orderer);
            FabricNetwork.Result metrics = network.command(
                    network.repository(), List.of("curl", "-fsS", "http://127.0.0.1:" + port + "/metrics"));
            if (metrics.output().contains("consensus_etcdraft_is_leader{channel=\"prooftrail\"} 1")) {
                return orderer;
            }
        }
        throw new AssertionError("no orderer says it leads channel prooftrail");
    }

    /** SIGKILL of the process network.sh started under NAME; returns a line for the timeline. */
    private String kill9(String name) throws Exception {
        Path pidFile = network.repository().resolve("network/.state/pids/" + name + ".pid");
        long pid = Long.parseLong(
                Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+")[0]);
        ProcessHandle process =
                ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not running"));
        long before = acknowledged.get();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        return "kill -9 " + name + " (pid " + pid + ") after " + before + " acknowledged";
    }

    private String up(String command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        network.script(command);
        return "network.sh " + command + " took "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s (" + acknowledged.get()
                + " acknowledged so far)";
    }

    private void check() throws Exception {
        List<Attempt> all = new ArrayList<>(attempts);
        Map<String, Integer> outcomes = new TreeMap<>();
        all.forEach(attempt -> outcomes.merge(attempt.outcome(), 1, Integer::sum));
        List<Attempt> acked = all.stream()
                .filter(attempt -> attempt.outcome().equals("ACKNOWLEDGED"))
                .toList();
        long slowest = all.stream().mapToLong(Attempt::nanos).max().orElse(0);
        System.err.printf(
                "[FaultIT] %d registrations: %s; slowest outcome %.1f s (bound %d s)%n",
                all.size(), outcomes, slowest / 1e9, outcomeBound().toSeconds());

        assertThat(outcomes).as("indefinite outcomes").doesNotContainKey("UNKNOWN");
        assertThat(outcomes.keySet()).as("unexpected failures").allMatch(kind -> !kind.startsWith("ERROR"));
        assertThat(Duration.ofNanos(slowest)).isLessThanOrEqualTo(outcomeBound());
        Set<String> txIds = new HashSet<>();
        acked.forEach(attempt -> assertThat(txIds.add(attempt.transactionId()))
                .as("transaction id %s acknowledged once", attempt.transactionId())
                .isTrue());

        Map<String, Integer> readable = new TreeMap<>();
        for (String org : FabricNetwork.ORGS) {
            try (ProofTrail reader = ProofTrail.over(FabricGatewayTransport.connect(config(org, false)))) {
                readable.put(org, readAll(reader, acked, org));
                if (org.equals("hospital-b")) {
                    checkNotOnLedger(reader, all);
                }
            }
        }
        int duplicated;
        try (ProofTrail reader = ProofTrail.over(FabricGatewayTransport.connect(config("research", false)))) {
            duplicated = duplicates(reader, acked);
        }
        String converged = converged();
        System.err.printf(
                "[FaultIT] acknowledged %d; readable per peer %s; duplicated %d; %s%n",
                acked.size(), readable, duplicated, converged);
        readable.forEach((org, count) -> assertThat(count)
                .as("acknowledged registrations readable through " + org)
                .isEqualTo(acked.size()));
        assertThat(duplicated).isZero();
    }

    /** Reads every acknowledged registration through READER, in parallel; returns how many match. */
    private static int readAll(ProofTrail reader, List<Attempt> acked, String org) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> reads = new ArrayList<>();
            for (Attempt attempt : acked) {
                reads.add(pool.submit(() -> {
                    ArtifactRecord record = reader.get(attempt.id());
                    boolean same = record.digest().equals(attempt.digest())
                            && record.transactionId().equals(attempt.transactionId());
                    if (!same) {
                        System.err.println("[FaultIT] " + org + " has " + attempt.id() + " as " + record.json());
                    }
                    return same;
                }));
            }
            int matching = 0;
            for (Future<Boolean> read : reads) {
                matching += read.get() ? 1 : 0;
            }
            return matching;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The acknowledged registrations whose history holds more than one registration. */
    private static int duplicates(ProofTrail reader, List<Attempt> acked) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> histories = new ArrayList<>();
            for (Attempt attempt : acked) {
                histories.add(pool.submit(() -> reader.history(attempt.id()).stream()
                        .filter(entry -> entry.type() == HistoryEntry.Type.REGISTERED)
                        .count()));
            }
            int duplicated = 0;
            for (Future<Long> history : histories) {
                duplicated += history.get() > 1 ? 1 : 0;
            }
            return duplicated;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What was reported as not committed, commit failed or not submitted must not be registered. */
    private static void checkNotOnLedger(ProofTrail reader, List<Attempt> all) {
        Map<String, Integer> onLedger = new HashMap<>();
        for (Attempt attempt : all) {
            if (attempt.outcome().equals("ACKNOWLEDGED")) {
                continue;
            }
            try {
                reader.get(attempt.id());
                onLedger.merge(attempt.outcome(), 1, Integer::sum);
                System.err.println("[FaultIT] " + attempt.id() + " reported " + attempt.outcome() + " ("
                        + attempt.transactionId() + ") is registered");
            } catch (ContractRejectedException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            }
        }
        assertThat(onLedger)
                .as("registrations reported as not taking effect but on the ledger")
                .isEmpty();
    }

    /** Waits up to a minute for every peer to report the same height and current block hash. */
    private String converged() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            Map<String, String> heights = new TreeMap<>();
            Set<String> distinct = new HashSet<>();
            for (String org : FabricNetwork.ORGS) {
                FabricNetwork.Result info = network.peer(org, "channel", "getinfo", "-c", "prooftrail");
                Matcher height = HEIGHT.matcher(info.output());
                Matcher hash = HASH.matcher(info.output());
                String value = height.find() && hash.find() ? height.group(1) + "/" + hash.group(1) : info.output();
                heights.put(org, value);
                distinct.add(value);
            }
            if (distinct.size() == 1) {
                return "peers converged at height/hash " + distinct.iterator().next();
            }
            assertThat(System.nanoTime() - deadline)
                    .as("peers converge on height and block hash: %s", heights)
                    .isNegative();
            synchronized (progress) {
                progress.wait(500);
            }
        }
    }
}
