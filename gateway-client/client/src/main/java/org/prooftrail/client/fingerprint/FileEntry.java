package org.prooftrail.client.fingerprint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;

/**
 * One file of a directory fingerprint: its relative path ({@code /} separators), size and content digest. The content
 * digest is the plain SHA-256 of a file of at most one chunk, and the Merkle root over the chunks of a larger file
 * (which is never hashed sequentially as a whole). Its Merkle leaf is the RFC 9162 leaf hash of
 * {@code kind ‖ u32be(len(path)) ‖ path ‖ u64be(size) ‖ contentDigest}: the kind byte is {@value #KIND_SHA256} for a
 * plain SHA-256 and {@value #KIND_CHUNK_ROOT} for a chunk root, the path in UTF-8, the digest as its 32 raw bytes.
 */
public final class FileEntry {
    /** Leaf kind byte: the content digest is the plain SHA-256 of the content. */
    static final byte KIND_SHA256 = 0x00;
    /** Leaf kind byte: the content digest is the chunk root of a file larger than one chunk. */
    static final byte KIND_CHUNK_ROOT = 0x01;

    private final String path;
    private final long size;
    private final Digest digest;
    private final long chunks;
    /** Computed once, by the hashing thread when the fingerprinter makes the entry (see {@link #leafHash()}). */
    private final Digest leafHash;

    private FileEntry(String path, long size, Digest digest, MessageDigest sha) {
        this.path = path;
        this.size = size;
        this.digest = digest;
        this.chunks = Chunks.count(size);
        sha.update((byte) 0x00); // the RFC 9162 leaf prefix, as Merkle.leafHash
        sha.update(leafInput(path, size, digest));
        this.leafHash = Digest.of(sha.digest());
    }

    /**
     * A file's entry. {@code contentDigest} is the SHA-256 of the content when {@code size} is at most
     * {@link Manifest#CHUNK_SIZE}, and the chunk root otherwise; the size alone says which.
     */
    public static FileEntry of(String path, long size, Digest contentDigest) {
        return of(path, size, contentDigest, Digest.newSha256());
    }

    /** As {@link #of(String, long, Digest)}, hashing the leaf with {@code sha} (a reused one; reset on return). */
    static FileEntry of(String path, long size, Digest contentDigest, MessageDigest sha) {
        RelativePaths.check(path);
        Objects.requireNonNull(contentDigest, "contentDigest");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " is negative: " + size);
        }
        return new FileEntry(path, size, contentDigest, sha);
    }

    /** The path relative to the fingerprinted directory, {@code /}-separated; a file's name for a single file. */
    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    /**
     * The content digest: the SHA-256 of the content for a file of at most one chunk, else its chunk root (see
     * {@link #chunked()}).
     */
    public Digest digest() {
        return digest;
    }

    /** Whether the file is larger than one chunk, so that {@link #digest()} is its chunk root. */
    public boolean chunked() {
        return chunks > 0;
    }

    /** The plain SHA-256 of the content, for a file of at most one chunk. */
    public Optional<Digest> sha256() {
        return chunked() ? Optional.empty() : Optional.of(digest);
    }

    /** The Merkle root over the file's chunks, for a file larger than one chunk. */
    public Optional<Digest> chunkRoot() {
        return chunked() ? Optional.of(digest) : Optional.empty();
    }

    /** The number of chunks in the chunk tree; 0 for a file of at most one chunk. */
    public long chunks() {
        return chunks;
    }

    /** This file's leaf in its directory's Merkle tree: {@code LH(leafInput)}, computed when the entry was made. */
    public Digest leafHash() {
        return leafHash;
    }

    /**
     * {@code kind ‖ u32be(len(path)) ‖ path ‖ u64be(size) ‖ contentDigest}: length-prefixed, so no two files encode
     * alike, and labelled, so a chunk root is never taken for a SHA-256.
     */
    static byte[] leafInput(String path, long size, Digest contentDigest) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + name.length + Long.BYTES + Digest.LENGTH)
                .put(Chunks.count(size) > 0 ? KIND_CHUNK_ROOT : KIND_SHA256)
                .putInt(name.length)
                .put(name)
                .putLong(size)
                .put(contentDigest.bytes())
                .array();
    }

    /** The JSON object of this entry: {@code path}, {@code size} and {@code digest}, or {@code chunkRoot} and
     * {@code chunks} instead of {@code digest} for a chunked file. */
    Map<String, Object> toJson() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("size", size);
        if (chunked()) {
            entry.put("chunkRoot", digest.toString());
            entry.put("chunks", chunks);
        } else {
            entry.put("digest", digest.toString());
        }
        return entry;
    }

    /** Appends {@link #toJson()} in canonical form: its keys in sorted order, no whitespace. */
    void writeJson(StringBuilder out) {
        if (chunked()) {
            out.append("{\"chunkRoot\":\"")
                    .append(digest)
                    .append("\",\"chunks\":")
                    .append(chunks);
        } else {
            out.append("{\"digest\":\"").append(digest).append('"');
        }
        out.append(",\"path\":");
        CanonicalJson.writeString(path, out);
        out.append(",\"size\":").append(size).append('}');
    }

    /** Reads {@link #toJson()}'s form; the digest key must be the one the size calls for. */
    static FileEntry fromJson(Map<?, ?> file, MessageDigest sha) {
        String path = Fields.string(file, "path");
        long size = Fields.integer(file, "size");
        boolean chunked = Chunks.count(size) > 0;
        String key = chunked ? "chunkRoot" : "digest";
        String other = chunked ? "digest" : "chunkRoot";
        if (file.containsKey(other)) {
            throw new IllegalArgumentException(
                    path + " has " + size + " bytes, so it is described by its " + key + ", not by a " + other);
        }
        FileEntry entry = of(path, size, Fields.digest(file, key), sha);
        if (file.containsKey("chunks") && (!chunked || Fields.integer(file, "chunks") != entry.chunks)) {
            throw new IllegalArgumentException(
                    "manifest says " + path + " has " + file.get("chunks") + " chunks, its size makes " + entry.chunks);
        }
        return entry;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileEntry that
                && path.equals(that.path)
                && size == that.size
                && digest.equals(that.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, digest);
    }

    @Override
    public String toString() {
        return path + " (" + size + " bytes, " + (chunked() ? "chunk root " : "") + digest + ")";
    }
}
