package org.prooftrail.client.fingerprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.Merkle;

/**
 * The files of a directory fingerprint, sorted by the UTF-8 bytes of their paths, with the Merkle root over their
 * leaves. Its canonical JSON bytes ({@link #bytes()}) are deterministic, and their SHA-256 ({@link #digest()}) is
 * the digest a directory is registered by. A manifest is consistent by construction: the root is always computed
 * from the files, and a parsed manifest whose stated root or leaf count disagrees with its files is refused.
 */
public final class Manifest {
    /** Where a manifest is written by default, at the top of the directory it describes (and left out of it). */
    public static final String DEFAULT_FILE_NAME = ".prooftrail-manifest.json";
    /**
     * The manifest format this library writes and reads. Version 2 labels each leaf with a kind byte and describes a
     * file larger than one chunk by its chunk root instead of its plain SHA-256; version 1 is no longer read.
     */
    public static final int FORMAT_VERSION = 2;
    /** The hash algorithm of every digest in a manifest. */
    public static final String ALGORITHM = "sha256";
    /** The size of the chunks a large file's Merkle tree is built over: 8 MiB. */
    public static final int CHUNK_SIZE = 8 * 1024 * 1024;

    private final List<FileEntry> files;
    private final Digest root;
    private final byte[] bytes;
    private final Digest digest;

    private Manifest(List<FileEntry> files) {
        this.files = files;
        this.root = Merkle.root(files.stream().map(FileEntry::leafHash).toList());
        this.bytes = encode(files, root);
        this.digest = Digest.sha256(bytes);
    }

    /**
     * A manifest of {@code files}, which are put in order; two files with the same path are refused.
     */
    public static Manifest of(List<FileEntry> files) {
        List<FileEntry> sorted = RelativePaths.sorted(Objects.requireNonNull(files, "files"), FileEntry::path);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException(
                        "two files have the path " + sorted.get(i).path() + " in one manifest");
            }
        }
        return new Manifest(Collections.unmodifiableList(sorted));
    }

    /** Reads a manifest from its JSON; any formatting is accepted, {@link #bytes()} is always canonical. */
    public static Manifest parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        Object value = Json.read(new String(json, StandardCharsets.UTF_8));
        Map<?, ?> top = Fields.object(value, "manifest");
        long version = Fields.integer(top, "formatVersion");
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest formatVersion " + version
                    + " is not supported (this library reads " + FORMAT_VERSION + ")");
        }
        String algorithm = Fields.string(top, "algorithm");
        if (!algorithm.equals(ALGORITHM)) {
            throw new IllegalArgumentException("manifest algorithm must be " + ALGORITHM + ", not " + algorithm);
        }
        long chunkSize = Fields.integer(top, "chunkSize");
        if (chunkSize != CHUNK_SIZE) {
            throw new IllegalArgumentException("manifest chunkSize must be " + CHUNK_SIZE + ", not " + chunkSize);
        }
        List<FileEntry> files = new ArrayList<>();
        MessageDigest sha = Digest.newSha256();
        for (Object item : Fields.array(top, "files")) {
            files.add(FileEntry.fromJson(Fields.object(item, "files[" + files.size() + "]"), sha));
        }
        Manifest manifest = of(files);
        if (Fields.integer(top, "leaves") != files.size()) {
            throw new IllegalArgumentException("manifest says it has " + Fields.integer(top, "leaves")
                    + " leaves but lists " + files.size() + " files");
        }
        Digest statedRoot = Fields.digest(top, "root");
        if (!statedRoot.equals(manifest.root)) {
            throw new IllegalArgumentException(
                    "manifest root " + statedRoot + " does not match its files, whose root is " + manifest.root);
        }
        return manifest;
    }

    /** Reads a manifest file. */
    public static Manifest read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@link #bytes()} to {@code file}, through a temporary file and a rename, so it is never half-written. */
    public void write(Path file) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** The files, in order. */
    public List<FileEntry> files() {
        return files;
    }

    /** The Merkle root over the files' leaves; SHA-256 of nothing for an empty directory. */
    public Digest root() {
        return root;
    }

    /** The canonical JSON (RFC 8785 form, then one line feed), UTF-8. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The SHA-256 of {@link #bytes()}: a directory's registered digest. */
    public Digest digest() {
        return digest;
    }

    /**
     * The inclusion proof of one file, which a checker can verify against the registered root knowing nothing else
     * of the directory.
     *
     * @throws IllegalArgumentException if no file has that path
     */
    public FileProof prove(String relativePath) {
        int index = indexOf(relativePath);
        if (index < 0) {
            throw new IllegalArgumentException("the manifest has no file " + relativePath);
        }
        List<Digest> leaves = files.stream().map(FileEntry::leafHash).toList();
        InclusionProof proof = Merkle.prove(leaves, index);
        return new FileProof(files.get(index), proof, root);
    }

    /** The index of the file with that path, or a negative number. */
    int indexOf(String relativePath) {
        Objects.requireNonNull(relativePath, "relativePath");
        int low = 0;
        int high = files.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = RelativePaths.ORDER.compare(files.get(middle).path(), relativePath);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /**
     * The canonical JSON written directly, keys in their sorted order ({@code algorithm, chunkSize, files,
     * formatVersion, leaves, root}; per file {@code digest, path, size} or {@code chunkRoot, chunks, path, size}),
     * rather than through a map per file: a manifest of many small files is written on one thread after they are all
     * hashed, so its cost adds straight to the wall time. {@code ManifestTest} checks it against
     * {@link CanonicalJson}'s writing of {@link FileEntry#toJson()}.
     */
    private static byte[] encode(List<FileEntry> files, Digest root) {
        StringBuilder out = new StringBuilder(160 + files.size() * 128);
        out.append("{\"algorithm\":");
        CanonicalJson.writeString(ALGORITHM, out);
        out.append(",\"chunkSize\":").append(CHUNK_SIZE).append(",\"files\":[");
        for (int i = 0; i < files.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            files.get(i).writeJson(out);
        }
        out.append("],\"formatVersion\":").append(FORMAT_VERSION);
        out.append(",\"leaves\":").append(files.size());
        out.append(",\"root\":\"").append(root).append("\"}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical single-file manifest of a file larger than one chunk, whose SHA-256 is that file's registered
     * digest: {@code {"algorithm","chunkSize","formatVersion","kind":"chunked-file","leaves","root","size"}}, then a
     * line feed. It holds no name, so that, like {@code sha256sum}, the digest depends on the content alone.
     */
    static byte[] chunkedFileBytes(long size, Digest chunkRoot) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("formatVersion", FORMAT_VERSION);
        top.put("kind", "chunked-file");
        top.put("algorithm", ALGORITHM);
        top.put("chunkSize", CHUNK_SIZE);
        top.put("size", size);
        top.put("root", chunkRoot.toString());
        top.put("leaves", Chunks.count(size));
        return withNewline(CanonicalJson.bytes(top));
    }

    private static byte[] withNewline(byte[] json) {
        byte[] withNewline = Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Manifest[" + files.size() + " files, root " + root + ", digest " + digest + "]";
    }
}
