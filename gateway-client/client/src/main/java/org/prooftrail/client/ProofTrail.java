package org.prooftrail.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Contracts;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * The prooftrail library: one method per use case of the prooftrail contracts, over a {@link LedgerTransport} (a Fabric gateway or the embedded ledger). Each returns
 * an immutable result type read from the chaincode's answer (each also keeps that answer as sorted JSON in
 * {@code json()}). Methods throw only {@link ProofTrailClientException} and its subclasses; an answer this client
 * cannot read (a field missing, a status it does not know) is a {@code ProofTrailClientException} naming the field.
 */
public final class ProofTrail implements AutoCloseable {
    /** The page size in which an attestation collects the consenting subjects (the chaincode allows 10,000). */
    static final int SUBJECTS_PAGE_SIZE = 10_000;

    private final LedgerTransport transport;

    private ProofTrail(LedgerTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    public static ProofTrail over(LedgerTransport transport) {
        return new ProofTrail(transport);
    }

    public LedgerTransport transport() {
        return transport;
    }

    public ArtifactRecord register(Registration registration) {
        Objects.requireNonNull(registration, "registration");
        return Answers.artifact(submit(Transaction.ARTIFACT_REGISTER, Json.write(registration.toArgument())));
    }

    public ArtifactRecord get(String id) {
        return Answers.artifact(evaluate(Transaction.ARTIFACT_GET, id));
    }

    public VerificationOutcome verify(String id, Digest digest) {
        return Answers.verification(evaluate(Transaction.ARTIFACT_VERIFY, id, digest.toString()));
    }

    /** Records on the ledger that this party checked its copy (the chaincode decides whether it matched). */
    public VerificationRecord recordVerification(String id, Digest seen, Purpose purpose, String note) {
        Map<String, Object> argument = new TreeMap<>();
        argument.put("id", Objects.requireNonNull(id, "id"));
        argument.put("digest", seen.toString());
        argument.put("purpose", purpose.name());
        if (note != null && !note.isEmpty()) {
            argument.put("note", note);
        }
        return Answers.verificationRecord(submit(Transaction.ARTIFACT_RECORD_VERIFICATION, Json.write(argument)));
    }

    public ArtifactRecord setStatus(String id, ArtifactStatus status, String reason) {
        return Answers.artifact(submit(Transaction.ARTIFACT_SET_STATUS, id, status.name(), reason));
    }

    /** The registration and every status change, oldest first. */
    public List<HistoryEntry> history(String id) {
        return evaluateArray(Transaction.ARTIFACT_HISTORY, id).stream()
                .map(Answers::historyEntry)
                .toList();
    }

    /** One page of artifacts; {@code kind} and {@code owner} may be null, {@code bookmark} empty for page one. */
    public Page<ArtifactRecord> list(ArtifactKind kind, String owner, int pageSize, String bookmark) {
        Map<String, Object> query = new TreeMap<>();
        if (kind != null) {
            query.put("kind", kind.name());
        }
        if (owner != null) {
            query.put("owner", owner);
        }
        query.put("pageSize", pageSize);
        if (bookmark != null && !bookmark.isEmpty()) {
            query.put("bookmark", bookmark);
        }
        return Answers.page(evaluate(Transaction.ARTIFACT_LIST, Json.write(query)), Answers::artifact);
    }

    /** Asks the chain whether a leaf is in the artifact's registered Merkle tree. */
    public InclusionCheck verifyInclusion(String id, Digest leafHash, String proofJson) {
        return Answers.inclusion(evaluate(Transaction.ARTIFACT_VERIFY_INCLUSION, id, leafHash.toString(), proofJson));
    }

    /** Records a training run; {@code runJson} is the {@code lineage:RecordRun} document. */
    public TrainingRun recordRun(String runJson) {
        return Answers.run(submit(Transaction.LINEAGE_RECORD_RUN, runJson));
    }

    public TrainingRun getRun(String id) {
        return Answers.run(evaluate(Transaction.LINEAGE_GET_RUN, id));
    }

    public Deployment recordDeployment(String id, String model, String environment, String endpoint) {
        return recordDeployment(id, model, environment, endpoint, null);
    }

    /**
     * Records a deployment. The ledger refuses a TAINTED model, and an AT_RISK one unless {@code acceptRisk} (may be
     * null) gives the deployer's reason for going ahead, which is then recorded on the deployment with the risks.
     */
    public Deployment recordDeployment(
            String id, String model, String environment, String endpoint, String acceptRisk) {
        Map<String, Object> argument = new TreeMap<>();
        if (acceptRisk != null) {
            argument.put("acceptRisk", acceptRisk);
        }
        argument.put("id", Objects.requireNonNull(id, "id"));
        argument.put("model", Objects.requireNonNull(model, "model"));
        argument.put("environment", Objects.requireNonNull(environment, "environment"));
        if (endpoint != null) {
            argument.put("endpoint", endpoint);
        }
        return Answers.deployment(submit(Transaction.LINEAGE_RECORD_DEPLOYMENT, Json.write(argument)));
    }

    public Deployment getDeployment(String id) {
        return Answers.deployment(evaluate(Transaction.LINEAGE_GET_DEPLOYMENT, id));
    }

    public Deployment retireDeployment(String id, String reason) {
        return Answers.deployment(submit(Transaction.LINEAGE_RETIRE_DEPLOYMENT, id, reason));
    }

    /** Everything that went into {@code id}, {@code depth} levels deep (1 to 32). */
    public LineageGraph upstream(String id, int depth) {
        return Answers.graph(evaluate(Transaction.LINEAGE_UPSTREAM, id, Integer.toString(depth)));
    }

    /** Everything derived from {@code id}, {@code depth} levels deep (1 to 32). */
    public LineageGraph downstream(String id, int depth) {
        return Answers.graph(evaluate(Transaction.LINEAGE_DOWNSTREAM, id, Integer.toString(depth)));
    }

    /**
     * The compliance of an artifact, run or deployment, from its whole upstream: {@code status} (CLEAR, AT_RISK or
     * TAINTED) and {@code reasons}, each with its node and transaction.
     */
    public ComplianceReport compliance(String id) {
        return Answers.compliance(evaluate(Transaction.LINEAGE_COMPLIANCE, id));
    }

    /**
     * What needs action: grants and consent attestations that expire within {@code withinDays} days, stale
     * attestations, and active deployments that are AT_RISK or TAINTED; {@code owner} (may be null) narrows it to one
     * organisation. {@code needsAction} says whether anything was found.
     */
    public ComplianceScan complianceScan(String owner, int withinDays) {
        Map<String, Object> query = new TreeMap<>();
        if (owner != null) {
            query.put("owner", owner);
        }
        query.put("withinDays", withinDays);
        return Answers.scan(evaluate(Transaction.LINEAGE_COMPLIANCE_SCAN, Json.write(query)));
    }

    /** Every recorded verification of an artifact (matches and mismatches), oldest first. */
    public ArtifactVerifications verifications(String id) {
        return Answers.verifications(evaluate(Transaction.ARTIFACT_VERIFICATIONS, id));
    }

    // Federated learning.

    /**
     * Opens a federation that this organisation coordinates, over its registered global model {@code model}: the
     * {@code members} (MSP IDs) that may submit updates, the aggregation {@code rule} (for example {@code fedavg}),
     * the minimum of updates per round and, if not null, how long a round stays open (one day otherwise).
     */
    public Federation openFederation(
            String id, String model, Set<String> members, String rule, int minParticipants, Duration roundLength) {
        Map<String, Object> federation = new TreeMap<>();
        federation.put("id", Objects.requireNonNull(id, "id"));
        federation.put("model", Objects.requireNonNull(model, "model"));
        federation.put("members", new ArrayList<>(new TreeSet<>(Objects.requireNonNull(members, "members"))));
        federation.put("rule", Objects.requireNonNull(rule, "rule"));
        federation.put("minParticipants", minParticipants);
        federation.put("purpose", Purpose.TRAINING.name());
        if (roundLength != null) {
            federation.put("roundSeconds", roundLength.toSeconds());
        }
        return Answers.federation(submit(Transaction.FEDERATION_OPEN, Json.write(federation)));
    }

    /** Opens round {@code round} (the coordinator only); {@code deadline} (may be null) overrides the round length. */
    public FederationRound openRound(String federation, long round, Duration deadline) {
        Map<String, Object> argument = new TreeMap<>();
        argument.put("federation", Objects.requireNonNull(federation, "federation"));
        argument.put("round", round);
        if (deadline != null) {
            argument.put("deadlineSeconds", deadline.toSeconds());
        }
        return Answers.federationRound(submit(Transaction.FEDERATION_OPEN_ROUND, Json.write(argument)));
    }

    /**
     * Submits this member's update in an open round: its digest (the update stays here), the local {@code datasets}
     * trained on (id to the digest of the copy used) and the sample count.
     */
    public FederatedUpdate submitUpdate(
            String federation, long round, String id, Digest digest, Map<String, Digest> datasets, long samples) {
        Map<String, Object> update = new TreeMap<>();
        update.put("federation", Objects.requireNonNull(federation, "federation"));
        update.put("round", round);
        update.put("id", Objects.requireNonNull(id, "id"));
        update.put("digest", digest.toString());
        List<Map<String, Object>> used = new ArrayList<>();
        new TreeMap<>(datasets).forEach((dataset, seen) -> used.add(Map.of("id", dataset, "digest", seen.toString())));
        update.put("datasets", used);
        update.put("samples", samples);
        return Answers.federatedUpdate(submit(Transaction.FEDERATION_SUBMIT_UPDATE, Json.write(update)));
    }

    /**
     * Records the aggregation of a round (the coordinator only): the new global {@code model}, registered with
     * {@code digest}, and the included {@code updates} (id to digest), whose Merkle root this computes in id order.
     */
    public FederationRound aggregate(
            String federation, long round, String model, Digest digest, Map<String, Digest> updates) {
        SortedMap<String, Digest> included = new TreeMap<>(updates);
        Map<String, Object> aggregation = new TreeMap<>();
        aggregation.put("federation", Objects.requireNonNull(federation, "federation"));
        aggregation.put("round", round);
        aggregation.put("model", Objects.requireNonNull(model, "model"));
        aggregation.put("digest", digest.toString());
        aggregation.put("updates", new ArrayList<>(included.keySet()));
        aggregation.put(
                "merkleRoot",
                Merkle.rootOfDigests(new ArrayList<>(included.values())).toString());
        return Answers.federationRound(submit(Transaction.FEDERATION_AGGREGATE, Json.write(aggregation)));
    }

    /** The federation and its latest round. */
    public Federation federation(String id) {
        return Answers.federation(evaluate(Transaction.FEDERATION_GET, id));
    }

    /** Every round of the federation with the updates submitted in it, oldest first. */
    public FederationHistory federationHistory(String id) {
        return Answers.federationHistory(evaluate(Transaction.FEDERATION_HISTORY, id));
    }

    // Access grants and the access log.

    /** Grants {@code grantee} (and, if {@code role} is not null, only that role in it) access for purposes. */
    public AccessGrant grantAccess(
            String artifact, String grantee, String role, Set<Purpose> purposes, Instant expiresAt) {
        Map<String, Object> grant = new TreeMap<>();
        grant.put("artifact", Objects.requireNonNull(artifact, "artifact"));
        grant.put("grantee", Objects.requireNonNull(grantee, "grantee"));
        if (role != null) {
            grant.put("role", role);
        }
        grant.put("purposes", names(purposes));
        grant.put("expiresAt", Objects.requireNonNull(expiresAt, "expiresAt").toString());
        return Answers.grant(submit(Transaction.ACCESS_GRANT, Json.write(grant)));
    }

    public AccessGrant revokeAccess(String artifact, String grantee, String role, String reason) {
        return Answers.grant(submit(Transaction.ACCESS_REVOKE, artifact, grantee, role == null ? "" : role, reason));
    }

    /** Logs this organisation's access; the answer says whether the grants allowed it (a denial is recorded too). */
    public AccessRecord logAccess(String artifact, Purpose purpose, String note) {
        Map<String, Object> access = new TreeMap<>();
        access.put("artifact", Objects.requireNonNull(artifact, "artifact"));
        access.put("purpose", purpose.name());
        if (note != null && !note.isEmpty()) {
            access.put("note", note);
        }
        return Answers.access(submit(Transaction.ACCESS_LOG, Json.write(access)));
    }

    public List<AccessGrant> accessGrants(String artifact) {
        return evaluateArray(Transaction.ACCESS_GRANTS, artifact).stream()
                .map(Answers::grant)
                .toList();
    }

    /** One page of the access log of an artifact, or (artifact null) of an accessing organisation. */
    public Page<AccessRecord> accessLog(String artifact, String org, int pageSize, String bookmark) {
        Map<String, Object> query = new TreeMap<>();
        if (artifact != null) {
            query.put("artifact", artifact);
        }
        if (org != null) {
            query.put("org", org);
        }
        query.put("pageSize", pageSize);
        if (bookmark != null && !bookmark.isEmpty()) {
            query.put("bookmark", bookmark);
        }
        return Answers.page(evaluate(Transaction.ACCESS_LOGS, Json.write(query)), Answers::access);
    }

    // Consent: subject references travel only in the transient map.

    public ConsentReceipt grantConsent(
            SubjectRef subject, String dataset, Set<Purpose> purposes, Instant expiresAt, Digest formDigest) {
        Map<String, Object> consent = new TreeMap<>();
        consent.put("subject", subject.hex());
        consent.put("dataset", Objects.requireNonNull(dataset, "dataset"));
        consent.put("purposes", names(purposes));
        consent.put("expiresAt", Objects.requireNonNull(expiresAt, "expiresAt").toString());
        consent.put("formDigest", formDigest.toString());
        return Answers.consentReceipt(submitPrivately(Transaction.CONSENT_GRANT, Map.of("consent", consent)));
    }

    public ConsentReceipt revokeConsent(SubjectRef subject, String dataset, String reason) {
        return Answers.consentReceipt(submitPrivately(
                Transaction.CONSENT_REVOKE,
                Map.of("consent", Map.of("subject", subject.hex(), "dataset", dataset, "reason", reason))));
    }

    public ConsentCheck checkConsent(SubjectRef subject, String dataset, Purpose purpose) {
        return Answers.consentCheck(evaluatePrivately(
                Transaction.CONSENT_CHECK,
                Map.of("consent", Map.of("subject", subject.hex())),
                dataset,
                purpose.name()));
    }

    /**
     * Publishes the dataset's consent attestation for a purpose: asks the owner's peer which subjects consent now,
     * then submits them (in the transient map) for the chaincode to check and count.
     */
    public ConsentAttestation attestConsent(String dataset, Purpose purpose) {
        List<Object> subjects = new ArrayList<>();
        String bookmark = "";
        do {
            Answer page = evaluatePrivately(
                    Transaction.CONSENT_SUBJECTS,
                    Map.of(),
                    dataset,
                    purpose.name(),
                    Integer.toString(SUBJECTS_PAGE_SIZE),
                    bookmark);
            subjects.addAll(page.strings("items"));
            bookmark = page.optionalString("bookmark").orElse("");
        } while (!bookmark.isEmpty());
        return Answers.attestation(submitPrivately(
                Transaction.CONSENT_ATTEST, Map.of("subjects", Map.of("subjects", subjects)), dataset, purpose.name()));
    }

    public ConsentAttestation revokeConsentAttestation(String dataset, Purpose purpose, String reason) {
        return Answers.attestation(submit(Transaction.CONSENT_REVOKE_ATTESTATION, dataset, purpose.name(), reason));
    }

    public ConsentAttestation consentAttestation(String dataset, Purpose purpose) {
        return Answers.attestation(evaluate(Transaction.CONSENT_GET_ATTESTATION, dataset, purpose.name()));
    }

    /** An inclusion proof of one subject in the current attestation, from the owner's peer. */
    public ConsentProof proveConsent(SubjectRef subject, String dataset, Purpose purpose) {
        return Answers.consentProof(evaluatePrivately(
                Transaction.CONSENT_PROVE,
                Map.of("consent", Map.of("subject", subject.hex())),
                dataset,
                purpose.name()));
    }

    /** Checks such a proof against the public attestation; anyone may. */
    public ConsentInclusion verifyConsentInclusion(String dataset, Purpose purpose, Digest leaf, String proofJson) {
        return Answers.consentInclusion(
                evaluate(Transaction.CONSENT_VERIFY_INCLUSION, dataset, purpose.name(), leaf.toString(), proofJson));
    }

    /** Purges a subject's consent and publishes an erasure receipt. */
    public ErasureReceipt eraseConsent(SubjectRef subject, String dataset, String reason) {
        return Answers.erasure(submitPrivately(
                Transaction.CONSENT_ERASE,
                Map.of("consent", Map.of("subject", subject.hex(), "dataset", dataset, "reason", reason))));
    }

    public ErasureReceipt erasure(String receiptId) {
        return Answers.erasure(evaluate(Transaction.CONSENT_GET_ERASURE, receiptId));
    }

    private static List<String> names(Set<Purpose> purposes) {
        if (purposes == null || purposes.isEmpty()) {
            throw new IllegalArgumentException("at least one purpose is needed");
        }
        return purposes.stream().map(Purpose::name).sorted().toList();
    }

    private Answer submitPrivately(Transaction transaction, Map<String, Object> transientJson, String... args) {
        return Answer.parse(
                transport
                        .submit(transaction, List.of(args), encode(transientJson))
                        .payload(),
                transaction.qualifiedName());
    }

    /**
     * Evaluates a query that answers from private data, with the transient marker ({@link
     * Contracts#TRANSIENT_EVALUATE}) without which the chaincode refuses it: only this path sets the marker, so such
     * a query is never submitted and its answer never reaches a block.
     */
    private Answer evaluatePrivately(Transaction transaction, Map<String, Object> transientJson, String... args) {
        Map<String, byte[]> transientData = encode(transientJson);
        transientData.put(Contracts.TRANSIENT_EVALUATE, "true".getBytes(StandardCharsets.UTF_8));
        return Answer.parse(transport.evaluate(transaction, List.of(args), transientData), transaction.qualifiedName());
    }

    private static Map<String, byte[]> encode(Map<String, Object> transientJson) {
        Map<String, byte[]> encoded = new TreeMap<>();
        transientJson.forEach((key, value) -> encoded.put(key, Json.write(value).getBytes(StandardCharsets.UTF_8)));
        return encoded;
    }

    private Answer submit(Transaction transaction, String... arguments) {
        return Answer.parse(
                transport.submit(transaction, List.of(arguments), Map.of()).payload(), transaction.qualifiedName());
    }

    private Answer evaluate(Transaction transaction, String... arguments) {
        return Answer.parse(transport.evaluate(transaction, List.of(arguments)), transaction.qualifiedName());
    }

    private List<Answer> evaluateArray(Transaction transaction, String... arguments) {
        return Answer.parseArray(transport.evaluate(transaction, List.of(arguments)), transaction.qualifiedName());
    }

    @Override
    public void close() {
        transport.close();
    }
}
