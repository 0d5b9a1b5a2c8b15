package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.ConsentRecord;
import org.prooftrail.chaincode.record.ErasureLog;
import org.prooftrail.chaincode.record.ErasureReceipt;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * Reads and writes consent: records and the subject list behind the current attestation in the owner's private
 * collection (point reads and writes only in transactions that write, since Fabric refuses writes after a private
 * range query), and in public state the attestations (owner-endorsed), the runs that relied on them, and erasure
 * receipts.
 */
public final class ConsentStore {
    /** The private collection of an organisation's consent records: {@code consent_<MSP ID>}. */
    public static String collectionOf(String mspId) {
        return "consent_" + mspId.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** The private key listing the subjects of a dataset's current attestation for a purpose. */
    private static final String ATTESTED_SUBJECTS = "attestedsubjects";

    private final ChaincodeStub stub;
    private final Endorsements endorsements;

    ConsentStore(ChaincodeStub stub, Endorsements endorsements) {
        this.stub = stub;
        this.endorsements = endorsements;
    }

    public Optional<ConsentRecord> findConsent(String collection, String dataset, String subject) {
        byte[] bytes = readPrivate(collection, Keys.key(Keys.CONSENT, dataset, subject));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(LedgerCodec.decode(bytes, ConsentRecord.class));
    }

    /**
     * A point read of private data. A peer outside the collection refuses it (Fabric: "private data matching public
     * hash version is not available"), and the Java shim passes that on only as "Unsuccessful response received.":
     * say instead what happened and where to ask.
     */
    private byte[] readPrivate(String collection, String key) {
        try {
            return stub.getPrivateData(collection, key);
        } catch (ChaincodeException e) {
            throw unreadable(collection);
        }
    }

    private static ProofTrailException unreadable(String collection) {
        return ProofTrailException.failedPrecondition("this peer cannot read private collection " + collection
                + ": only the peers of its member organisation hold it; evaluate on a peer of "
                + collection.substring("consent_".length()));
    }

    public void putConsent(String collection, ConsentRecord record) {
        stub.putPrivateData(
                collection,
                Keys.key(Keys.CONSENT, record.getDataset(), record.getSubject()),
                LedgerCodec.store(record));
    }

    /** Every consent record of a dataset: a private range query, so only for evaluations. */
    public List<ConsentRecord> consents(String collection, String dataset) {
        List<ConsentRecord> records = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getPrivateDataByPartialCompositeKey(collection, Keys.partial(Keys.CONSENT, dataset))) {
            for (KeyValue entry : range) {
                records.add(LedgerCodec.decode(entry.getValue(), ConsentRecord.class));
            }
        } catch (ChaincodeException e) {
            throw unreadable(collection);
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return records;
    }

    /**
     * Purges a consent record from the collection, everywhere and in its history (Fabric's PurgePrivateData, V2_5),
     * and returns the hex SHA-256 of its key and the hash of its value that remain on the channel.
     */
    public String[] purgeConsent(String collection, String dataset, String subject) {
        String key = Keys.key(Keys.CONSENT, dataset, subject);
        byte[] valueHash = stub.getPrivateDataHash(collection, key);
        stub.purgePrivateData(collection, key);
        String keyHash = Digest.sha256(key.getBytes(StandardCharsets.UTF_8)).hex();
        return new String[] {keyHash, HexFormat.of().formatHex(valueHash == null ? new byte[0] : valueHash)};
    }

    public void putAttestedSubjects(String collection, String dataset, String purpose, List<String> subjects) {
        stub.putPrivateData(collection, Keys.key(ATTESTED_SUBJECTS, dataset, purpose), LedgerCodec.store(subjects));
    }

    @SuppressWarnings("unchecked")
    public List<String> attestedSubjects(String collection, String dataset, String purpose) {
        byte[] bytes = readPrivate(collection, Keys.key(ATTESTED_SUBJECTS, dataset, purpose));
        return bytes == null || bytes.length == 0 ? List.of() : LedgerCodec.decode(bytes, List.class);
    }

    /** Removes the subject list of an attestation, which names an erased subject. */
    public void purgeAttestedSubjects(String collection, String dataset, String purpose) {
        String key = Keys.key(ATTESTED_SUBJECTS, dataset, purpose);
        byte[] bytes = stub.getPrivateDataHash(collection, key);
        if (bytes != null && bytes.length > 0) {
            stub.purgePrivateData(collection, key);
        }
    }

    public Optional<ConsentAttestation> findAttestation(String dataset, String purpose) {
        byte[] bytes = stub.getState(Keys.key(Keys.CONSENT_ATTESTATION, dataset, purpose));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(LedgerCodec.decode(bytes, ConsentAttestation.class));
    }

    /** Writes an attestation; {@code isNew} (at registration) also sets the owner-only endorsement policy. */
    public void putAttestation(ConsentAttestation attestation, boolean isNew) {
        String key = Keys.key(Keys.CONSENT_ATTESTATION, attestation.getDataset(), attestation.getPurpose());
        stub.putState(key, LedgerCodec.store(attestation));
        if (isNew) {
            stub.setStateValidationParameter(key, Policies.ownerOnly(attestation.getOwner()));
        }
    }

    /** Every version an attestation has had, oldest first. */
    public List<ConsentAttestation> attestationHistory(String dataset, String purpose) {
        TreeMap<Long, ConsentAttestation> versions = new TreeMap<>();
        try (QueryResultsIterator<KeyModification> history =
                stub.getHistoryForKey(Keys.key(Keys.CONSENT_ATTESTATION, dataset, purpose))) {
            for (KeyModification modification : history) {
                if (!modification.isDeleted()) {
                    ConsentAttestation a = LedgerCodec.decode(modification.getValue(), ConsentAttestation.class);
                    versions.put(
                            a.getVersion() * 2
                                    + (AttestationStatus.REVOKED.name().equals(a.getStatus()) ? 1 : 0),
                            a);
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return new ArrayList<>(versions.values());
    }

    /**
     * Records that a run relied on version {@code version} of a dataset's attestation for {@code purpose}: immutable
     * evidence that the dataset's owner and the trainer (or another organisation) must both endorse to change.
     */
    public void putConsentUse(String dataset, String purpose, String run, long version, Collection<String> owners) {
        endorsements.putEvidence(
                Keys.key(Keys.CONSENT_USE, dataset, purpose, run),
                Long.toString(version).getBytes(StandardCharsets.UTF_8),
                owners);
    }

    /** The runs that relied on a dataset's attestation for {@code purpose}, with the version each relied on. */
    public Map<String, Long> consentUses(String dataset, String purpose, int limit) {
        Map<String, Long> uses = new TreeMap<>();
        try (QueryResultsIterator<KeyValue> range =
                stub.getStateByPartialCompositeKey(Keys.partial(Keys.CONSENT_USE, dataset, purpose))) {
            for (KeyValue entry : range) {
                if (uses.size() >= limit) {
                    break;
                }
                String run =
                        stub.splitCompositeKey(entry.getKey()).getAttributes().get(2);
                uses.put(run, Long.parseLong(new String(entry.getValue(), StandardCharsets.UTF_8)));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return uses;
    }

    /**
     * Creates a dataset's public consent keys (an empty attestation per purpose, the erasure log), each with the
     * owner-only endorsement policy, and (if it requires consent) its {@code consentdataset} entry. Done at
     * registration, which the majority endorses: later consent transactions read private data that only the owner's
     * peer holds, so they can only ever be endorsed by the owner, and may only update keys whose policy names the
     * owner. Every dataset gets the keys, whether it requires consent or not, so that no majority can create an
     * attestation or an erasure receipt for an owner's dataset without the owner: they already exist.
     */
    public void prepare(String dataset, String owner, boolean requiresConsent, String at, String txId) {
        for (Purpose purpose : Purpose.values()) {
            putAttestation(ConsentAttestation.none(dataset, purpose.name(), owner, at, txId), true);
        }
        String key = Keys.key(Keys.ERASURE_LOG, dataset);
        stub.putState(key, LedgerCodec.store(new ErasureLog(dataset, 0, null)));
        stub.setStateValidationParameter(key, Policies.ownerOnly(owner));
        if (requiresConsent) {
            endorsements.putEvidence(Keys.key(Keys.CONSENT_DATASET, owner, dataset), Keys.PRESENT, List.of(owner));
        }
    }

    /**
     * The consent-requiring datasets of one owner or (owner null) of every organisation, as {@code [owner, dataset]}
     * pairs in key order, at most {@code limit}: a prefix read of the {@code consentdataset} index.
     */
    public List<String[]> consentDatasets(String owner, int limit) {
        List<String[]> datasets = new ArrayList<>();
        var prefix = owner == null ? Keys.partial(Keys.CONSENT_DATASET) : Keys.partial(Keys.CONSENT_DATASET, owner);
        try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(prefix)) {
            for (KeyValue entry : range) {
                if (datasets.size() >= limit) {
                    break;
                }
                List<String> at = stub.splitCompositeKey(entry.getKey()).getAttributes();
                datasets.add(new String[] {at.get(0), at.get(1)});
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return datasets;
    }

    /**
     * Every record an attestation key has held, in the order history returns them (Fabric: newest first), without
     * folding versions together: a version that was ACTIVE and then STALE appears twice.
     */
    public List<ConsentAttestation> attestationRecords(String dataset, String purpose) {
        List<ConsentAttestation> records = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history =
                stub.getHistoryForKey(Keys.key(Keys.CONSENT_ATTESTATION, dataset, purpose))) {
            for (KeyModification modification : history) {
                if (!modification.isDeleted()) {
                    records.add(LedgerCodec.decode(modification.getValue(), ConsentAttestation.class));
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return records;
    }

    public Optional<ErasureLog> erasureLog(String dataset) {
        byte[] bytes = stub.getState(Keys.key(Keys.ERASURE_LOG, dataset));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(LedgerCodec.decode(bytes, ErasureLog.class));
    }

    public void putErasure(ErasureLog log) {
        stub.putState(Keys.key(Keys.ERASURE_LOG, log.getDataset()), LedgerCodec.store(log));
    }

    /** The receipt of the erasure in transaction {@code txId} of {@code dataset}, from the erasure log's history. */
    public Optional<ErasureReceipt> findErasure(String dataset, String txId) {
        try (QueryResultsIterator<KeyModification> history =
                stub.getHistoryForKey(Keys.key(Keys.ERASURE_LOG, dataset))) {
            for (KeyModification modification : history) {
                if (!modification.isDeleted()) {
                    ErasureReceipt last = LedgerCodec.decode(modification.getValue(), ErasureLog.class)
                            .getLast();
                    if (last != null && last.getTxId().equals(txId)) {
                        return Optional.of(last);
                    }
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return Optional.empty();
    }
}
