package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.artifact.ArtifactState;
import org.prooftrail.chaincode.artifact.VerificationRecord;

/**
 * Reads and writes artifacts, their states, their listing indexes and verification records. The state key gets a
 * key-level endorsement policy requiring a peer of the owner organisation; the record and indexes stay under the
 * chaincode's majority policy, so the owner alone cannot rewrite a registered fingerprint.
 */
public final class ArtifactStore {
    private final ChaincodeStub stub;

    ArtifactStore(ChaincodeStub stub) {
        this.stub = stub;
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

    /** Writes a new artifact, its first state (owner-endorsed from now on), its listing and digest indexes and
     * its {@code child} edges from each parent. */
    public void register(Artifact artifact, ArtifactState state) {
        String id = artifact.getId();
        stub.putState(Keys.key(Keys.ARTIFACT, id), LedgerCodec.encode(artifact));
        String stateKey = Keys.key(Keys.ARTIFACT_STATE, id);
        stub.putState(stateKey, LedgerCodec.encode(state));
        stub.setStateValidationParameter(stateKey, ownerOnly(artifact.getOwner()));
        stub.putState(Keys.key(Keys.ARTIFACT_BY_KIND, artifact.getKind(), artifact.getOwner(), id), Keys.PRESENT);
        stub.putState(Keys.key(Keys.ARTIFACT_BY_OWNER, artifact.getOwner(), id), Keys.PRESENT);
        stub.putState(Keys.key(Keys.ARTIFACT_BY_DIGEST, artifact.getDigest(), id), Keys.PRESENT);
        for (String parent : artifact.getParents()) {
            stub.putState(Keys.key(Keys.CHILD, parent, id), Keys.PRESENT);
        }
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
        stub.putState(Keys.key(Keys.ARTIFACT_STATE, state.getId()), LedgerCodec.encode(state));
    }

    /** Every state the artifact has had, in commit order (oldest first). */
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
        return states;
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
        stub.putState(Keys.key(Keys.VERIFICATION, record.getId(), record.getTxId()), LedgerCodec.encode(record));
        if (record.getMatch()) {
            stub.putState(
                    Keys.key(
                            Keys.VERIFIED,
                            record.getId(),
                            record.getVerifierOrg(),
                            Keys.sortableTime(Instant.parse(record.getVerifiedAt())),
                            record.getTxId()),
                    Keys.PRESENT);
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

    static byte[] ownerOnly(String mspId) {
        StateBasedEndorsement policy =
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        policy.addOrgs(StateBasedEndorsement.RoleType.RoleTypePeer, mspId);
        return policy.policy();
    }

    /** What to throw for a failure inside a ledger iteration: a runtime exception as it is, else wrapped. */
    static RuntimeException closeFailure(Exception e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("closing a ledger iterator failed", e);
    }
}
