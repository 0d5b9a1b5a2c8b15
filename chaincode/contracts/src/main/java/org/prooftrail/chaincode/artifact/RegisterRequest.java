package org.prooftrail.chaincode.artifact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.record.MerkleRef;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;

/** The input of {@code artifact:Register}, validated field by field. */
public final class RegisterRequest {
    static final int MAX_PARENTS = 64;
    static final int MAX_METADATA_ENTRIES = 32;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 1024;
    static final int MAX_URI = 2048;
    static final long MAX_LEAVES = 1L << 40;
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]*");

    private final String id;
    private final ArtifactKind kind;
    private final Digest digest;
    private final Long size;
    private final String uri;
    private final MerkleRef merkle;
    private final List<String> parents;
    private final SortedMap<String, String> metadata;
    private final boolean requiresConsent;

    private RegisterRequest(
            String id,
            ArtifactKind kind,
            Digest digest,
            Long size,
            String uri,
            MerkleRef merkle,
            List<String> parents,
            SortedMap<String, String> metadata,
            boolean requiresConsent) {
        this.requiresConsent = requiresConsent;
        this.id = id;
        this.kind = kind;
        this.digest = digest;
        this.size = size;
        this.uri = uri;
        this.merkle = merkle;
        this.parents = parents;
        this.metadata = metadata;
    }

    public static RegisterRequest parse(String json) {
        JsonInput in = JsonInput.parse("artifact", json);
        String id = Ids.nodeId("artifact.id", in.requiredString("id"));
        ArtifactKind kind = ArtifactKind.parse("artifact.kind", in.requiredString("kind"));
        Digest digest = Digest.parse("artifact.digest", in.requiredString("digest"));
        Long size = in.optionalLong("size").orElse(null);
        if (size != null && size < 0) {
            throw ProofTrailException.invalid("artifact.size must not be negative");
        }
        String uri = in.optionalString("uri").map(RegisterRequest::uri).orElse(null);
        MerkleRef merkle =
                in.optionalObject("merkle").map(RegisterRequest::merkle).orElse(null);
        List<String> parents = parents(id, in.stringList("parents"));
        SortedMap<String, String> metadata = metadata(in.stringMap("metadata"));
        boolean requiresConsent = in.optionalBoolean("requiresConsent").orElse(false);
        if (requiresConsent && kind != ArtifactKind.DATASET) {
            throw ProofTrailException.invalid("artifact.requiresConsent applies to a DATASET, not a " + kind);
        }
        in.rejectUnknownFields();
        return new RegisterRequest(id, kind, digest, size, uri, merkle, parents, metadata, requiresConsent);
    }

    private static String uri(String uri) {
        Ids.text("artifact.uri", uri, MAX_URI, true);
        if (uri.chars().anyMatch(Character::isWhitespace)) {
            throw ProofTrailException.invalid("artifact.uri must not contain whitespace (percent-encode it)");
        }
        return uri;
    }

    private static MerkleRef merkle(JsonInput in) {
        Digest root = Digest.parse("artifact.merkle.root", in.requiredString("root"));
        long leaves = in.optionalLong("leaves")
                .orElseThrow(() -> ProofTrailException.invalid("artifact.merkle.leaves is required"));
        if (leaves < 1 || leaves > MAX_LEAVES) {
            throw ProofTrailException.invalid("artifact.merkle.leaves must be between 1 and " + MAX_LEAVES);
        }
        in.rejectUnknownFields();
        return new MerkleRef(root.toString(), leaves);
    }

    private static List<String> parents(String id, List<String> given) {
        if (given.size() > MAX_PARENTS) {
            throw ProofTrailException.invalid("artifact.parents has more than " + MAX_PARENTS + " entries");
        }
        Set<String> parents = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String parent = Ids.id("artifact.parents[" + i + "]", given.get(i));
            if (parent.equals(id)) {
                throw ProofTrailException.invalid("artifact " + id + " cannot be its own parent");
            }
            if (!parents.add(parent)) {
                throw ProofTrailException.invalid("artifact.parents names " + parent + " twice");
            }
        }
        return new ArrayList<>(parents);
    }

    private static SortedMap<String, String> metadata(SortedMap<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw ProofTrailException.invalid(
                    "artifact.metadata has " + metadata.size() + " entries, at most " + MAX_METADATA_ENTRIES);
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.length() > MAX_METADATA_KEY || !METADATA_KEY.matcher(key).matches()) {
                throw ProofTrailException.invalid("artifact.metadata key '" + Printable.truncate(key)
                        + "' must be at most " + MAX_METADATA_KEY
                        + " letters, digits and . _ : / -, starting with a letter or digit");
            }
            Ids.text("artifact.metadata." + key, entry.getValue(), MAX_METADATA_VALUE, false);
        }
        return metadata;
    }

    public String id() {
        return id;
    }

    public ArtifactKind kind() {
        return kind;
    }

    public Digest digest() {
        return digest;
    }

    public Optional<Long> size() {
        return Optional.ofNullable(size);
    }

    Long sizeOrNull() {
        return size;
    }

    String uriOrNull() {
        return uri;
    }

    MerkleRef merkleOrNull() {
        return merkle;
    }

    public List<String> parents() {
        return parents;
    }

    SortedMap<String, String> metadata() {
        return metadata;
    }

    boolean requiresConsent() {
        return requiresConsent;
    }
}
