package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.LedgerEventListener;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

class LoadRoundTest {
    private static final Duration NO_LIMIT = Duration.ofMinutes(1);

    /** Answers the n-th submit (counting from 0) as {@code outcome} says: null commits, an exception fails. */
    private static final class ScriptedTransport implements LedgerTransport {
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final IntFunction<RuntimeException> outcome;
        private final long delayMillis;

        ScriptedTransport(IntFunction<RuntimeException> outcome, long delayMillis) {
            this.outcome = outcome;
            this.delayMillis = delayMillis;
        }

        @Override
        public SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            assertThat(transaction).isEqualTo(Transaction.ARTIFACT_REGISTER);
            Map<String, Object> registered = new TreeMap<>(Json.readObject(arguments.get(0), "the argument"));
            ids.add(String.valueOf(registered.get("id")));
            int call = calls.getAndIncrement();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RuntimeException failure = outcome.apply(call);
            if (failure != null) {
                throw failure;
            }
            // The artifact as the chaincode answers a registration.
            registered.put("owner", "LoadMSP");
            registered.put("registeredBy", "x509::CN=load");
            registered.put("registeredAt", "2026-01-01T00:00:00Z");
            registered.put("status", "ACTIVE");
            registered.put("txId", "tx" + call);
            return new SubmitResult("tx" + call, call, Json.write(registered).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public void close() {}
    }

    private static LoadRound.Result run(ScriptedTransport transport, int concurrency, int count, Duration limit)
            throws InterruptedException {
        return new LoadRound(concurrency, count, OptionalDouble.empty(), limit, "t-r1").run(ProofTrail.over(transport));
    }

    @Nested
    class FailureClassification {
        @Test
        void counts_each_failure_by_the_stage_that_failed_and_its_code() throws InterruptedException {
            ScriptedTransport transport = new ScriptedTransport(
                    call -> switch (call % 5) {
                        case 1 -> new ContractRejectedException(ErrorCode.ALREADY_EXISTS, "t-r1-1 exists", "tx", null);
                        case 2 -> new CommitFailedException("MVCC_READ_CONFLICT", true, "tx", null);
                        case 3 -> new CommitFailedException("ENDORSEMENT_POLICY_FAILURE", false, "tx", null);
                        case 4 -> new GatewayUnavailableException("peer down", "tx", null);
                        default -> null;
                    },
                    0);

            LoadRound.Result result = run(transport, 4, 50, NO_LIMIT);

            assertThat(result.submitted()).isEqualTo(50);
            assertThat(result.committed()).isEqualTo(10);
            assertThat(result.failed()).isEqualTo(40);
            assertThat(result.failures())
                    .containsExactly(
                            Map.entry("COMMIT_FAILED:ENDORSEMENT_POLICY_FAILURE", 10L),
                            Map.entry("COMMIT_FAILED:MVCC_READ_CONFLICT", 10L),
                            Map.entry("REJECTED:ALREADY_EXISTS", 10L),
                            Map.entry("UNAVAILABLE", 10L));
            assertThat(result.firstFailureMessages()).containsEntry("UNAVAILABLE", "peer down");
            assertThat(result.latencies().count()).isEqualTo(10);
        }

        @Test
        void other_client_failures_and_defects_are_counted_not_thrown() throws InterruptedException {
            ScriptedTransport transport = new ScriptedTransport(
                    call -> call % 2 == 0
                            ? new ProofTrailClientException("not JSON", null, null)
                            : new IllegalStateException("bug"),
                    0);

            LoadRound.Result result = run(transport, 2, 6, NO_LIMIT);

            assertThat(result.committed()).isZero();
            assertThat(result.failures())
                    .containsExactly(Map.entry("CLIENT_ERROR", 3L), Map.entry("ERROR:IllegalStateException", 3L));
            assertThat(result.latencies().percentile(50)).isEmpty();
            assertThat(result.committedTps()).isZero();
        }

        @Test
        void names_kinds_like_the_command_line_errors() {
            assertThat(FailureKind.of(new ContractRejectedException(ErrorCode.PERMISSION_DENIED, "no", null, null)))
                    .isEqualTo("REJECTED:PERMISSION_DENIED");
            assertThat(FailureKind.of(new CommitFailedException("PHANTOM_READ_CONFLICT", true, "tx", null)))
                    .isEqualTo("COMMIT_FAILED:PHANTOM_READ_CONFLICT");
            assertThat(FailureKind.of(new GatewayUnavailableException("timeout", null, null)))
                    .isEqualTo("UNAVAILABLE");
            assertThat(FailureKind.of(new TransactionNotCommittedException("not committed", "tx", 1, 6, null)))
                    .isEqualTo("NOT_COMMITTED");
        }
    }

    @Nested
    class Bounds {
        @Test
        void registers_exactly_the_count_each_with_a_fresh_id() throws InterruptedException {
            ScriptedTransport transport = new ScriptedTransport(call -> null, 0);

            LoadRound.Result result = run(transport, 8, 100, NO_LIMIT);

            assertThat(result.submitted()).isEqualTo(100);
            assertThat(result.committed()).isEqualTo(100);
            assertThat(result.failures()).isEmpty();
            assertThat(transport.ids).hasSize(100).contains("t-r1-0", "t-r1-99");
            assertThat(result.committedTps()).isPositive();
        }

        @Test
        void starts_no_transaction_after_the_time_limit() throws InterruptedException {
            ScriptedTransport transport = new ScriptedTransport(call -> null, 20);

            LoadRound.Result result = run(transport, 2, 10_000, Duration.ofMillis(300));

            assertThat(result.submitted()).isBetween(2L, 100L);
            assertThat(result.committed()).isEqualTo(result.submitted());
            assertThat(result.wallNanos()).isLessThan(Duration.ofSeconds(5).toNanos());
        }

        @Test
        void a_fixed_rate_spreads_the_transactions_over_count_divided_by_rate() throws InterruptedException {
            ScriptedTransport transport = new ScriptedTransport(call -> null, 0);

            LoadRound.Result result =
                    new LoadRound(4, 20, OptionalDouble.of(100), NO_LIMIT, "t-r1").run(ProofTrail.over(transport));

            assertThat(result.committed()).isEqualTo(20);
            // The 20th transaction is due 190 ms after the start.
            assertThat(result.wallNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
            assertThat(result.committedTps()).isLessThanOrEqualTo(106);
        }
    }
}
