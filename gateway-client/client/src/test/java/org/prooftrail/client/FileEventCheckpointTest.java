package org.prooftrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventCheckpointTest {
    @TempDir
    Path folder;

    @Nested
    class Opening {
        @Test
        void a_missing_file_is_an_empty_checkpoint() {
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(folder.resolve("events.json"));

            assertThat(checkpoint.blockNumber()).isEmpty();
            assertThat(checkpoint.transactionId()).isNull();
            assertThat(folder.resolve("events.json")).doesNotExist();
        }

        @Test
        void a_corrupt_file_is_reported_naming_the_file() throws IOException {
            Path file = Files.writeString(folder.resolve("events.json"), "{\"blockNumber\":");

            assertThatThrownBy(() -> FileEventCheckpoint.open(file))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("does not hold a checkpoint");
        }

        @Test
        void a_file_without_a_transaction_id_is_reported() throws IOException {
            Path file = Files.writeString(folder.resolve("events.json"), "{\"blockNumber\":3}");

            assertThatThrownBy(() -> FileEventCheckpoint.open(file))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Nested
    class Checkpointing {
        @Test
        void survives_a_reopen() {
            Path file = folder.resolve("events.json");
            FileEventCheckpoint.open(file).checkpoint(41, "tx-a");

            FileEventCheckpoint reopened = FileEventCheckpoint.open(file);

            assertThat(reopened.blockNumber()).hasValue(41);
            assertThat(reopened.transactionId()).isEqualTo("tx-a");
        }

        @Test
        void keeps_only_the_latest_position() {
            Path file = folder.resolve("events.json");
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(file);
            checkpoint.checkpoint(1, "tx-a");
            checkpoint.checkpoint(2, "tx-b");

            assertThat(FileEventCheckpoint.open(file).blockNumber()).hasValue(2);
            assertThat(FileEventCheckpoint.open(file).transactionId()).isEqualTo("tx-b");
        }

        @Test
        void replaces_the_file_whole_and_leaves_no_temporary_file() throws IOException {
            Path file = folder.resolve("events.json");
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(file);
            checkpoint.checkpoint(1_000_000, "a-long-transaction-id-that-makes-the-file-longer");
            checkpoint.checkpoint(2, "b");

            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .isEqualTo("{\"blockNumber\":2,\"transactionId\":\"b\"}");
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).containsExactly(file);
            }
        }

        @Test
        void a_failed_write_keeps_the_previous_position_in_memory_and_on_disk() throws IOException {
            Path sub = Files.createDirectory(folder.resolve("sub"));
            Path file = sub.resolve("events.json");
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(file);
            checkpoint.checkpoint(5, "tx-a");
            Files.delete(file);
            Files.delete(sub);

            assertThatThrownBy(() -> checkpoint.checkpoint(6, "tx-b"))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining(file.toString());
            assertThat(checkpoint.blockNumber()).hasValue(5);
            assertThat(checkpoint.transactionId()).isEqualTo("tx-a");
        }

        @Test
        void rejects_a_null_transaction_id_by_name() {
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(folder.resolve("events.json"));

            assertThatThrownBy(() -> checkpoint.checkpoint(1, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("transactionId");
        }
    }
}
