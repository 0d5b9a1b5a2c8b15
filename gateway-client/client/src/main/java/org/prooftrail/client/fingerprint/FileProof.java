package org.prooftrail.client.fingerprint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.Merkle;

/**
 * Proof that one file, by path, size and digest, belongs to a directory fingerprint. Its JSON form carries the file
 * so that a checker recomputes the leaf itself, and under {@code "proof"} exactly the
 * {@code {"leafIndex", "treeSize", "path"}} document that {@code artifact:VerifyInclusion} takes (a file larger than
 * one chunk carries {@code chunkRoot} and {@code chunks} instead of {@code digest}):
 *
 * <pre>{@code
 * {"file":{"digest":"sha256:…","path":"train/0001.png","size":4096},"leafHash":"sha256:…",
 *  "proof":{"leafIndex":3,"path":["sha256:…"],"treeSize":7},"root":"sha256:…"}
 * }</pre>
 */
public final class FileProof {
    private final FileEntry file;
    private final InclusionProof proof;
    private final Digest root;

    FileProof(FileEntry file, InclusionProof proof, Digest root) {
        this.file = Objects.requireNonNull(file, "file");
        this.proof = Objects.requireNonNull(proof, "proof");
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The file proved: path, size and content digest (a chunk root for a file larger than one chunk). */
    public FileEntry file() {
        return file;
    }

    /** The file's leaf, recomputed from its path, size and digest. */
    public Digest leafHash() {
        return file.leafHash();
    }

    public InclusionProof proof() {
        return proof;
    }

    /** The root the proof claims to lead to; check it against the registered one with {@link #verify(Digest)}. */
    public Digest root() {
        return root;
    }

    /**
     * Whether the file's recomputed leaf, at the proof's position, leads to {@code registeredRoot}. Checks nothing
     * that the proof merely states about itself.
     */
    public boolean verify(Digest registeredRoot) {
        return Merkle.verify(leafHash(), proof, Objects.requireNonNull(registeredRoot, "registeredRoot"));
    }

    /** Just the {@code {"leafIndex","path","treeSize"}} document, as {@code artifact:VerifyInclusion} takes it. */
    public String inclusionProofJson() {
        return CanonicalJson.string(proofObject());
    }

    /** The canonical JSON form. */
    public String toJson() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("file", file.toJson());
        top.put("leafHash", leafHash().toString());
        top.put("proof", proofObject());
        top.put("root", root.toString());
        return CanonicalJson.string(top);
    }

    /**
     * Reads the JSON form. A stated {@code leafHash} must equal the one recomputed from the file.
     */
    public static FileProof parse(String json) {
        Map<?, ?> top = Fields.object(Json.read(Objects.requireNonNull(json, "json")), "proof document");
        Map<?, ?> fileObject = Fields.object(top.get("file"), "\"file\"");
        FileEntry file = FileEntry.fromJson(fileObject, Digest.newSha256());
        Map<?, ?> proofObject = Fields.object(top.get("proof"), "\"proof\"");
        List<Digest> path = new ArrayList<>();
        for (Object step : Fields.array(proofObject, "path")) {
            if (!(step instanceof String text) || !Digest.isWellFormed(text)) {
                throw new IllegalArgumentException("every step of \"path\" must be a sha256: digest, not " + step);
            }
            path.add(Digest.parse("path", text));
        }
        InclusionProof proof = new InclusionProof(
                Fields.integer(proofObject, "leafIndex"), Fields.integer(proofObject, "treeSize"), path);
        FileProof parsed = new FileProof(file, proof, Fields.digest(top, "root"));
        if (top.containsKey("leafHash") && !Fields.digest(top, "leafHash").equals(parsed.leafHash())) {
            throw new IllegalArgumentException("the proof's leafHash does not match its file's path, size and digest");
        }
        return parsed;
    }

    private Map<String, Object> proofObject() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("leafIndex", proof.leafIndex());
        object.put("treeSize", proof.treeSize());
        object.put("path", proof.path().stream().map(Digest::toString).toList());
        return object;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileProof that
                && file.path().equals(that.file.path())
                && file.size() == that.file.size()
                && file.digest().equals(that.file.digest())
                && proof.equals(that.proof)
                && root.equals(that.root);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file.path(), file.digest(), proof, root);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
