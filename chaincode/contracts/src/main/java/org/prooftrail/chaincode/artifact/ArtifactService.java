package org.prooftrail.chaincode.artifact;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.ArtifactStore;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.LedgerCodec;
import org.prooftrail.chaincode.ledger.Page;
import org.prooftrail.chaincode.ledger.ProofInput;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.MerkleRef;
import org.prooftrail.chaincode.record.VerificationRecord;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.EventNames;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.InclusionProof;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The rules of the fingerprint registry, for one transaction by one caller. */
public final class ArtifactService {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    static final int MAX_REASON = 1024;
    static final int MAX_NOTE = 1024;
    /** How many registrations of one digest a registration looks at, and how many ancestors it walks. */
    static final int MAX_SCAN = 1000;
    /** A status-change event names at most this many affected deployments. */
    static final int MAX_AFFECTED = 100;

    private final Ledger ledger;
    private final ArtifactStore store;
    private final Caller caller;
    private final DerivationGate derivation;
    private final StatusImpact impact;

    public ArtifactService(Ledger ledger, Caller caller, DerivationGate derivation, StatusImpact impact) {
        this.ledger = ledger;
        this.store = ledger.artifacts();
        this.caller = caller;
        this.derivation = derivation;
        this.impact = impact;
    }

    /**
     * Registers an artifact for the caller's organisation. Registering the same id with the same digest again
     * returns the existing record unchanged, so a client may retry; a different digest is {@code ALREADY_EXISTS}.
     * Governance follows the data: a parent owned by another organisation needs its owner's {@code DERIVE} grant,
     * the consent-requiring datasets upstream through parents are recorded ({@code consentFrom}), and a digest
     * already registered by a governed artifact may be registered again only as derived from it.
     */
    public ArtifactView register(RegisterRequest request) {
        caller.requireRole("registering an artifact", Role.CURATOR, Role.TRAINER);
        var existing = store.find(request.id());
        if (existing.isPresent()) {
            Artifact artifact = existing.get();
            if (!artifact.getDigest().equals(request.digest().toString())) {
                throw ProofTrailException.alreadyExists("artifact " + request.id()
                        + " is already registered with digest "
                        + artifact.getDigest() + " by " + artifact.getOwner() + "; a registered fingerprint never"
                        + " changes: register the new version under a new id");
            }
            return new ArtifactView(artifact, store.state(artifact.getId()));
        }
        List<Artifact> parents = new ArrayList<>();
        for (String parent : request.parents()) {
            parents.add(requireUsableParent(request.id(), parent));
        }
        TreeSet<String> consentFrom = new TreeSet<>();
        for (Artifact parent : parents) {
            if (!caller.belongsTo(parent.getOwner())) {
                derivation.admit(caller, parent, request.id());
            }
            if (Boolean.TRUE.equals(parent.getRequiresConsent())) {
                consentFrom.add(parent.getId());
            }
            consentFrom.addAll(parent.consentSources());
        }
        requireUngovernedDigest(request, parents);
        String at = ledger.tx().timestampText();
        String txId = ledger.tx().txId();
        Artifact artifact = new Artifact(
                request.id(),
                request.kind().name(),
                request.digest().toString(),
                request.sizeOrNull(),
                request.uriOrNull(),
                request.merkleOrNull(),
                request.parents(),
                request.metadata(),
                caller.mspId(),
                caller.id(),
                at,
                txId,
                request.requiresConsent(),
                new ArrayList<>(consentFrom));
        ArtifactState state = new ArtifactState(
                artifact.getId(), ArtifactStatus.ACTIVE.name(), "", caller.id(), caller.mspId(), at, txId);
        Map<String, String> parentOwners = new TreeMap<>();
        parents.forEach(parent -> parentOwners.put(parent.getId(), parent.getOwner()));
        store.register(artifact, state, parentOwners);
        if (request.kind() == ArtifactKind.DATASET) {
            ledger.consent().prepare(artifact.getId(), artifact.getOwner(), request.requiresConsent(), at, txId);
        }
        Map<String, Object> event = new TreeMap<>();
        event.put("id", artifact.getId());
        event.put("kind", artifact.getKind());
        event.put("digest", artifact.getDigest());
        event.put("owner", artifact.getOwner());
        event.put("txId", txId);
        ledger.events().emit(EventNames.ARTIFACT_REGISTERED, event);
        return new ArtifactView(artifact, state);
    }

    private Artifact requireUsableParent(String child, String parent) {
        Artifact artifact = store.find(parent)
                .orElseThrow(() -> ProofTrailException.notFound(
                        "parent artifact " + parent + " of " + child + " does not exist; register it first"));
        if (store.state(parent).status() == ArtifactStatus.REVOKED) {
            throw ProofTrailException.failedPrecondition(
                    "parent artifact " + parent + " of " + child + " is REVOKED and may not be derived from");
        }
        return artifact;
    }

    /**
     * Refuses to register, under a new id, a digest that a governed artifact already has (owned by another
     * organisation, governed by consent, or with recorded lineage: parents or a producing run), unless the new
     * artifact derives from that one: the same bytes under an id of one's own would otherwise escape the grants,
     * consent and lineage that govern them.
     */
    private void requireUngovernedDigest(RegisterRequest request, List<Artifact> parents) {
        Set<String> ancestors = null;
        for (String id : store.idsWithDigest(request.digest().toString(), MAX_SCAN)) {
            Artifact existing = store.find(id)
                    .orElseThrow(() -> new IllegalStateException("digest index names missing artifact " + id));
            boolean foreign = !caller.belongsTo(existing.getOwner());
            boolean consent = existing.governedByConsent();
            // A copy of one's own model trained on governed data would otherwise shed that lineage.
            boolean lineage = !existing.getParents().isEmpty()
                    || !ledger.lineage().producers(id, 1).isEmpty()
                    || !ledger.federation().producers(id, 1).isEmpty();
            if (!foreign && !consent && !lineage) {
                continue;
            }
            if (ancestors == null) {
                ancestors = ancestors(parents);
            }
            if (ancestors.contains(id)) {
                continue;
            }
            throw ProofTrailException.failedPrecondition("digest " + request.digest() + " is already registered as "
                    + id + " by " + existing.getOwner()
                    + (consent
                            ? ", whose use is governed by consent"
                            : lineage ? ", which has recorded lineage (parents or the run that produced it)" : "")
                    + "; the same data under a new id would escape its governance: register " + request.id()
                    + " with " + id + " as a parent (\"parents\", CLI --parent " + id + ")"
                    + (foreign ? ", which needs a DERIVE grant from " + existing.getOwner() + " (access:Grant)" : ""));
        }
    }

    /** The named parents and everything upstream of them through parents, bounded by {@link #MAX_SCAN}. */
    private Set<String> ancestors(List<Artifact> parents) {
        Set<String> seen = new HashSet<>();
        Deque<String> frontier = new ArrayDeque<>();
        for (Artifact parent : parents) {
            if (seen.add(parent.getId())) {
                frontier.add(parent.getId());
            }
        }
        while (!frontier.isEmpty() && seen.size() < MAX_SCAN) {
            store.find(frontier.poll()).ifPresent(a -> a.getParents().forEach(p -> {
                if (seen.add(p)) {
                    frontier.add(p);
                }
            }));
        }
        return seen;
    }

    public ArtifactView get(String idText) {
        Artifact artifact = require(Ids.id("id", idText));
        return new ArtifactView(artifact, store.state(artifact.getId()));
    }

    public VerifyResult verify(String idText, String digestText) {
        String id = Ids.id("id", idText);
        Digest actual = Digest.parse("digest", digestText);
        Artifact artifact = require(id);
        return new VerifyResult(
                id,
                artifact.getDigest().equals(actual.toString()),
                artifact.getDigest(),
                actual.toString(),
                store.state(id).getStatus());
    }

    /** Records a party's check of its local copy; the match is decided here against the registry, not claimed. */
    public VerificationRecord recordVerification(String json) {
        JsonInput in = JsonInput.parse("verification", json);
        String id = Ids.id("verification.id", in.requiredString("id"));
        Digest seen = Digest.parse("verification.digest", in.requiredString("digest"));
        Purpose purpose = Purpose.parse("verification.purpose", in.requiredString("purpose"));
        String note = Ids.text("verification.note", in.optionalString("note").orElse(""), MAX_NOTE, false);
        in.rejectUnknownFields();
        caller.requireRole("recording a verification", Role.values());
        Artifact artifact = require(id);
        boolean match = artifact.getDigest().equals(seen.toString());
        VerificationRecord record = new VerificationRecord(
                id,
                seen.toString(),
                artifact.getDigest(),
                match,
                purpose.name(),
                note,
                store.state(id).getStatus(),
                caller.id(),
                caller.mspId(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.putVerification(record);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("match", match);
        event.put("purpose", purpose.name());
        event.put("org", caller.mspId());
        event.put("txId", record.getTxId());
        ledger.events().emit(EventNames.ARTIFACT_VERIFIED, event);
        return record;
    }

    /** Moves an artifact to {@code DEPRECATED} or {@code REVOKED}; only its owner organisation may. */
    public ArtifactView setStatus(String idText, String statusText, String reasonText) {
        String id = Ids.id("id", idText);
        ArtifactStatus next = ArtifactStatus.parse("status", statusText);
        if (next == ArtifactStatus.ACTIVE) {
            throw ProofTrailException.invalid(
                    "status must be DEPRECATED or REVOKED: an artifact never returns to ACTIVE");
        }
        String reason = Ids.text("reason", reasonText, MAX_REASON, true);
        Artifact artifact = require(id);
        if (!caller.belongsTo(artifact.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + artifact.getOwner() + " may change the status of " + id
                    + "; the caller belongs to " + caller.mspId());
        }
        caller.requireRole("changing an artifact's status", Role.CURATOR, Role.STEWARD);
        ArtifactStatus current = store.state(id).status();
        if (!current.canBecome(next)) {
            throw ProofTrailException.failedPrecondition("artifact " + id + " is " + current + " and cannot become "
                    + next + (current == ArtifactStatus.REVOKED ? ": revocation is final" : ""));
        }
        ArtifactState state = new ArtifactState(
                id,
                next.name(),
                reason,
                caller.id(),
                caller.mspId(),
                ledger.tx().timestampText(),
                ledger.tx().txId());
        store.updateState(state);
        Map<String, Object> event = new TreeMap<>();
        event.put("id", id);
        event.put("status", next.name());
        event.put("previous", current.name());
        event.put("owner", artifact.getOwner());
        List<String> affected = impact.activeDeploymentsDownstream(id);
        event.put("affectedDeployments", affected.subList(0, Math.min(affected.size(), MAX_AFFECTED)));
        if (affected.size() > MAX_AFFECTED) {
            event.put("affectedDeploymentsTruncated", true);
        }
        event.put("txId", state.getTxId());
        ledger.events().emit(EventNames.ARTIFACT_STATUS_CHANGED, event);
        return new ArtifactView(artifact, state);
    }

    /** {@code artifact:Verifications}: every recorded verification of the artifact, oldest first. */
    public Map<String, Object> verifications(String idText) {
        Artifact artifact = require(Ids.id("id", idText));
        Map<String, Object> result = new TreeMap<>();
        result.put("id", artifact.getId());
        result.put("verifications", store.verifications(artifact.getId()));
        return result;
    }

    /**
     * The registration, every status change and every recorded verification ({@code VERIFIED}), oldest first. The
     * registration comes from the first version in the history of the record's key, not from its current value: a
     * record never changes, so any later version of the key (a rewrite, a deletion) is an
     * {@code UNEXPECTED_CHANGE} entry with {@code tampered: true} and the fields that differ from the registration.
     * A deleted record still has its history.
     */
    public List<HistoryEntry> history(String idText) {
        String id = Ids.id("id", idText);
        List<ArtifactStore.RecordVersion> versions = store.recordHistory(id);
        Artifact artifact = versions.isEmpty() || versions.get(0).record() == null
                ? require(id)
                : versions.get(0).record();
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(new HistoryEntry(
                "REGISTERED",
                artifact.getTxId(),
                artifact.getRegisteredAt(),
                artifact.getRegisteredBy(),
                artifact.getOwner(),
                artifact.getDigest(),
                ArtifactStatus.ACTIVE.name(),
                null));
        for (ArtifactStore.RecordVersion version : versions.subList(Math.min(1, versions.size()), versions.size())) {
            entries.add(HistoryEntry.unexpectedChange(
                    version.txId(), version.timestamp().toString(), differences(artifact, version.record())));
        }
        for (ArtifactState state : store.stateHistory(artifact.getId())) {
            if (!state.getTxId().equals(artifact.getTxId())) {
                entries.add(new HistoryEntry(
                        "STATUS_CHANGED",
                        state.getTxId(),
                        state.getChangedAt(),
                        state.getChangedBy(),
                        state.getChangedByOrg(),
                        null,
                        state.getStatus(),
                        state.getReason()));
            }
        }
        for (VerificationRecord verification : store.verifications(artifact.getId())) {
            entries.add(HistoryEntry.verified(verification));
        }
        entries.sort(Comparator.comparing((HistoryEntry e) -> Instant.parse(e.getTimestamp()))
                .thenComparing(e -> e.getType().equals("REGISTERED") ? 0 : 1));
        return entries;
    }

    /**
     * The top-level fields in which {@code changed} differs from the registered record, in name order, or
     * {@code ["deleted"]} for a deletion; an identical rewrite differs in nothing but is still a change.
     */
    private static List<String> differences(Artifact registered, Artifact changed) {
        if (changed == null) {
            return List.of("deleted");
        }
        Map<String, Object> before = LedgerCodec.fields(registered);
        Map<String, Object> after = LedgerCodec.fields(changed);
        TreeSet<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        fields.removeIf(field -> Objects.equals(before.get(field), after.get(field)));
        return new ArrayList<>(fields);
    }

    /** One page of artifacts, filtered by kind and/or owner. */
    public Page<ArtifactView> list(String json) {
        JsonInput in = JsonInput.parse("query", json == null || json.isBlank() ? "{}" : json);
        String kind = in.optionalString("kind")
                .map(k -> ArtifactKind.parse("query.kind", k).name())
                .orElse(null);
        String owner =
                in.optionalString("owner").map(o -> Ids.id("query.owner", o)).orElse(null);
        long pageSize = in.optionalLong("pageSize").orElse((long) DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ProofTrailException.invalid("query.pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        String bookmark = in.optionalString("bookmark").orElse("");
        in.rejectUnknownFields();
        Page<String> ids = store.listIds(kind, owner, (int) pageSize, bookmark);
        List<ArtifactView> items = new ArrayList<>(ids.getCount());
        for (String id : ids.getItems()) {
            items.add(get(id));
        }
        return new Page<>(items, ids.getBookmark());
    }

    /**
     * Checks an RFC 9162 inclusion proof for a leaf hash against the artifact's registered Merkle root. A proof
     * that does not hold is an answer ({@code included: false} with the reason), not an error.
     */
    public InclusionResult verifyInclusion(String idText, String leafText, String proofJson) {
        String id = Ids.id("id", idText);
        Digest leaf = Digest.parse("leafDigest", leafText);
        InclusionProof proof = ProofInput.parse(proofJson);
        Artifact artifact = require(id);
        MerkleRef merkle = artifact.getMerkle();
        if (merkle == null) {
            throw ProofTrailException.failedPrecondition(
                    "artifact " + id + " was registered without a Merkle root, so nothing can be proved against it");
        }
        String reason = null;
        if (proof.treeSize() != merkle.getLeaves()) {
            reason = "the proof is for a tree of " + proof.treeSize() + " leaves; the registered tree has "
                    + merkle.getLeaves();
        } else if (!Merkle.verify(leaf, proof, Digest.parse("merkle.root", merkle.getRoot()))) {
            reason = "the proof does not lead from the leaf to the registered root";
        }
        return new InclusionResult(
                id, reason == null, merkle.getRoot(), leaf.toString(), proof.leafIndex(), proof.treeSize(), reason);
    }

    private Artifact require(String id) {
        return store.find(id).orElseThrow(() -> ProofTrailException.notFound("artifact " + id + " does not exist"));
    }
}
