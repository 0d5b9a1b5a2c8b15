package org.prooftrail.client.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.chaincode.simulation.WriteSet;

class TransactionLogTest {
    @TempDir
    Path folder;

    @Test
    void forces_what_was_written_on_its_own_thread_when_asked_with_no_one_waiting() throws IOException {
        try (TransactionLog log =
                TransactionLog.open(folder.resolve(LedgerIndex.LOG_FILE), LogScanner.START, record -> {})) {
            final byte[] writes =
                    WriteSet.builder().put("k", new byte[] {1}).build().toBytes();
            log.append("tx1", Instant.now(), "Org1MSP", new byte[32], writes, new byte[4]);
            assertThat(log.durableRecords()).isZero();

            log.forceSoon();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.durableRecords() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(log.durableRecords()).isEqualTo(1);
        }
    }
}
