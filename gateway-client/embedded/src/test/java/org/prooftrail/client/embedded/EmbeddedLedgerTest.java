package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prooftrail.client.embedded.Artifacts.dataset;
import static org.prooftrail.client.embedded.Artifacts.digest;
import static org.prooftrail.client.embedded.Artifacts.get;
import static org.prooftrail.client.embedded.Artifacts.register;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Role;
import org.prooftrail.protocol.Transaction;

class EmbeddedLedgerTest {

    @TempDir
    Path home;

    private EmbeddedLedger ledger;

    private EmbeddedLedger open() {
        ledger = EmbeddedLedger.open(home);
        return ledger;
    }

    private void reopen() {
        ledger.close();
        open();
    }

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private Path log() {
        return home.resolve("ledger").resolve("transactions.log");
    }

    @Nested
    class Registering {

        @Test
        void registers_and_reads_back_an_artifact_through_the_real_contracts() {
            open();

            final SubmitResult result = register(ledger, "chest-xray-v3");

            assertThat(result.transactionId()).matches("[0-9a-f]{64}");
            assertThat(result.blockNumber()).isEqualTo(1);
            assertThat(new String(result.payload(), UTF_8)).contains("\"id\":\"chest-xray-v3\"");
            assertThat(get(ledger, "chest-xray-v3"))
                    .contains("\"owner\":\"LocalOrgMSP\"")
                    .contains(digest("chest-xray-v3"))
                    .contains(result.transactionId());
            assertThat(ledger.height()).isEqualTo(1);
        }

        @Test
        void numbers_blocks_one_per_committed_transaction() {
            open();

            assertThat(register(ledger, "a").blockNumber()).isEqualTo(1);
            assertThat(register(ledger, "b").blockNumber()).isEqualTo(2);
            assertThat(register(ledger, "c").blockNumber()).isEqualTo(3);
        }

        @Test
        void commits_every_concurrent_submission_exactly_once() throws Exception {
            open();
            final ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                final List<Future<SubmitResult>> results = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 200; i++) {
                    final String id = "parallel-" + i;
                    results.add(pool.submit(() -> register(ledger, id)));
                }
                for (Future<SubmitResult> result : results) {
                    result.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(ledger.height()).isEqualTo(200);
            assertThat(get(ledger, "parallel-199")).contains("parallel-199");
            assertThat(ledger.verify().intact()).isTrue();
        }

        @Test
        void answers_queries_while_others_commit() throws Exception {
            open();
            register(ledger, "seed");
            final ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                final List<Future<?>> work = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 100; i++) {
                    final String id = "busy-" + i;
                    work.add(pool.submit(() -> register(ledger, id)));
                    work.add(pool.submit(() -> ledger.evaluate(
                            Transaction.ARTIFACT_LIST, List.of("{\"kind\":\"DATASET\",\"pageSize\":50}"))));
                    work.add(pool.submit(() -> get(ledger, "seed")));
                }
                for (Future<?> each : work) {
                    each.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(ledger.height()).isEqualTo(101);
        }

        @Test
        void submits_as_another_organisation_when_asked() {
            open();
            final EmbeddedLedger hospitalB = ledger.as("HospitalBMSP", Set.of(Role.CURATOR));

            register(hospitalB, "b-data");

            assertThat(hospitalB.mspId()).isEqualTo("HospitalBMSP");
            assertThat(get(ledger, "b-data")).contains("\"owner\":\"HospitalBMSP\"");
        }
    }

    @Nested
    class Rejections {

        @Test
        void carry_the_contracts_error_code_and_detail_and_write_nothing() {
            open();

            assertThatThrownBy(() -> get(ledger, "missing"))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).contains("missing");
                        assertThat(e.transactionId()).isPresent();
                    });
            assertThat(ledger.height()).isZero();
        }

        @Test
        void report_a_second_registration_with_another_digest_as_already_exists() {
            open();
            register(ledger, "x");
            final String other = "{\"id\":\"x\",\"kind\":\"DATASET\",\"digest\":\"" + digest("other") + "\"}";

            assertThatThrownBy(() -> ledger.submit(Transaction.ARTIFACT_REGISTER, List.of(other), Map.of()))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(ledger.height()).isEqualTo(1);
        }

        @Test
        void report_bad_input_as_invalid_argument() {
            open();

            assertThatThrownBy(() -> ledger.submit(Transaction.ARTIFACT_REGISTER, List.of("{not json"), Map.of()))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }

        @Test
        void report_another_organisations_status_change_as_permission_denied() {
            open();
            register(ledger, "local-data");
            final EmbeddedLedger hospitalB = ledger.as("HospitalBMSP", Set.of(Role.ADMIN));

            assertThatThrownBy(() -> hospitalB.submit(
                            Transaction.ARTIFACT_SET_STATUS, List.of("local-data", "REVOKED", "tainted"), Map.of()))
                    .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.PERMISSION_DENIED));
        }
    }

    @Nested
    class Persistence {

        @Test
        void keeps_state_and_history_across_close_and_reopen() {
            open();
            register(ledger, "kept");
            ledger.submit(Transaction.ARTIFACT_SET_STATUS, List.of("kept", "DEPRECATED", "superseded"), Map.of());

            reopen();

            assertThat(ledger.height()).isEqualTo(2);
            assertThat(get(ledger, "kept")).contains("DEPRECATED");
            assertThat(new String(ledger.evaluate(Transaction.ARTIFACT_HISTORY, List.of("kept")), UTF_8))
                    .contains("superseded");
            assertThat(register(ledger, "next").blockNumber()).isEqualTo(3);
        }

        @Test
        void keeps_the_local_identity_in_an_msp_folder() throws IOException {
            open();
            final Path msp = home.resolve("identity").resolve("LocalOrgMSP");
            final String certificate = Files.readString(msp.resolve("signcerts").resolve("cert.pem"));

            reopen();

            assertThat(Files.readString(msp.resolve("signcerts").resolve("cert.pem")))
                    .isEqualTo(certificate);
            assertThat(msp.resolve("keystore").resolve("key.pem")).exists();
            assertThat(msp.resolve("cacerts").resolve("ca.pem")).exists();
            assertThat(Files.getPosixFilePermissions(msp.resolve("keystore").resolve("key.pem")))
                    .hasSize(2);
        }

        @Test
        void refuses_a_second_open_of_the_same_folder() {
            open();

            assertThatThrownBy(() -> EmbeddedLedger.open(home))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("already open");
        }

        @Test
        void refuses_work_after_close() {
            open();
            ledger.close();

            assertThatThrownBy(() -> register(ledger, "late"))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Nested
    class Events {

        @Test
        void are_delivered_after_the_checkpoint_then_live() throws Exception {
            open();
            register(ledger, "first");
            register(ledger, "second");
            final MemoryCheckpoint checkpoint = new MemoryCheckpoint();
            checkpoint.checkpoint(1, "ignored");
            final Received received = new Received();

            final EventSubscription subscription = ledger.subscribe(checkpoint, received::add);
            try {
                register(ledger, "third");
                awaitSize(received, 2);
            } finally {
                subscription.close();
            }

            assertThat(received).extracting(LedgerEvent::blockNumber).containsExactly(2L, 3L);
            assertThat(received).extracting(LedgerEvent::name).containsOnly(EventNames.ARTIFACT_REGISTERED);
            assertThat(new String(received.get(1).payload(), UTF_8)).contains("third");
            assertThat(checkpoint.blockNumber()).hasValue(3);
        }

        @Test
        void resume_from_a_checkpoint_after_reopen_without_repeats() throws Exception {
            open();
            final MemoryCheckpoint checkpoint = new MemoryCheckpoint();
            final Received before = new Received();
            final EventSubscription subscription = ledger.subscribe(checkpoint, before::add);
            try {
                register(ledger, "one");
                awaitSize(before, 1);
            } finally {
                subscription.close();
            }
            register(ledger, "two");
            reopen();
            final Received after = new Received();

            final EventSubscription resumed = ledger.subscribe(checkpoint, after::add);
            try {
                awaitSize(after, 1);
            } finally {
                resumed.close();
            }

            assertThat(new String(after.get(0).payload(), UTF_8)).contains("two");
            assertThat(after).extracting(LedgerEvent::blockNumber).containsExactly(2L);
        }

        @Test
        void stop_without_advancing_when_the_listener_fails() throws Exception {
            open();
            register(ledger, "one");
            final MemoryCheckpoint checkpoint = new MemoryCheckpoint();

            final CountDownLatch delivered = new CountDownLatch(1);

            final EventSubscription subscription = ledger.subscribe(checkpoint, event -> {
                delivered.countDown();
                throw new IllegalStateException("listener broke");
            });
            try {
                assertThat(delivered.await(20, TimeUnit.SECONDS))
                        .as("the listener was given the event")
                        .isTrue();
            } finally {
                // Waits for the subscription's thread: had it advanced the checkpoint, it would have by now.
                subscription.close();
            }

            assertThat(checkpoint.blockNumber()).isEmpty();
        }
    }

    @Nested
    class Verification {

        @Test
        void finds_an_untouched_log_intact() {
            open();
            register(ledger, "a");
            register(ledger, "b");

            final LedgerVerification verification = ledger.verify();

            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification.records()).isEqualTo(2);
            assertThat(verification.lastHash()).matches("[0-9a-f]{64}").isNotEqualTo("0".repeat(64));
        }

        @Test
        void detects_a_flipped_byte_anywhere_in_the_log() throws IOException {
            open();
            for (int i = 0; i < 2; i++) {
                register(ledger, "flip-" + i);
            }
            ledger.close();
            final byte[] original = Files.readAllBytes(log());

            for (int offset = 0; offset < original.length; offset++) {
                final byte[] damaged = original.clone();
                damaged[offset] ^= 0x01;
                Files.write(log(), damaged);
                // Opening checks the last indexed record and what follows it; verify checks every byte.
                assertThat(detected())
                        .as("a flip at byte %d of %d", offset, original.length)
                        .isTrue();
            }
            Files.write(log(), original);
            open();
            assertThat(ledger.verify().intact()).isTrue();
        }

        private boolean detected() {
            try (EmbeddedLedger reopened = EmbeddedLedger.open(home)) {
                return !reopened.verify().intact();
            } catch (CorruptLedgerException e) {
                return true;
            }
        }

        @Test
        void names_the_first_bad_record_when_the_middle_changes_under_an_open_ledger() throws IOException {
            open();
            for (int i = 0; i < 5; i++) {
                register(ledger, "mid-" + i);
            }
            final long size = Files.size(log());
            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.seek(size / 2);
                final int value = file.read();
                file.seek(size / 2);
                file.write(value ^ 0x40);
            }

            final LedgerVerification verification = ledger.verify();

            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadRecord()).isPresent();
            assertThat(verification.firstBadRecord().getAsLong()).isBetween(2L, 4L);
            assertThat(verification.problem()).isPresent();
        }

        @Test
        void names_a_damaged_middle_record_in_verify_and_refuses_to_reindex_or_rebuild_from_it() throws IOException {
            open();
            for (int i = 0; i < 5; i++) {
                register(ledger, "mid-" + i);
            }
            ledger.close();
            final byte[] bytes = Files.readAllBytes(log());
            bytes[bytes.length / 2] ^= 0x40;
            Files.write(log(), bytes);

            open();
            final LedgerVerification verification = ledger.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadRecord()).isNotEqualTo(OptionalLong.empty());
            assertThatThrownBy(ledger::reindex)
                    .isInstanceOfSatisfying(
                            CorruptLedgerException.class,
                            e -> assertThat(e.verification().firstBadRecord()).isNotEqualTo(OptionalLong.empty()))
                    .hasMessageContaining("record");
            ledger.close();
            Files.delete(home.resolve("ledger").resolve(LedgerIndex.FILE));
            assertThatThrownBy(() -> EmbeddedLedger.open(home))
                    .isInstanceOf(CorruptLedgerException.class)
                    .hasMessageContaining("record");
            ledger = null;
        }
    }

    @Nested
    class TornWrites {

        private long[] threeRecordsThenClose() throws IOException {
            open();
            register(ledger, "t-0");
            register(ledger, "t-1");
            final long twoRecords = Files.size(log());
            register(ledger, "t-2");
            ledger.close();
            return new long[] {twoRecords, Files.size(log())};
        }

        @Test
        void are_cut_off_at_open_keeping_every_earlier_record() throws IOException {
            final long[] sizes = threeRecordsThenClose();
            final long middleOfThird = (sizes[0] + sizes[1]) / 2;
            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.setLength(middleOfThird);
            }

            open();

            assertThat(ledger.height()).isEqualTo(2);
            assertThat(get(ledger, "t-1")).contains("t-1");
            assertThat(Files.size(log())).isEqualTo(sizes[0]);
            assertThat(ledger.verify().intact()).isTrue();
            assertThat(register(ledger, "t-2").blockNumber()).isEqualTo(3);
        }

        @Test
        void include_a_zero_filled_tail_left_by_a_crash() throws IOException {
            final long[] sizes = threeRecordsThenClose();
            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.setLength(sizes[1] + 4096);
            }

            open();

            assertThat(ledger.height()).isEqualTo(3);
            assertThat(Files.size(log())).isEqualTo(sizes[1]);
        }

        @Test
        void include_a_partial_header() throws IOException {
            final long[] sizes = threeRecordsThenClose();
            Files.write(log(), new byte[] {0x50, 0x54, 0x58}, java.nio.file.StandardOpenOption.APPEND);

            open();

            assertThat(ledger.height()).isEqualTo(3);
            assertThat(Files.size(log())).isEqualTo(sizes[1]);
        }
    }

    @Nested
    class Configuration {

        @Test
        void defaults_home_to_prooftrail_home_or_the_users_folder() {
            assertThat(EmbeddedLedger.defaultHome(Map.of("PROOFTRAIL_HOME", "/data/pt"), "/home/u"))
                    .isEqualTo(Path.of("/data/pt"));
            assertThat(EmbeddedLedger.defaultHome(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.prooftrail"));
        }

        @Test
        void describes_itself_with_its_folder_and_organisation() {
            open();

            assertThat(ledger.describe()).contains(home.toString()).contains("LocalOrgMSP");
            assertThat(dataset("x")).contains("DATASET");
        }
    }

    static void awaitSize(Received list, int size) throws InterruptedException {
        list.awaitSize(size, Duration.ofSeconds(20));
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    /** The events a listener is given, in order; a test waits for their count without polling. */
    static final class Received extends CopyOnWriteArrayList<LedgerEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized boolean add(LedgerEvent event) {
            final boolean added = super.add(event);
            notifyAll();
            return added;
        }

        synchronized void awaitSize(int size, Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            for (long left = timeout.toMillis(); size() < size && left > 0; ) {
                wait(left);
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            }
        }
    }

    /** A checkpoint in memory. */
    static final class MemoryCheckpoint implements EventCheckpoint {
        private volatile long block = -1;
        private volatile String txId;

        @Override
        public OptionalLong blockNumber() {
            return block < 0 ? OptionalLong.empty() : OptionalLong.of(block);
        }

        @Override
        public String transactionId() {
            return txId;
        }

        @Override
        public void checkpoint(long blockNumber, String transactionId) {
            this.block = blockNumber;
            this.txId = transactionId;
        }
    }
}
