package org.prooftrail.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An {@link EventCheckpoint} kept in a small JSON file, {@code {"blockNumber":12,"transactionId":"…"}}, so that an
 * event listener resumes after a restart where it stopped.
 *
 * <p>Each checkpoint is durable before {@link #checkpoint(long, String)} returns, and atomic: the new position is
 * written to a temporary file in the same folder, forced to disk, renamed over the old file, and the folder is
 * forced too. A crash leaves either the old position or the new one, never a torn file. (fabric-gateway's own
 * {@code FileCheckpointer} rewrites its file in place, which a crash can leave half written.)
 */
public final class FileEventCheckpoint implements EventCheckpoint {
    private final Path file;
    private long blockNumber = -1;
    private String transactionId;

    private FileEventCheckpoint(Path file) {
        this.file = file;
    }

    /**
     * Opens the checkpoint kept in the file, or an empty one if the file does not exist yet (it is created at the
     * first checkpoint; its folder must exist).
     *
     * @throws ProofTrailClientException naming the file if it cannot be read or does not hold a checkpoint
     */
    public static FileEventCheckpoint open(Path file) {
        FileEventCheckpoint checkpoint =
                new FileEventCheckpoint(Objects.requireNonNull(file, "file").toAbsolutePath());
        checkpoint.load();
        return checkpoint;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized OptionalLong blockNumber() {
        return blockNumber < 0 ? OptionalLong.empty() : OptionalLong.of(blockNumber);
    }

    @Override
    public synchronized String transactionId() {
        return transactionId;
    }

    /**
     * @throws ProofTrailClientException naming the file if the position cannot be written durably; the previous
     *     position is then still in force
     */
    @Override
    public synchronized void checkpoint(long blockNumber, String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber must not be negative: " + blockNumber);
        }
        JsonObject json = new JsonObject();
        json.addProperty("blockNumber", blockNumber);
        json.addProperty("transactionId", transactionId);
        write(json.toString().getBytes(StandardCharsets.UTF_8));
        this.blockNumber = blockNumber;
        this.transactionId = transactionId;
    }

    private void load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new ProofTrailClientException(
                    "cannot read event checkpoint file " + file + ": " + e.getMessage(), null, e);
        }
        try {
            JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            JsonObject json = element.getAsJsonObject();
            long block = json.get("blockNumber").getAsLong();
            String txId = json.get("transactionId").getAsString();
            if (block < 0 || txId.isEmpty()) {
                throw new IllegalStateException("negative block or empty transaction id");
            }
            this.blockNumber = block;
            this.transactionId = txId;
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new ProofTrailClientException(
                    "event checkpoint file " + file + " does not hold a checkpoint: " + e.getMessage(), null, e);
        }
    }

    private void write(byte[] content) {
        Path folder = file.getParent();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
            forceFolder(folder);
        } catch (IOException e) {
            throw new ProofTrailClientException(
                    "cannot write event checkpoint file " + file + ": " + e.getMessage(), null, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The failure being reported matters more than a leftover temporary file.
                }
            }
        }
    }

    /** Makes the rename durable; some platforms cannot open a folder, and there the rename is as durable as it gets. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here (e.g. Windows); the file itself was forced before the rename.
        }
    }
}
