package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.prooftrail.chaincode.access.AccessGrant;
import org.prooftrail.chaincode.access.AccessRecord;

/**
 * Reads and writes access grants (owner-endorsed, one key per artifact, grantee and role) and the access log, kept
 * twice in time order: by artifact and by accessing organisation, so both pages cost what the page holds.
 */
public final class AccessStore {
    /** At most this many grants are read for one artifact. */
    public static final int MAX_GRANTS = 1000;

    private final ChaincodeStub stub;
    private final TxContext tx;

    AccessStore(ChaincodeStub stub, TxContext tx) {
        this.stub = stub;
        this.tx = tx;
    }

    public Optional<AccessGrant> findGrant(String artifact, String grantee, String role) {
        byte[] bytes = stub.getState(Keys.key(Keys.ACCESS_GRANT, artifact, grantee, role));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(LedgerCodec.decode(bytes, AccessGrant.class));
    }

    /**
     * Writes a grant; a new grant key gets the owner-only endorsement policy. The {@code grantexpiry} index holds
     * exactly the ACTIVE grants: the entry of the grant replaced (if it was active) is removed, and an active grant
     * gets one at its expiry.
     */
    public void putGrant(AccessGrant grant, boolean isNew) {
        String key = Keys.key(Keys.ACCESS_GRANT, grant.getArtifact(), grant.getGrantee(), grant.getRole());
        if (!isNew) {
            findGrant(grant.getArtifact(), grant.getGrantee(), grant.getRole())
                    .filter(previous -> AccessGrant.ACTIVE.equals(previous.getStatus()))
                    .ifPresent(previous -> stub.delState(expiryKey(previous)));
        }
        stub.putState(key, LedgerCodec.encode(grant));
        if (isNew) {
            stub.setStateValidationParameter(key, ArtifactStore.ownerOnly(grant.getOwner()));
        }
        if (AccessGrant.ACTIVE.equals(grant.getStatus())) {
            stub.putState(expiryKey(grant), Keys.PRESENT);
        }
    }

    private static String expiryKey(AccessGrant grant) {
        return Keys.key(
                Keys.GRANT_EXPIRY,
                Keys.sortableTime(Instant.parse(grant.getExpiresAt())),
                grant.getOwner(),
                grant.getArtifact(),
                grant.getGrantee(),
                grant.getRole());
    }

    /**
     * The ACTIVE grants that expire before {@code before} (already expired ones included), of one owner or (owner
     * null) of all, soonest first, at most {@code limit}. The index is in expiry order, so the read stops at the
     * first later entry: it costs the grants of every owner in the window, not every grant.
     */
    public List<AccessGrant> activeGrantsExpiringBefore(Instant before, String owner, int limit) {
        String end = Keys.sortableTime(before);
        List<AccessGrant> grants = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.GRANT_EXPIRY))) {
            for (KeyValue entry : range) {
                List<String> at = stub.splitCompositeKey(entry.getKey()).getAttributes();
                if (at.get(0).compareTo(end) >= 0 || grants.size() >= limit) {
                    break;
                }
                if (owner == null || owner.equals(at.get(1))) {
                    // The index is a hint under the majority policy; the owner-endorsed grant decides.
                    findGrant(at.get(2), at.get(3), at.get(4))
                            .filter(g -> AccessGrant.ACTIVE.equals(g.getStatus()))
                            .filter(g -> expiryKey(g).equals(entry.getKey()))
                            .ifPresent(grants::add);
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return grants;
    }

    /** The grants on an artifact, to everyone or (with a grantee) to one organisation. */
    public List<AccessGrant> grants(String artifact, String grantee) {
        CompositeKey prefix = grantee == null
                ? Keys.partial(Keys.ACCESS_GRANT, artifact)
                : Keys.partial(Keys.ACCESS_GRANT, artifact, grantee);
        List<AccessGrant> grants = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(prefix)) {
            for (KeyValue entry : range) {
                if (grants.size() >= MAX_GRANTS) {
                    break;
                }
                grants.add(LedgerCodec.decode(entry.getValue(), AccessGrant.class));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return grants;
    }

    public void putRecord(AccessRecord record) {
        String time = Keys.sortableTime(tx.timestamp());
        byte[] bytes = LedgerCodec.encode(record);
        stub.putState(Keys.key(Keys.ACCESS_LOG, record.getArtifact(), time, record.getTxId()), bytes);
        stub.putState(Keys.key(Keys.ACCESS_LOG_BY_ORG, record.getAccessor(), time, record.getTxId()), bytes);
    }

    /** One page of the access log of an artifact or (with {@code byOrganisation}) of an accessing organisation. */
    public Page<AccessRecord> log(String subject, boolean byOrganisation, int pageSize, String bookmark) {
        CompositeKey prefix = Keys.partial(byOrganisation ? Keys.ACCESS_LOG_BY_ORG : Keys.ACCESS_LOG, subject);
        List<AccessRecord> records = new ArrayList<>(pageSize);
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> page = stub.getStateByPartialCompositeKeyWithPagination(
                prefix, pageSize, Bookmarks.decode(prefix.toString(), bookmark))) {
            for (KeyValue entry : page) {
                records.add(LedgerCodec.decode(entry.getValue(), AccessRecord.class));
            }
            next = records.size() < pageSize ? "" : page.getMetadata().getBookmark();
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return new Page<>(records, Bookmarks.encode(next));
    }
}
