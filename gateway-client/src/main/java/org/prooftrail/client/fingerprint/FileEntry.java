package org.prooftrail.client.fingerprint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;

/**
 * One file of a directory fingerprint: its relative path ({@code /} separators), size and SHA-256, and for a file
 * larger than one chunk the Merkle root over its chunks. Its Merkle leaf is the RFC 9162 leaf hash of
 * {@code u32be(len(path)) ‖ path ‖ u64be(size) ‖ digest}, the path in UTF-8 and the digest as its 32 raw bytes.
 */
public final class FileEntry {
    private final String path;
    private final long size;
    private final Digest digest;
    private final Digest chunkRoot;
    private final long chunks;

    private FileEntry(String path, long size, Digest digest, Digest chunkRoot, long chunks) {
        this.path = path;
        this.size = size;
        this.digest = digest;
        this.chunkRoot = chunkRoot;
        this.chunks = chunks;
    }

    /**
     * A file's entry. {@code chunkRoot} is required exactly when {@code size} exceeds {@link Manifest#CHUNK_SIZE}.
     */
    public static FileEntry of(String path, long size, Digest digest, Digest chunkRoot) {
        RelativePaths.check(path);
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " is negative: " + size);
        }
        long chunks = Chunks.count(size);
        if ((chunks > 0) != (chunkRoot != null)) {
            throw new IllegalArgumentException(
                    chunks > 0
                            ? path + " has " + size + " bytes, more than one chunk, so it needs a chunk root"
                            : path + " has " + size + " bytes, at most one chunk, so it has no chunk root");
        }
        return new FileEntry(path, size, digest, chunkRoot, chunks);
    }

    /** An entry as a proof carries it: no chunk root, whatever the size. */
    static FileEntry unchecked(String path, long size, Digest digest) {
        RelativePaths.check(path);
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " is negative: " + size);
        }
        return new FileEntry(path, size, Objects.requireNonNull(digest, "digest"), null, 0);
    }

    /** The path relative to the fingerprinted directory, {@code /}-separated; a file's name for a single file. */
    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** The SHA-256 of the file's content. */
    public Digest digest() {
        return digest;
    }

    /** The Merkle root over the file's chunks, for a file larger than one chunk. */
    public Optional<Digest> chunkRoot() {
        return Optional.ofNullable(chunkRoot);
    }

    /** The number of chunks in the chunk tree; 0 for a file of at most one chunk. */
    public long chunks() {
        return chunks;
    }

    /** This file's leaf in its directory's Merkle tree. */
    public Digest leafHash() {
        return Merkle.leafHash(leafInput(path, size, digest));
    }

    /** {@code u32be(len(path)) ‖ path ‖ u64be(size) ‖ digest}: length-prefixed, so no two files encode alike. */
    static byte[] leafInput(String path, long size, Digest digest) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + name.length + Long.BYTES + Digest.LENGTH)
                .putInt(name.length)
                .put(name)
                .putLong(size)
                .put(digest.bytes())
                .array();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileEntry that
                && path.equals(that.path)
                && size == that.size
                && digest.equals(that.digest)
                && Objects.equals(chunkRoot, that.chunkRoot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, digest, chunkRoot);
    }

    @Override
    public String toString() {
        return path + " (" + size + " bytes, " + digest + (chunkRoot == null ? "" : ", chunks " + chunkRoot) + ")";
    }
}
