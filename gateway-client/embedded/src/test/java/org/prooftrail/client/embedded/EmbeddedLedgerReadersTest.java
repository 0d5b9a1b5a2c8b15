package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prooftrail.client.embedded.Artifacts.get;
import static org.prooftrail.client.embedded.Artifacts.register;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.protocol.EventNames;

/** Readers follow the log without the writer lock; one writer at a time. */
class EmbeddedLedgerReadersTest {

    @TempDir
    Path home;

    private final List<AutoCloseable> open = new ArrayList<>();

    private <T extends AutoCloseable> T closing(T resource) {
        open.add(resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Path log() {
        return home.resolve("ledger").resolve("transactions.log");
    }

    /** Subscribes from the start and counts down once per event. */
    private static final class Events {
        final List<LedgerEvent> received = new CopyOnWriteArrayList<>();
        final CountDownLatch latch;

        Events(EmbeddedLedger ledger, int expected, List<AutoCloseable> open) {
            latch = new CountDownLatch(expected);
            final EventSubscription subscription =
                    ledger.subscribe(new EmbeddedLedgerTest.MemoryCheckpoint(), event -> {
                        received.add(event);
                        latch.countDown();
                    });
            open.add(subscription);
        }

        void await() throws InterruptedException {
            assertThat(latch.await(30, TimeUnit.SECONDS))
                    .as("events received: %s", received)
                    .isTrue();
        }
    }

    @Nested
    class InOneProcess {

        @Test
        void a_reader_opened_beside_the_writer_reads_what_it_commits() {
            final EmbeddedLedger writer = closing(EmbeddedLedger.open(home));
            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));

            register(writer, "a");

            assertThat(get(reader, "a")).contains("\"id\":\"a\"");
            assertThat(reader.height()).isEqualTo(1);
        }

        @Test
        void a_readers_subscription_receives_the_events_the_writer_commits_later() throws InterruptedException {
            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));
            final Events events = new Events(reader, 2, open);
            final EmbeddedLedger writer = closing(EmbeddedLedger.open(home));

            register(writer, "a");
            register(writer, "b");

            events.await();
            assertThat(events.received).extracting(LedgerEvent::blockNumber).containsExactly(1L, 2L);
            assertThat(events.received).allMatch(event -> event.name().equals(EventNames.ARTIFACT_REGISTERED));
        }

        @Test
        void two_writers_exclude_each_other_and_a_reader_writes_once_the_writer_has_gone() {
            final EmbeddedLedger writer = EmbeddedLedger.open(home);
            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));
            register(writer, "a");

            assertThatThrownBy(() -> EmbeddedLedger.open(home))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("already open for writing");
            assertThatThrownBy(() -> register(reader, "b"))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("already open for writing");
            assertThat(get(reader, "a")).contains("\"id\":\"a\"");

            writer.close();

            assertThat(register(reader, "b").blockNumber()).isEqualTo(2);
            assertThat(reader.verify().intact()).isTrue();
        }

        @Test
        void a_reader_of_a_new_home_finds_an_empty_intact_ledger_and_creates_no_log() {
            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));

            final LedgerVerification verification = reader.verify();

            assertThat(verification.intact()).isTrue();
            assertThat(verification.records()).isZero();
            assertThat(reader.height()).isZero();
            assertThat(log()).doesNotExist();
        }

        @Test
        void a_reader_verifies_the_log_and_names_a_damaged_record() throws IOException {
            final EmbeddedLedger writer = closing(EmbeddedLedger.open(home));
            for (int i = 0; i < 5; i++) {
                register(writer, "v-" + i);
            }
            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));
            assertThat(reader.verify().intact()).isTrue();
            assertThat(reader.verify().records()).isEqualTo(5);

            final long size = Files.size(log());
            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.seek(size / 2);
                final int value = file.read();
                file.seek(size / 2);
                file.write(value ^ 0x40);
            }

            final LedgerVerification verification = reader.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadRecord()).isPresent();
        }
    }

    @Nested
    class TornRecords {

        private byte[] threeRecords() throws IOException {
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                register(writer, "t-0");
                register(writer, "t-1");
                register(writer, "t-2");
            }
            return Files.readAllBytes(log());
        }

        @Test
        void a_reader_stops_before_a_record_being_written_and_reads_it_once_complete() throws Exception {
            final byte[] whole = threeRecords();
            // The third record, half written.
            final int half = whole.length - (whole.length - recordStart(whole, 3)) / 2;
            Files.write(log(), java.util.Arrays.copyOf(whole, half));

            final EmbeddedLedger reader = closing(EmbeddedLedger.openShared(home));
            final Events events = new Events(reader, 3, open);
            assertThat(reader.height()).isEqualTo(2);
            assertThat(Files.size(log())).as("a reader never cuts the log").isEqualTo(half);

            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.seek(half);
                file.write(whole, half, whole.length - half);
            }

            events.await();
            assertThat(reader.height()).isEqualTo(3);
            assertThat(get(reader, "t-2")).contains("\"id\":\"t-2\"");
        }

        @Test
        void a_reader_leaves_a_zero_filled_tail_for_the_writer_to_cut() throws IOException {
            final byte[] whole = threeRecords();
            try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
                file.setLength(whole.length + 4096);
            }

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(reader.height()).isEqualTo(3);
                assertThat(reader.verify().intact()).isTrue();
            }
            assertThat(Files.size(log())).isEqualTo(whole.length + 4096);

            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                assertThat(writer.height()).isEqualTo(3);
            }
            assertThat(Files.size(log())).isEqualTo(whole.length);
        }

        /** Where record {@code number} starts, walking the record headers. */
        private int recordStart(byte[] log, int number) {
            int at = LogScanner.FILE_HEADER.length;
            for (int i = 1; i < number; i++) {
                final int body = java.nio.ByteBuffer.wrap(log, at + 4, 4).getInt();
                at += LogRecord.HEADER_BYTES + body + LogRecord.HASH_BYTES;
            }
            return at;
        }
    }

    @Nested
    class AcrossProcesses {

        @Test
        void a_reader_follows_a_writer_in_another_process_which_keeps_other_writers_out() throws Exception {
            final Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            StdinRegistrar.class.getName(),
                            home.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            final EmbeddedLedger reader;
            try (Writer toChild = new java.io.OutputStreamWriter(child.getOutputStream(), UTF_8);
                    BufferedReader fromChild =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                assertThat(fromChild.readLine()).isEqualTo("ready");
                reader = closing(EmbeddedLedger.openShared(home));
                final Events events = new Events(reader, 1, open);

                toChild.write("from-child\n");
                toChild.flush();
                assertThat(fromChild.readLine()).isEqualTo("from-child");

                events.await();
                assertThat(events.received.get(0).blockNumber()).isEqualTo(1);
                assertThat(get(reader, "from-child")).contains("\"id\":\"from-child\"");
                assertThatThrownBy(() -> register(reader, "from-reader"))
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("in use by another process");
                assertThatThrownBy(() -> EmbeddedLedger.open(home))
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("in use by another process");
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();

            assertThat(register(reader, "from-reader").blockNumber()).isEqualTo(2);
        }
    }
}
