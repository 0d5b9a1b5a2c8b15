package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.chaincode.simulation.HistoryRecord;
import org.prooftrail.chaincode.simulation.MemoryWorldState;
import org.prooftrail.chaincode.simulation.WriteSet;

/**
 * The index against the simulator's world state in memory (what the contracts read in every chaincode test): the same
 * records, applied to both, answer the same state, policies, ranges and histories, through puts, deletes, keys
 * written again after a delete, deletes of keys that never existed, and policies set on their own.
 */
class LedgerIndexTest {
    private static final String[] KEYS = {
        "\u0000artifact\u0000a\u0000", "\u0000artifact\u0000b\u0000", "\u0000grant\u0000a\u0000x\u0000", "plain",
        "plain-2", "z\uD83D\uDE00", "\uE000private-use", ""
    };

    @TempDir
    Path folder;

    private PrivateDataKeys keys;
    private TransactionLog log;
    private LedgerIndex index;
    /** An index that gets each record once, where {@link #index} gets it twice. */
    private LedgerIndex twin;

    private final MemoryWorldState expected = new MemoryWorldState();
    private final Random random = new Random(13);

    @BeforeEach
    void open() throws IOException {
        keys = new PrivateDataKeys(folder.resolve("keys"));
        keys.prepare();
        log = TransactionLog.open(folder.resolve(LedgerIndex.LOG_FILE), LogScanner.START, record -> {});
        index = LedgerIndex.openWritable(folder.resolve(LedgerIndex.FILE));
    }

    /**
     * Appends a record holding {@code writeSet} and applies it to the index and to memory; with {@code replay}, to the
     * index twice and to its {@link #twin} once.
     */
    private void commit(WriteSet writeSet, boolean replay) throws IOException {
        final long number = log.nextNumber();
        final String txId = "tx" + number;
        final Instant timestamp = Instant.ofEpochSecond(1_700_000_000L + number);
        final PrivateData.Sealed sealed = PrivateData.seal(writeSet, number, keys);
        final TransactionLog.Appended appended =
                log.append(txId, timestamp, "Org1MSP", new byte[32], sealed.publicWriteSet, sealed.privateSection);
        index.apply(appended.number, txId, appended.hash, appended.start, appended.end, writeSet, false);
        if (replay) {
            index.apply(appended.number, txId, appended.hash, appended.start, appended.end, writeSet, false);
            twin.apply(appended.number, txId, appended.hash, appended.start, appended.end, writeSet, false);
        }
        expected.commit(writeSet, txId, timestamp);
    }

    private WriteSet randomWrites() {
        final WriteSet.Builder writes = WriteSet.builder();
        final int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            final String key = KEYS[random.nextInt(KEYS.length)];
            switch (random.nextInt(5)) {
                case 0 -> writes.delete(key);
                case 1 -> writes.validationParameter(key, random.nextBoolean() ? new byte[0] : bytes("policy" + i));
                default -> writes.put(key, bytes("value " + random.nextInt(1000)));
            }
        }
        return writes.build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private void assertSameAsMemory() {
        for (String key : KEYS) {
            assertThat(index.get(key)).as("value of %s", key).isEqualTo(expected.get(key));
            assertThat(index.validationParameter(key))
                    .as("policy of %s", key)
                    .isEqualTo(expected.validationParameter(key));
            assertThat(describe(index.history(key)))
                    .as("history of %s", key)
                    .isEqualTo(describe(expected.history(key)));
        }
        assertThat(entries(index.range("", ""))).isEqualTo(entries(expected.range("", "")));
    }

    private static List<String> describe(List<HistoryRecord> history) {
        final List<String> described = new ArrayList<>();
        for (HistoryRecord record : history) {
            described.add(record.getTxId() + " " + record.getTimestamp() + " "
                    + (record.isDeleted() ? "deleted" : new String(record.getValue(), UTF_8)));
        }
        return described;
    }

    private static List<String> entries(Iterator<Map.Entry<String, byte[]>> range) {
        final List<String> entries = new ArrayList<>();
        range.forEachRemaining(entry -> entries.add(entry.getKey() + "=" + new String(entry.getValue(), UTF_8)));
        return entries;
    }

    @Test
    void answers_what_the_world_state_in_memory_answers_after_every_record() throws IOException {
        for (int i = 0; i < 200; i++) {
            commit(randomWrites(), false);
            assertSameAsMemory();
        }
        assertThat(index.history(KEYS[0])).isNotEmpty();
    }

    @Test
    void a_key_deleted_and_written_again_keeps_its_whole_history_newest_first_across_a_reopen() throws IOException {
        commit(WriteSet.builder().delete("k").build(), false);
        commit(WriteSet.builder().put("k", bytes("one")).build(), false);
        commit(WriteSet.builder().delete("k").build(), false);
        commit(WriteSet.builder().validationParameter("k", bytes("p")).build(), false);
        commit(WriteSet.builder().put("k", bytes("two")).put("l", bytes("x")).build(), false);
        log.awaitDurable(log.written());
        index.close();
        index = LedgerIndex.openWritable(folder.resolve(LedgerIndex.FILE));

        assertThat(describe(index.history("k")))
                .extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                .containsExactly("two", "deleted", "one", "deleted");
        assertSameAsMemory();
    }

    @Test
    void applying_records_again_changes_nothing() throws IOException {
        try (LedgerIndex once = LedgerIndex.openWritable(folder.resolve("once.mv.db"))) {
            twin = once;
            for (int i = 0; i < 100; i++) {
                commit(randomWrites(), true);
            }
            assertSameAsMemory();
            assertThat(index.digest()).isEqualTo(once.digest());
        }
    }

    @Test
    void a_state_write_tried_again_after_another_thread_changed_the_map_stores_the_entry_once() {
        // MVMap.operate hands the value its last selectValue returned to its next attempt (a bulk index's background
        // thread commits and compacts beside the thread that applies records).
        final LedgerIndex.StateUpdate update = new LedgerIndex.StateUpdate(7, bytes("value"));
        final byte[] first = update.selectValue(null, bytes("value"));
        final byte[] again = update.selectValue(null, first);

        assertThat(again).isEqualTo(first);
    }
}
