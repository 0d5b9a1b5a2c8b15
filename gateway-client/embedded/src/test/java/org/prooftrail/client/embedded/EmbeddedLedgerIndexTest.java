package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.prooftrail.client.embedded.Artifacts.register;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.protocol.Transaction;

/**
 * The durable index beside the log: opened, not rebuilt; repaired from the log's tail after a crash; rebuilt (with a
 * warning) when it does not match the log; rebuilt on demand by {@code reindex}; checked by {@code verify}.
 */
class EmbeddedLedgerIndexTest {

    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();
    private final Logger storeLog = Logger.getLogger(LedgerStore.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    {
        storeLog.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        storeLog.removeHandler(capture);
    }

    private Path index() {
        return home.resolve("ledger").resolve(LedgerIndex.FILE);
    }

    private Path log() {
        return home.resolve("ledger").resolve("transactions.log");
    }

    private void registerAll(String... ids) {
        try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
            for (String id : ids) {
                register(ledger, id);
            }
        }
    }

    private static String list(EmbeddedLedger ledger) {
        return new String(
                ledger.evaluate(Transaction.ARTIFACT_LIST, List.of("{\"kind\":\"DATASET\",\"pageSize\":100}")), UTF_8);
    }

    private static String history(EmbeddedLedger ledger, String id) {
        return new String(ledger.evaluate(Transaction.ARTIFACT_HISTORY, List.of(id)), UTF_8);
    }

    @Nested
    class Opening {

        @Test
        void keeps_the_index_owner_only_beside_the_log_and_answers_from_it_after_reopening() throws IOException {
            registerAll("a", "b", "c");

            assertThat(index()).exists();
            if (Files.getFileStore(index()).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(index())))
                        .isEqualTo("rw-------");
            }
            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(reader.height()).isEqualTo(3);
                assertThat(list(reader))
                        .contains("\"id\":\"a\"")
                        .contains("\"id\":\"b\"")
                        .contains("\"id\":\"c\"");
                assertThat(history(reader, "b")).contains("\"type\":\"REGISTERED\"");
            }
            assertThat(warnings).isEmpty();
        }

        @Test
        void does_not_read_the_records_the_index_already_holds() throws IOException {
            registerAll("a", "b", "c");
            // Damage the first record: an open that replayed the whole log would refuse it; this one never reads it.
            final byte[] bytes = Files.readAllBytes(log());
            bytes[LogScanner.FILE_HEADER.length + 40] ^= 0x01;
            Files.write(log(), bytes);

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                assertThat(Artifacts.get(ledger, "c")).contains("\"id\":\"c\"");
                final LedgerVerification verification = ledger.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.firstBadRecord()).hasValue(1);
            }
        }
    }

    @Nested
    class Damaged {

        /** Flips one byte in every 512 of the index file past its two header blocks. */
        private void damageIndexPages() throws IOException {
            final byte[] bytes = Files.readAllBytes(index());
            for (int i = 2 * 4096 + 100; i < bytes.length; i += 512) {
                bytes[i] ^= 0x5A;
            }
            Files.write(index(), bytes);
        }

        private String[] sixtyIds() {
            final String[] ids = new String[60];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = "id-" + i;
            }
            return ids;
        }

        @Test
        void the_writer_rebuilds_an_index_whose_pages_do_not_read_when_it_verifies() throws IOException {
            final String[] ids = sixtyIds();
            registerAll(ids);
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                damageIndexPages();

                final LedgerVerification verification = writer.verify();

                assertThat(verification.intact()).as(verification.toString()).isTrue();
                assertThat(verification.records()).isEqualTo(ids.length);
                assertThat(warnings)
                        .anySatisfy(
                                w -> assertThat(w).contains("the index in use ").contains("cannot be read"));
                assertThat(list(writer)).contains("\"id\":\"id-59\"");
            }
        }

        @Test
        void a_reader_refuses_an_index_that_does_not_read_while_the_writer_runs_until_it_is_reindexed()
                throws IOException {
            registerAll(sixtyIds());
            try (EmbeddedLedger writer = EmbeddedLedger.open(home);
                    EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(reader.height()).isEqualTo(60);
                damageIndexPages();

                assertThatThrownBy(reader::verify)
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("cannot read the index of the embedded ledger");

                assertThat(writer.reindex()).isEqualTo(60);
                assertThat(reader.verify().intact()).isTrue();
                assertThat(list(reader)).contains("\"id\":\"id-59\"");
            }
        }
    }

    @Nested
    class WhileTheWriterIsOpen {

        /** The MVStore's own header (the file's first block) says whether the store was closed cleanly. */
        private boolean closedCleanly() throws IOException {
            final byte[] header = new byte[4096];
            try (var in = Files.newInputStream(index())) {
                in.readNBytes(header, 0, header.length);
            }
            return new String(header, UTF_8).contains(",clean:1,");
        }

        /** Waits, on the file system's change events for the ledger folder, until the header says so (20 s at most). */
        private void awaitClosedCleanly(boolean expected) throws IOException, InterruptedException {
            try (WatchService changes = home.getFileSystem().newWatchService()) {
                // Watching before the first look: no change between the look and the wait goes unnoticed.
                index().getParent().register(changes, StandardWatchEventKinds.ENTRY_MODIFY);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (closedCleanly() != expected) {
                    final WatchKey changed = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (changed == null) {
                        break;
                    }
                    changed.pollEvents();
                    changed.reset();
                }
            }
            assertThat(closedCleanly()).as("clean mark in the index header").isEqualTo(expected);
        }

        @Test
        void an_idle_writer_closes_its_index_cleanly_and_goes_on_writing_to_it() throws Exception {
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                register(writer, "a");
                awaitClosedCleanly(true);
                try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                    assertThat(history(reader, "a")).contains("\"type\":\"REGISTERED\"");
                }

                register(writer, "b");
                awaitClosedCleanly(false);
                awaitClosedCleanly(true);
                try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                    assertThat(list(reader)).contains("\"id\":\"a\"").contains("\"id\":\"b\"");
                }
                assertThat(writer.verify().intact()).isTrue();
            }
            assertThat(warnings).isEmpty();
        }
    }

    @Nested
    class Repair {

        @Test
        void brings_an_index_left_behind_by_a_crash_up_to_the_log_tail() throws IOException {
            registerAll("a", "b");
            final Path behind = home.resolve("index-at-2");
            Files.copy(index(), behind);
            registerAll("c", "d", "e");
            // As if the process died after appending c, d and e but before committing the index.
            Files.copy(behind, index(), StandardCopyOption.REPLACE_EXISTING);

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                assertThat(ledger.height()).isEqualTo(5);
                assertThat(list(ledger)).contains("\"id\":\"e\"");
                assertThat(ledger.verify().intact()).isTrue();
            }
            assertThat(warnings).isEmpty();
        }

        @Test
        void a_reader_repairs_an_index_left_behind_when_no_writer_runs() throws IOException {
            registerAll("a");
            final Path behind = home.resolve("index-at-1");
            Files.copy(index(), behind);
            registerAll("b", "c");
            Files.copy(behind, index(), StandardCopyOption.REPLACE_EXISTING);

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(reader.height()).isEqualTo(3);
                assertThat(Artifacts.get(reader, "c")).contains("\"id\":\"c\"");
                assertThat(reader.verify().intact()).isTrue();
            }
        }

        @Test
        void rebuilds_with_a_warning_an_index_that_is_ahead_of_the_log() throws IOException {
            registerAll("a", "b");
            final long twoRecords = Files.size(log());
            registerAll("c");
            // The log lost its last record (say a restored backup), the index still holds it.
            try (var channel = java.nio.channels.FileChannel.open(log(), java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(twoRecords);
            }

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                assertThat(ledger.height()).isEqualTo(2);
                assertThatThrownBy(() -> Artifacts.get(ledger, "c")).hasMessageContaining("NOT_FOUND");
                assertThat(ledger.verify().intact()).isTrue();
            }
            assertThat(warnings)
                    .singleElement()
                    .asString()
                    .contains("does not match the log")
                    .contains("rebuilding");
        }

        @Test
        void rebuilds_with_a_warning_an_index_of_another_log() throws IOException {
            registerAll("a", "b");
            final Path otherIndex = home.resolve("other-index");
            Files.copy(index(), otherIndex);
            Files.delete(index());
            Files.delete(log());
            registerAll("x", "y");
            Files.copy(otherIndex, index(), StandardCopyOption.REPLACE_EXISTING);

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                assertThat(list(ledger)).contains("\"id\":\"x\"").doesNotContain("\"id\":\"a\"");
                assertThat(ledger.verify().intact()).isTrue();
            }
            assertThat(warnings).singleElement().asString().contains("is not the one the index reflects");
        }

        @Test
        void rebuilds_with_a_warning_an_index_that_is_not_an_index() throws IOException {
            registerAll("a", "b");
            Files.write(index(), "not an index".getBytes(UTF_8));

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                assertThat(list(ledger)).contains("\"id\":\"a\"").contains("\"id\":\"b\"");
            }
            assertThat(warnings).singleElement().asString().contains("rebuilding it from the log");
        }

        @Test
        void a_reader_refuses_an_index_that_does_not_match_the_log_while_a_writer_holds_the_lock() throws IOException {
            registerAll("a", "b");
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                final long before = writer.height();
                // Someone replaces the index under the running writer with garbage; a new reader must not trust it.
                Files.write(index(), "not an index".getBytes(UTF_8));

                assertThat(before).isEqualTo(2);
                assertThatThrownBy(() -> EmbeddedLedger.openShared(home).close())
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("index");
            }
        }
    }

    @Nested
    class References {

        @Test
        void answers_a_history_from_the_records_its_entries_name_in_the_log_oldest_first() {
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                register(ledger, "a");
                register(ledger, "b");
                ledger.submit(Transaction.ARTIFACT_SET_STATUS, List.of("a", "DEPRECATED", "superseded"), Map.of());
            }

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                final String history = history(reader, "a");
                assertThat(history.indexOf("\"type\":\"REGISTERED\""))
                        .isNotNegative()
                        .isLessThan(history.indexOf("DEPRECATED"));
                assertThat(history).contains("superseded").doesNotContain("\"id\":\"b\"");
            }
        }

        @Test
        void refuses_a_history_entry_whose_record_no_longer_matches_its_hash_rather_than_answering_from_it()
                throws IOException {
            registerAll("a", "b");
            // Inside record 1, a's registration: the index still holds a's state, the log no longer its record.
            final byte[] bytes = Files.readAllBytes(log());
            bytes[LogScanner.FILE_HEADER.length + 40] ^= 0x01;
            Files.write(log(), bytes);

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(Artifacts.get(reader, "a")).contains("\"id\":\"a\"");
                // The contracts turn the store's refusal into their INTERNAL answer; the chaincode log names the
                // record.
                assertThatThrownBy(() -> history(reader, "a"))
                        .isInstanceOf(ContractRejectedException.class)
                        .hasMessageStartingWith("INTERNAL: ")
                        .hasMessageContaining("failed inside prooftrail");
                assertThat(history(reader, "b")).contains("\"type\":\"REGISTERED\"");
            }
        }

        /**
         * Replaces the index of a one-registration ledger with what {@code format} writes into a fresh MVStore, opens
         * the ledger (to read or to write) and checks that the index was rebuilt, with one warning.
         */
        private void assertRebuiltWithAWarning(String format, Consumer<MVStore> oldMaps, boolean write)
                throws IOException {
            registerAll("a");
            Files.delete(index());
            final MVStore old =
                    new MVStore.Builder().fileName(index().toString()).open();
            old.<String, byte[]>openMap("meta").put("format", format.getBytes(UTF_8));
            oldMaps.accept(old);
            old.close();

            try (EmbeddedLedger ledger = write ? EmbeddedLedger.open(home) : EmbeddedLedger.openShared(home)) {
                assertThat(history(ledger, "a")).contains("\"type\":\"REGISTERED\"");
                assertThat(ledger.verify().intact()).isTrue();
            }
            assertThat(warnings).singleElement().asString().contains("is not a prooftrail-index/4 file");
        }

        @Test
        void rebuilds_with_a_warning_an_index_of_the_first_format_which_held_copies() throws IOException {
            assertRebuiltWithAWarning("prooftrail-index/1", old -> {}, false);
        }

        @Test
        void rebuilds_with_a_warning_an_index_of_the_second_format_whose_maps_had_generic_types() throws IOException {
            assertRebuiltWithAWarning(
                    "prooftrail-index/2",
                    old -> {
                        old.<String, byte[]>openMap("state").put("artifact", new byte[] {0, 1, 2});
                        old.<Long, Long>openMap("records").put(1L, 19L);
                    },
                    true);
        }

        @Test
        void rebuilds_with_a_warning_an_index_of_the_third_format_whose_history_was_keyed_by_key() throws IOException {
            assertRebuiltWithAWarning(
                    "prooftrail-index/3",
                    old -> old.openMap(
                                    "history",
                                    new MVMap.Builder<String, byte[]>()
                                            .keyType(StringDataType.INSTANCE)
                                            .valueType(ByteArrayDataType.INSTANCE))
                            .put("0001a00000000001", new byte[0]),
                    true);
        }
    }

    @Nested
    class Reindex {

        @Test
        void rebuilds_the_same_index_from_the_log_and_answers_the_same() {
            registerAll("a", "b", "c");
            final String listed;
            final String history;
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                listed = list(ledger);
                history = history(ledger, "b");
                final byte[] before = LedgerStoreDigest.of(ledger);

                assertThat(ledger.reindex()).isEqualTo(3);

                assertThat(LedgerStoreDigest.of(ledger)).isEqualTo(before);
                assertThat(list(ledger)).isEqualTo(listed);
                assertThat(history(ledger, "b")).isEqualTo(history);
                assertThat(ledger.verify().intact()).isTrue();
                register(ledger, "d");
            }
            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(reader.height()).isEqualTo(4);
                assertThat(list(reader)).contains("\"id\":\"d\"");
            }
        }

        @Test
        void is_refused_while_another_process_writes() throws Exception {
            registerAll("a");
            final Process writer = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            StdinRegistrar.class.getName(),
                            home.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream(), UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready");
                try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                    assertThatThrownBy(reader::reindex)
                            .isInstanceOf(GatewayUnavailableException.class)
                            .hasMessageContaining("in use by another process");
                }
            } finally {
                writer.getOutputStream().close();
                writer.waitFor();
            }
        }

        @Test
        void verify_reports_an_index_that_differs_from_what_the_log_builds() throws IOException {
            registerAll("a", "b");
            try (LedgerIndex index = LedgerIndex.openWritable(index())) {
                final LedgerIndex.Position position = index.position();
                // A state write no record made, at the same position: the index is consistent with the log's tail.
                index.apply(
                        position.records(),
                        "forged",
                        position.lastHash(),
                        position.lastStart(),
                        position.end(),
                        org.prooftrail.chaincode.simulation.WriteSet.builder()
                                .put("forged-key", new byte[] {1})
                                .build(),
                        false);
            }

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                final LedgerVerification verification = reader.verify();
                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem()).hasValueSatisfying(problem -> assertThat(problem)
                        .contains("does not hold what the log's first 2 records build")
                        .contains("reindex"));
            }
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                ledger.reindex();
                assertThat(ledger.verify().intact()).isTrue();
            }
        }
    }

    /** A digest of what a ledger's contracts read, through its public answers. */
    private static final class LedgerStoreDigest {
        static byte[] of(EmbeddedLedger ledger) {
            final StringBuilder all = new StringBuilder(list(ledger));
            for (String id : List.of("a", "b", "c")) {
                all.append(history(ledger, id));
            }
            return org.prooftrail.client.embedded.LogRecord.sha256(
                    all.toString().getBytes(UTF_8));
        }

        private LedgerStoreDigest() {}
    }
}
