package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.AccessRecord;
import org.prooftrail.chaincode.record.GrantStatus;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Reads and writes access grants (all grants on an artifact in one owner-endorsed key, created at registration) and
 * the access log, kept twice in time order: by artifact and by accessing organisation, so both pages cost what the
 * page holds. Log entries are immutable evidence: the artifact's owner and the accessor (or another organisation)
 * must both endorse any change; logging an access writes the artifact's guard, so the owner's peer endorses it.
 */
public final class AccessStore {
    /** At most this many grants are held for one artifact. */
    public static final int MAX_GRANTS = 1000;

    private static final Comparator<AccessGrant> GRANT_ORDER =
            Comparator.comparing(AccessGrant::getGrantee).thenComparing(AccessGrant::getRole);

    private final ChaincodeStub stub;
    private final TxContext tx;
    private final Endorsements endorsements;

    AccessStore(ChaincodeStub stub, TxContext tx, Endorsements endorsements) {
        this.stub = stub;
        this.tx = tx;
        this.endorsements = endorsements;
    }

    public Optional<AccessGrant> findGrant(String artifact, String grantee, String role) {
        return allGrants(artifact).stream()
                .filter(g -> g.getGrantee().equals(grantee) && g.getRole().equals(role))
                .findFirst();
    }

    /** Every grant on the artifact, sorted by grantee and role, from its owner-endorsed grant list. */
    private List<AccessGrant> allGrants(String artifact) {
        byte[] bytes = stub.getState(Keys.key(Keys.ACCESS_GRANTS, artifact));
        return bytes == null || bytes.length == 0
                ? new ArrayList<>()
                : new ArrayList<>(List.of(LedgerCodec.decode(bytes, AccessGrant[].class)));
    }

    /**
     * Writes a grant into the artifact's grant list, replacing the grant of the same grantee and role. The list was
     * created at registration under the owner-only policy, so only a transaction the owner's peer endorses can change
     * it (an artifact registered before the lists existed gets its list here, with that policy). The {@code grantexpiry}
     * index holds exactly the ACTIVE grants: the entry of the grant replaced (if it was active) is removed, and an
     * active grant gets one at its expiry.
     */
    public void putGrant(AccessGrant grant) {
        String key = Keys.key(Keys.ACCESS_GRANTS, grant.getArtifact());
        byte[] stored = stub.getState(key);
        List<AccessGrant> grants = allGrants(grant.getArtifact());
        Optional<AccessGrant> previous = grants.stream()
                .filter(g ->
                        g.getGrantee().equals(grant.getGrantee()) && g.getRole().equals(grant.getRole()))
                .findFirst();
        previous.filter(p -> GrantStatus.ACTIVE.name().equals(p.getStatus()))
                .ifPresent(p -> stub.delState(expiryKey(p)));
        previous.ifPresent(grants::remove);
        if (grants.size() >= MAX_GRANTS) {
            throw ProofTrailException.failedPrecondition("artifact " + grant.getArtifact() + " already has "
                    + MAX_GRANTS + " grants to distinct grantees and roles; revoke and reuse one instead");
        }
        grants.add(grant);
        grants.sort(GRANT_ORDER);
        stub.putState(key, LedgerCodec.store(grants));
        if (stored == null || stored.length == 0) {
            stub.setStateValidationParameter(key, Policies.ownerOnly(grant.getOwner()));
        }
        if (GrantStatus.ACTIVE.name().equals(grant.getStatus())) {
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
                            .filter(g -> GrantStatus.ACTIVE.name().equals(g.getStatus()))
                            .filter(g -> expiryKey(g).equals(entry.getKey()))
                            .ifPresent(grants::add);
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return grants;
    }

    /** The grants on an artifact, to everyone or (with a grantee) to one organisation, by grantee and role. */
    public List<AccessGrant> grants(String artifact, String grantee) {
        List<AccessGrant> grants = allGrants(artifact);
        if (grantee != null) {
            grants.removeIf(g -> !g.getGrantee().equals(grantee));
        }
        return grants;
    }

    /**
     * Writes a log entry (twice: by artifact and by accessor) as evidence that the artifact's owner and the accessor
     * must both endorse to change, and the artifact's guard, so that the owner's peer decides the access too.
     */
    public void putRecord(AccessRecord record) {
        String time = Keys.sortableTime(tx.timestamp());
        byte[] bytes = LedgerCodec.store(record);
        List<String> parties = List.of(record.getOwner(), record.getAccessor());
        endorsements.putEvidence(
                Keys.key(Keys.ACCESS_LOG, record.getArtifact(), time, record.getTxId()), bytes, parties);
        endorsements.putEvidence(
                Keys.key(Keys.ACCESS_LOG_BY_ORG, record.getAccessor(), time, record.getTxId()), bytes, parties);
        endorsements.guard(record.getArtifact());
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
