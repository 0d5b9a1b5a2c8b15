package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.ArtifactState;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentState;
import org.prooftrail.chaincode.record.DeploymentStatus;
import org.prooftrail.chaincode.record.ErasureLog;
import org.prooftrail.chaincode.record.GrantStatus;
import org.prooftrail.chaincode.record.VerificationRecord;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Purpose;

/**
 * Back-fills, for one artifact or deployment written by an earlier release, the keys and key-level policies that
 * today's rules expect and that release did not write (docs/releases.md): the guard, the member entry, the digest
 * index, the grant list (adopting the 0.1.0 per-grant keys {@code accessgrant/<artifact>/<grantee>/<role>}, which
 * are then deleted), the grant-expiry entries, every {@code DATASET}'s attestation and erasure-log keys, the
 * {@code consentdataset} and {@code activedeployment} scan indexes, the {@code verified} index, and the
 * owner-and-another policies of the record, its listing indexes and its derivation edges.
 *
 * <p>Every step writes only what is missing, so running it again writes nothing. When it writes anything it also
 * stores the artifact's (or deployment's) state again in the current format: that key has carried the owner-only
 * policy since release 0.1.0, so the transaction needs the owner's own peer, which runs this code, whatever else
 * it writes.
 */
public final class UpgradeStore {
    /**
     * {@code accessgrant/<artifact>/<grantee>/<role>}: release 0.1.0's one key per grant, owner-endorsed; read only
     * here, to adopt its grants into the artifact's grant list.
     */
    static final String LEGACY_ACCESS_GRANT = "accessgrant";

    private final ChaincodeStub stub;
    private final Endorsements endorsements;
    private final AccessStore access;
    private final ConsentStore consent;
    private final List<String> done = new ArrayList<>();

    UpgradeStore(ChaincodeStub stub, Endorsements endorsements, AccessStore access, ConsentStore consent) {
        this.stub = stub;
        this.endorsements = endorsements;
        this.access = access;
        this.consent = consent;
    }

    /** What an upgrade of one artifact or deployment did: the keys it created or changed, the grants it adopted. */
    public static final class Outcome {
        private final List<String> backfilled;
        private final List<AccessGrant> adopted;

        Outcome(List<String> backfilled, List<AccessGrant> adopted) {
            this.backfilled = List.copyOf(backfilled);
            this.adopted = List.copyOf(adopted);
        }

        /** The keys written, as {@code type/attribute/...}, in the order written; empty when already up to date. */
        public List<String> backfilled() {
            return backfilled;
        }

        /** The 0.1.0 grants copied into the grant list (their old keys deleted). */
        public List<AccessGrant> adopted() {
            return adopted;
        }
    }

    /** Back-fills what the artifact lacks; see the class comment. {@code parentOwners} maps each parent to its owner. */
    public Outcome upgradeArtifact(Artifact artifact, Map<String, String> parentOwners, String at, String txId) {
        done.clear();
        String id = artifact.getId();
        String owner = artifact.getOwner();
        if (!endorsements.members().contains(owner)) {
            endorsements.recordMember(owner);
            done.add(Keys.MEMBER + "/" + owner);
        }
        List<String> owners = List.of(owner);
        protect(Keys.key(Keys.ARTIFACT, id), owners, Keys.ARTIFACT + "/" + id);
        protect(Keys.key(Keys.ARTIFACT_BY_KIND, artifact.getKind(), owner, id), owners, Keys.ARTIFACT_BY_KIND);
        protect(Keys.key(Keys.ARTIFACT_BY_OWNER, owner, id), owners, Keys.ARTIFACT_BY_OWNER);
        for (String parent : artifact.getParents()) {
            String parentOwner = parentOwners.get(parent);
            protect(
                    Keys.key(Keys.CHILD, parent, id),
                    parentOwner == null ? owners : List.of(owner, parentOwner),
                    Keys.CHILD + "/" + parent + "/" + id);
        }
        String digestKey = Keys.key(Keys.ARTIFACT_BY_DIGEST, artifact.getDigest(), id);
        if (absent(digestKey)) {
            endorsements.putEvidence(digestKey, Keys.PRESENT, owners);
            done.add(Keys.ARTIFACT_BY_DIGEST + "/" + artifact.getDigest() + "/" + id);
        }
        if (absent(Keys.key(Keys.ARTIFACT_GUARD, id))) {
            endorsements.createGuard(id, owner);
            done.add(Keys.ARTIFACT_GUARD + "/" + id);
        }
        List<AccessGrant> adopted = adoptGrants(id, owner);
        if (ArtifactKind.DATASET.name().equals(artifact.getKind())) {
            prepareConsentKeys(artifact, at, txId);
        }
        backfillVerified(id);
        if (!done.isEmpty()) {
            String stateKey = Keys.key(Keys.ARTIFACT_STATE, id);
            ArtifactState state = LedgerCodec.decode(stub.getState(stateKey), ArtifactState.class);
            stub.putState(stateKey, LedgerCodec.store(state));
            done.add(Keys.ARTIFACT_STATE + "/" + id);
        }
        return new Outcome(done, adopted);
    }

    /**
     * Back-fills what a deployment lacks: its entry among active deployments (the scan index) while it is active,
     * and the owner-and-another policies of its record and {@code deployed} edge.
     */
    public Outcome upgradeDeployment(Deployment deployment, String modelOwner) {
        done.clear();
        String id = deployment.getId();
        List<String> parties = modelOwner == null
                ? List.of(deployment.getOwner())
                : List.copyOf(new TreeSet<>(List.of(deployment.getOwner(), modelOwner)));
        protect(Keys.key(Keys.DEPLOYMENT, id), parties, Keys.DEPLOYMENT + "/" + id);
        protect(Keys.key(Keys.DEPLOYED, deployment.getModel(), id), parties, Keys.DEPLOYED);
        String stateKey = Keys.key(Keys.DEPLOYMENT_STATE, id);
        DeploymentState state = LedgerCodec.decode(stub.getState(stateKey), DeploymentState.class);
        String activeKey = Keys.key(Keys.ACTIVE_DEPLOYMENT, deployment.getOwner(), id);
        if (DeploymentStatus.ACTIVE.name().equals(state.getStatus()) && absent(activeKey)) {
            stub.putState(activeKey, Keys.PRESENT);
            stub.setStateValidationParameter(activeKey, Policies.ownerOnly(deployment.getOwner()));
            done.add(Keys.ACTIVE_DEPLOYMENT + "/" + deployment.getOwner() + "/" + id);
        }
        if (!done.isEmpty()) {
            stub.putState(stateKey, LedgerCodec.store(state));
            done.add(Keys.DEPLOYMENT_STATE + "/" + id);
        }
        return new Outcome(done, List.of());
    }

    /** Sets the owners-and-another policy on an existing key that has no key-level policy yet. */
    private void protect(String key, List<String> owners, String name) {
        if (!absent(key) && noPolicy(key)) {
            stub.setStateValidationParameter(
                    key, Policies.ownersAndAnother(new TreeSet<>(owners), endorsements.members()));
            done.add(name + " (policy)");
        }
    }

    /**
     * Copies the 0.1.0 per-grant keys into the grant list (a grant the list already has for the same grantee and role
     * is newer and wins), creates the list if missing, and deletes the old keys so that nothing reads them again.
     */
    private List<AccessGrant> adoptGrants(String artifact, String owner) {
        List<AccessGrant> legacy = new ArrayList<>();
        List<String> legacyKeys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(LEGACY_ACCESS_GRANT, artifact))) {
            for (KeyValue entry : range) {
                legacyKeys.add(entry.getKey());
                legacy.add(LedgerCodec.decode(entry.getValue(), AccessGrant.class));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        String listKey = Keys.key(Keys.ACCESS_GRANTS, artifact);
        boolean listMissing = absent(listKey);
        if (legacy.isEmpty() && !listMissing) {
            return List.of();
        }
        List<AccessGrant> adopted = new ArrayList<>();
        List<AccessGrant> grants = access.grants(artifact, null);
        for (AccessGrant grant : legacy) {
            boolean known = grants.stream()
                    .anyMatch(g -> g.getGrantee().equals(grant.getGrantee())
                            && g.getRole().equals(grant.getRole()));
            if (!known) {
                grants.add(grant);
                adopted.add(grant);
            }
        }
        grants.sort(Comparator.comparing(AccessGrant::getGrantee).thenComparing(AccessGrant::getRole));
        stub.putState(listKey, LedgerCodec.store(grants));
        if (listMissing) {
            stub.setStateValidationParameter(listKey, Policies.ownerOnly(owner));
        }
        done.add(Keys.ACCESS_GRANTS + "/" + artifact);
        for (AccessGrant grant : adopted) {
            if (GrantStatus.ACTIVE.name().equals(grant.getStatus())) {
                String expiry = Keys.key(
                        Keys.GRANT_EXPIRY,
                        Keys.sortableTime(Instant.parse(grant.getExpiresAt())),
                        grant.getOwner(),
                        grant.getArtifact(),
                        grant.getGrantee(),
                        grant.getRole());
                stub.putState(expiry, Keys.PRESENT);
                done.add(Keys.GRANT_EXPIRY + "/" + grant.getGrantee() + "/" + grant.getRole());
            }
        }
        for (String key : legacyKeys) {
            stub.delState(key);
        }
        if (!legacyKeys.isEmpty()) {
            done.add(LEGACY_ACCESS_GRANT + "/" + artifact + " (" + legacyKeys.size() + " deleted)");
        }
        return adopted;
    }

    /**
     * The public consent keys every dataset has had since wave 2 (an attestation per purpose, the erasure log, each
     * owner-only) and, for a consent-requiring dataset, its {@code consentdataset} scan entry. Release 0.1.0 made the
     * first two only for consent-requiring datasets, and not for purposes added since ({@code DERIVE}).
     */
    private void prepareConsentKeys(Artifact dataset, String at, String txId) {
        String id = dataset.getId();
        String owner = dataset.getOwner();
        for (Purpose purpose : Purpose.values()) {
            if (absent(Keys.key(Keys.CONSENT_ATTESTATION, id, purpose.name()))) {
                consent.putAttestation(ConsentAttestation.none(id, purpose.name(), owner, at, txId), true);
                done.add(Keys.CONSENT_ATTESTATION + "/" + id + "/" + purpose.name());
            }
        }
        String erasure = Keys.key(Keys.ERASURE_LOG, id);
        if (absent(erasure)) {
            stub.putState(erasure, LedgerCodec.store(new ErasureLog(id, 0, null)));
            stub.setStateValidationParameter(erasure, Policies.ownerOnly(owner));
            done.add(Keys.ERASURE_LOG + "/" + id);
        }
        String index = Keys.key(Keys.CONSENT_DATASET, owner, id);
        if (Boolean.TRUE.equals(dataset.getRequiresConsent()) && absent(index)) {
            endorsements.putEvidence(index, Keys.PRESENT, List.of(owner));
            done.add(Keys.CONSENT_DATASET + "/" + owner + "/" + id);
        }
    }

    /** The {@code verified} entries of matching verifications recorded before the index existed. */
    private void backfillVerified(String id) {
        Map<String, VerificationRecord> matching = new TreeMap<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.VERIFICATION, id))) {
            for (KeyValue entry : range) {
                VerificationRecord record = LedgerCodec.decode(entry.getValue(), VerificationRecord.class);
                if (record.getMatch()) {
                    matching.put(entry.getKey(), record);
                }
                if (matching.size() >= ArtifactStore.MAX_VERIFICATIONS) {
                    break;
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        for (VerificationRecord record : matching.values()) {
            String key = Keys.key(
                    Keys.VERIFIED,
                    record.getId(),
                    record.getVerifierOrg(),
                    Keys.sortableTime(Instant.parse(record.getVerifiedAt())),
                    record.getTxId());
            if (absent(key)) {
                endorsements.putEvidence(key, Keys.PRESENT, List.of(record.getVerifierOrg()));
                done.add(Keys.VERIFIED + "/" + id + "/" + record.getVerifierOrg() + "/" + record.getTxId());
            }
        }
    }

    /** The owner of an artifact, if it exists (a lookup for parents and models). */
    public Optional<String> ownerOf(String artifactId) {
        byte[] bytes = stub.getState(Keys.key(Keys.ARTIFACT, artifactId));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(LedgerCodec.decode(bytes, Artifact.class).getOwner());
    }

    private boolean absent(String key) {
        byte[] value = stub.getState(key);
        return value == null || value.length == 0;
    }

    private boolean noPolicy(String key) {
        byte[] policy = stub.getStateValidationParameter(key);
        return policy == null || policy.length == 0;
    }
}
