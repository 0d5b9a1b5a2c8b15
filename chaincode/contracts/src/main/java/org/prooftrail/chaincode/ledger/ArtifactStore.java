package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.VerificationRecord;

/**
 * Reads and writes artifacts, their states, guards, listing indexes and verification records. The state and the
 * guard get a key-level endorsement policy requiring a peer of the owner organisation; the record, its indexes and
 * edges need the owner and another organisation ({@link Policies#ownersAndAnother}), so neither the owner alone nor
 * a majority without it can rewrite a registered fingerprint.
 */
public final class ArtifactStore {
    private final ChaincodeStub stub;
    private final Endorsements endorsements;

    ArtifactStore(ChaincodeStub stub, Endorsements endorsements) {
        this.stub = stub;
        this.endorsements = endorsements;
    }

    public Optional<Artifact> find(String id) {
        return read(Keys.key(Keys.ARTIFACT, id), Artifact.class);
    }

    public boolean exists(String id) {
        byte[] record = stub.getState(Keys.key(Keys.ARTIFACT, id));
        return record != null && record.length > 0;
    }

    public ArtifactState state(String id) {
        return read(Keys.key(Keys.ARTIFACT_STATE, id), ArtifactState.class)
                .orElseThrow(() -> new IllegalStateException("artifact " + id + " has no state record"));
    }

    /**
     * Writes a new artifact and everything that belongs to it: the record, its listing and digest indexes and its
     * {@code child} edges from each parent (immutable evidence: the owner, the parent's owner, and another
     * organisation); its first state, its guard and its (empty) grant list (owner-only from now on). Each parent's
     * guard is written, so a derivation needs the parent owner's peer. The owner becomes a known member.
     */
    public void register(Artifact artifact, ArtifactState state, Map<String, String> parentOwners) {
        String id = artifact.getId();
        String owner = artifact.getOwner();
        endorsements.recordMember(owner);
        endorsements.putEvidence(Keys.key(Keys.ARTIFACT, id), LedgerCodec.store(artifact), List.of(owner));
        String stateKey = Keys.key(Keys.ARTIFACT_STATE, id);
        stub.putState(stateKey, LedgerCodec.store(state));
        stub.setStateValidationParameter(stateKey, Policies.ownerOnly(owner));
        endorsements.createGuard(id, owner);
        String grantsKey = Keys.key(Keys.ACCESS_GRANTS, id);
        stub.putState(grantsKey, LedgerCodec.store(List.of()));
        stub.setStateValidationParameter(grantsKey, Policies.ownerOnly(owner));
        endorsements.putEvidence(
                Keys.key(Keys.ARTIFACT_BY_KIND, artifact.getKind(), owner, id), Keys.PRESENT, List.of(owner));
        endorsements.putEvidence(Keys.key(Keys.ARTIFACT_BY_OWNER, owner, id), Keys.PRESENT, List.of(owner));
        endorsements.putEvidence(
                Keys.key(Keys.ARTIFACT_BY_DIGEST, artifact.getDigest(), id), Keys.PRESENT, List.of(owner));
        for (String parent : artifact.getParents()) {
            endorsements.putEvidence(
                    Keys.key(Keys.CHILD, parent, id), Keys.PRESENT, List.of(owner, parentOwners.get(parent)));
            endorsements.guard(parent);
        }
    }

    /**
     * Writes the guard of an artifact the transaction relies on (a run's input, code, config, output or upstream,
     * a deployment's model, a logged access): the owner's peer must endorse the transaction.
     */
    public void guard(String id) {
        endorsements.guard(id);
    }

    /** At most this many versions of a guard are read to confirm one reliance. */
    public static final int MAX_GUARD_HISTORY = 10_000;

    /**
     * Whether transaction {@code txId} wrote the artifact's guard (so its owner's peer endorsed it), from the guard's
     * history; empty when the artifact has no guard (registered before guards existed) or the history holds more than
     * {@link #MAX_GUARD_HISTORY} versions without it, so that nothing can be said.
     */
    public Optional<Boolean> guardedIn(String id, String txId) {
        int read = 0;
        try (QueryResultsIterator<KeyModification> history = stub.getHistoryForKey(Keys.key(Keys.ARTIFACT_GUARD, id))) {
            for (KeyModification modification : history) {
                if (txId.equals(modification.getTxId())) {
                    return Optional.of(true);
                }
                if (++read >= MAX_GUARD_HISTORY) {
                    return Optional.empty();
                }
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        return read == 0 ? Optional.empty() : Optional.of(false);
    }

    /** One version of an artifact record as its key's history holds it. */
    public static final class RecordVersion {
        private final String txId;
        private final Instant timestamp;
        private final Artifact record;

        RecordVersion(String txId, Instant timestamp, Artifact record) {
            this.txId = txId;
            this.timestamp = timestamp;
            this.record = record;
        }

        public String txId() {
            return txId;
        }

        public Instant timestamp() {
            return timestamp;
        }

        /** The record written, or null for a deletion. */
        public Artifact record() {
            return record;
        }
    }

    /**
     * Every version the {@code artifact/<id>} key has had, oldest first (at most {@link #MAX_VERIFICATIONS}): an
     * honest ledger holds exactly one, the registration.
     */
    public List<RecordVersion> recordHistory(String id) {
        List<RecordVersion> versions = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history = stub.getHistoryForKey(Keys.key(Keys.ARTIFACT, id))) {
            for (KeyModification modification : history) {
                if (versions.size() >= MAX_VERIFICATIONS) {
                    break;
                }
                byte[] value = modification.getValue();
                versions.add(new RecordVersion(
                        modification.getTxId(),
                        modification.getTimestamp(),
                        modification.isDeleted() || value == null || value.length == 0
                                ? null
                                : LedgerCodec.decode(value, Artifact.class)));
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        versions.sort(Comparator.comparing(RecordVersion::timestamp));
        return versions;
    }

    /**
     * The ids registered with {@code digest}, at most {@code limit}, in id order. Artifacts registered before the
     * digest index existed (release 0.1.0) are not in it.
     */
    public List<String> idsWithDigest(String digest, int limit) {
        List<String> ids = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.ARTIFACT_BY_DIGEST, digest))) {
            for (KeyValue entry : range) {
                if (ids.size() >= limit) {
                    break;
                }
                ids.add(stub.splitCompositeKey(entry.getKey()).getAttributes().get(1));
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        return ids;
    }

    public void updateState(ArtifactState state) {
        stub.putState(Keys.key(Keys.ARTIFACT_STATE, state.getId()), LedgerCodec.store(state));
    }

    /** Every state the artifact has had, in commit order (oldest first), each change once. */
    public List<ArtifactState> stateHistory(String id) {
        List<ArtifactState> states = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history = stub.getHistoryForKey(Keys.key(Keys.ARTIFACT_STATE, id))) {
            for (KeyModification modification : history) {
                if (!modification.isDeleted()) {
                    states.add(LedgerCodec.decode(modification.getValue(), ArtifactState.class));
                }
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        states.sort(Comparator.comparing((ArtifactState s) -> Instant.parse(s.getChangedAt()))
                .thenComparing(ArtifactState::getTxId));
        // A state stored again unchanged (the upgrade's maintenance transaction re-stores it in the current format)
        // is the same change, not a new one.
        List<ArtifactState> changes = new ArrayList<>(states.size());
        for (ArtifactState state : states) {
            if (changes.isEmpty() || !changes.get(changes.size() - 1).getTxId().equals(state.getTxId())) {
                changes.add(state);
            }
        }
        return changes;
    }

    /**
     * One page of artifact ids, through the narrowest index for the filter: reads grow with the page size, never
     * with the number of artifacts on the ledger. The bookmark is opaque to callers (see {@link Bookmarks}).
     */
    public Page<String> listIds(String kind, String owner, int pageSize, String bookmark) {
        CompositeKey prefix;
        int idPosition;
        if (kind != null && owner != null) {
            prefix = Keys.partial(Keys.ARTIFACT_BY_KIND, kind, owner);
            idPosition = 2;
        } else if (kind != null) {
            prefix = Keys.partial(Keys.ARTIFACT_BY_KIND, kind);
            idPosition = 2;
        } else if (owner != null) {
            prefix = Keys.partial(Keys.ARTIFACT_BY_OWNER, owner);
            idPosition = 1;
        } else {
            prefix = Keys.partial(Keys.ARTIFACT);
            idPosition = 0;
        }
        List<String> ids = new ArrayList<>(pageSize);
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> page = stub.getStateByPartialCompositeKeyWithPagination(
                prefix, pageSize, Bookmarks.decode(prefix.toString(), bookmark))) {
            for (KeyValue entry : page) {
                ids.add(stub.splitCompositeKey(entry.getKey()).getAttributes().get(idPosition));
            }
            next = ids.size() < pageSize ? "" : page.getMetadata().getBookmark();
        } catch (Exception e) {
            throw closeFailure(e);
        }
        return new Page<>(ids, Bookmarks.encode(next));
    }

    /** At most this many verification records of one artifact are read back. */
    public static final int MAX_VERIFICATIONS = 1000;

    /** Writes a verification record and, if its digest matched, its entry in the {@code verified} index. */
    public void putVerification(VerificationRecord record) {
        List<String> verifier = List.of(record.getVerifierOrg());
        endorsements.putEvidence(
                Keys.key(Keys.VERIFICATION, record.getId(), record.getTxId()), LedgerCodec.store(record), verifier);
        if (record.getMatch()) {
            endorsements.putEvidence(
                    Keys.key(
                            Keys.VERIFIED,
                            record.getId(),
                            record.getVerifierOrg(),
                            Keys.sortableTime(Instant.parse(record.getVerifiedAt())),
                            record.getTxId()),
                    Keys.PRESENT,
                    verifier);
        }
    }

    /**
     * The transaction of the earliest verification of {@code id} by {@code org} whose digest matched the registry,
     * if it was recorded at or before {@code at}: the index is in time order, so this reads one entry.
     */
    public Optional<String> matchingVerification(String id, String org, Instant at) {
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.VERIFIED, id, org))) {
            for (KeyValue entry : range) {
                List<String> attributes = stub.splitCompositeKey(entry.getKey()).getAttributes();
                return attributes.get(2).compareTo(Keys.sortableTime(at)) <= 0
                        ? Optional.of(attributes.get(3))
                        : Optional.empty();
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        return Optional.empty();
    }

    /** The verification records of an artifact (at most {@link #MAX_VERIFICATIONS}), oldest first. */
    public List<VerificationRecord> verifications(String id) {
        List<VerificationRecord> records = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.VERIFICATION, id))) {
            for (KeyValue entry : range) {
                if (records.size() >= MAX_VERIFICATIONS) {
                    break;
                }
                records.add(LedgerCodec.decode(entry.getValue(), VerificationRecord.class));
            }
        } catch (Exception e) {
            throw closeFailure(e);
        }
        records.sort(Comparator.comparing((VerificationRecord r) -> Instant.parse(r.getVerifiedAt()))
                .thenComparing(VerificationRecord::getTxId));
        return records;
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        byte[] bytes = stub.getState(key);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(LedgerCodec.decode(bytes, type));
    }

    /** What to throw for a failure inside a ledger iteration: a runtime exception as it is, else wrapped. */
    static RuntimeException closeFailure(Exception e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("closing a ledger iterator failed", e);
    }
}
