package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;

/**
 * A registered artifact as {@code artifact:Get} (and {@code Register}, {@code SetStatus}, {@code List}) returns it:
 * the registration and its current status.
 *
 * @param size the size in bytes, if registered with one
 * @param uri where the data lives, if registered with one
 * @param merkle the Merkle root and leaf count of a directory or chunked file
 * @param parents the artifacts it derives from
 * @param requiresConsent whether training on it needs a current consent attestation
 * @param consentFrom the consent-requiring artifacts whose governance it inherits
 * @param owner the MSP ID of the organisation that registered it
 * @param statusChange the last status change, once the status is no longer the registered one
 * @param json the ledger's answer as JSON (keys sorted), with any field this client does not read
 */
public record ArtifactRecord(
        String id,
        ArtifactKind kind,
        Digest digest,
        Optional<Long> size,
        Optional<String> uri,
        Optional<Merkle> merkle,
        List<String> parents,
        SortedMap<String, String> metadata,
        boolean requiresConsent,
        List<String> consentFrom,
        String owner,
        String registeredBy,
        Instant registeredAt,
        String transactionId,
        ArtifactStatus status,
        Optional<StatusChange> statusChange,
        String json) {

    public ArtifactRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(merkle, "merkle");
        parents = List.copyOf(parents);
        metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
        consentFrom = List.copyOf(consentFrom);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusChange, "statusChange");
        Objects.requireNonNull(json, "json");
    }

    /** The Merkle root of a directory or chunked file, if registered with one. */
    public Optional<Digest> merkleRoot() {
        return merkle.map(Merkle::root);
    }

    /** A directory's (or chunked file's) Merkle tree: its root and number of leaves. */
    public record Merkle(Digest root, long leaves) {
        public Merkle {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * A status change: to {@code status}, why, by whom ({@code changedBy} in {@code changedByOrg}), when and in
     * which transaction.
     */
    public record StatusChange(
            ArtifactStatus status,
            Optional<String> reason,
            String changedBy,
            String changedByOrg,
            Instant changedAt,
            String transactionId) {
        public StatusChange {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(changedAt, "changedAt");
        }
    }
}
