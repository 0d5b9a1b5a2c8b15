package org.prooftrail.client.fingerprint;

import java.util.Objects;
import java.util.Optional;
import org.prooftrail.protocol.Digest;

/**
 * What a file or a directory is registered by. {@link #digest()} is the artifact's {@code digest}: the plain SHA-256
 * of a file of at most one chunk (what {@code sha256sum} prints); for a file larger than one
 * {@value Manifest#CHUNK_SIZE}-byte chunk, the SHA-256 of its canonical single-file manifest (which states its size
 * and chunk root), so that no sequential pass over the whole file is needed; for a directory, the SHA-256 of its
 * canonical {@link Manifest}. {@link #root()} and {@link #leaves()} are the artifact's {@code merkle}: the root over a
 * directory's files, or over a large file's chunks; a file of at most one chunk has no tree.
 */
public final class Fingerprint {
    /** Whether a fingerprint is of one file or of a directory. */
    public enum Kind {
        FILE,
        DIRECTORY
    }

    private final Kind kind;
    private final Digest digest;
    private final long size;
    private final Digest root;
    private final long leaves;
    private final Manifest manifest;
    private final Digest sha256;

    private Fingerprint(
            Kind kind, Digest digest, long size, Digest root, long leaves, Manifest manifest, Digest sha256) {
        this.kind = kind;
        this.sha256 = sha256;
        this.digest = digest;
        this.size = size;
        this.root = root;
        this.leaves = leaves;
        this.manifest = manifest;
    }

    /** {@code sha256} is the plain SHA-256 of a chunked file when it was asked for, else null. */
    static Fingerprint ofFile(FileEntry file, Digest sha256) {
        if (!file.chunked()) {
            return new Fingerprint(Kind.FILE, file.digest(), file.size(), null, 0, null, file.digest());
        }
        Digest digest = Digest.sha256(Manifest.chunkedFileBytes(file.size(), file.digest()));
        return new Fingerprint(Kind.FILE, digest, file.size(), file.digest(), file.chunks(), null, sha256);
    }

    static Fingerprint ofDirectory(Manifest manifest) {
        return new Fingerprint(
                Kind.DIRECTORY,
                manifest.digest(),
                manifest.files().stream().mapToLong(FileEntry::size).sum(),
                manifest.root(),
                manifest.files().size(),
                manifest,
                null);
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The digest to register: the SHA-256 of a file of at most one chunk, of a larger file's single-file manifest, or
     * of a directory's manifest bytes.
     */
    public Digest digest() {
        return digest;
    }

    /** Content bytes: a file's size, or the sum of the sizes of a directory's files. */
    public long size() {
        return size;
    }

    /** The Merkle root; empty for a file of at most one chunk. An empty directory's root is SHA-256 of nothing. */
    public Optional<Digest> root() {
        return Optional.ofNullable(root);
    }

    /** The number of Merkle leaves: a directory's files or a chunked file's chunks; 0 when there is no tree. */
    public long leaves() {
        return leaves;
    }

    /**
     * The plain SHA-256 of a file's content, as {@code sha256sum} prints it: always there for a file of at most one
     * chunk (it is then the digest), for a larger file only when {@link Fingerprinter.Builder#plainSha256} asked for
     * it; empty for a directory.
     */
    public Optional<Digest> sha256() {
        return Optional.ofNullable(sha256);
    }

    /** A directory's manifest; empty for a file. */
    public Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that
                && kind == that.kind
                && digest.equals(that.digest)
                && size == that.size
                && Objects.equals(root, that.root)
                && leaves == that.leaves;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, digest, size, root, leaves);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + kind + " " + digest + ", size=" + size + ", root=" + root + ", leaves=" + leaves + "]";
    }
}
