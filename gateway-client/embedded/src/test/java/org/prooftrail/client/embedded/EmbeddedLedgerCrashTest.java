package org.prooftrail.client.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerCrashTest {

    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 150;

    @TempDir
    Path home;

    /**
     * Each kill may fall between a record's append and the index's commit (the index lags the log by up to a second):
     * the next open repairs the index from the log's tail, verify finds it equal to a rebuild, reindex rebuilds it.
     */
    @Test
    void keeps_every_acknowledged_registration_when_the_process_is_killed() throws Exception {
        final List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            acknowledged.addAll(runAndKill("round" + round));
        }

        try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
            for (String id : acknowledged) {
                assertThat(Artifacts.get(ledger, id)).contains("\"id\":\"" + id + "\"");
            }
            assertThat(ledger.height()).isGreaterThanOrEqualTo(acknowledged.size());
            final LedgerVerification verification = ledger.verify();
            assertThat(verification.intact()).as(verification.toString()).isTrue();
            assertThat(verification.records()).isEqualTo(ledger.height());

            assertThat(ledger.reindex()).isEqualTo(ledger.height());
            final LedgerVerification reindexed = ledger.verify();
            assertThat(reindexed.intact()).as(reindexed.toString()).isTrue();
            assertThat(reindexed.lastHash()).isEqualTo(verification.lastHash());
        }
        try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
            for (String id : acknowledged) {
                assertThat(Artifacts.get(reader, id)).contains("\"id\":\"" + id + "\"");
            }
        }
    }

    private List<String> runAndKill(String prefix) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingRegistrar.class.getName(),
                        home.toString(),
                        prefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        final List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGEMENTS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith(prefix + "-")) {
                    acknowledged.add(line);
                }
            }
            // SIGKILL, mid-registration: the child is registering the next artifact as fast as it can.
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged)
                .as("acknowledgements before the kill")
                .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGEMENTS_BEFORE_KILL);
        return acknowledged;
    }
}
