package org.prooftrail.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Contracts;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * The prooftrail library: one method per use case of the prooftrail contracts, over a
 * {@link LedgerTransport} (a Fabric gateway or the embedded ledger). Methods throw only
 * {@link ProofTrailClientException} and its subclasses.
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
        return new ArtifactRecord(submit(Transaction.ARTIFACT_REGISTER, JsonDocument.write(registration.toArgument())));
    }

    public ArtifactRecord get(String id) {
        return new ArtifactRecord(evaluate(Transaction.ARTIFACT_GET, id));
    }

    public VerificationOutcome verify(String id, Digest digest) {
        return new VerificationOutcome(evaluate(Transaction.ARTIFACT_VERIFY, id, digest.toString()));
    }

    /** Records on the ledger that this party checked its copy (the chaincode decides whether it matched). */
    public JsonDocument recordVerification(String id, Digest seen, Purpose purpose, String note) {
        Map<String, Object> argument = new TreeMap<>();
        argument.put("id", Objects.requireNonNull(id, "id"));
        argument.put("digest", seen.toString());
        argument.put("purpose", purpose.name());
        if (note != null && !note.isEmpty()) {
            argument.put("note", note);
        }
        return submit(Transaction.ARTIFACT_RECORD_VERIFICATION, JsonDocument.write(argument));
    }

    public ArtifactRecord setStatus(String id, ArtifactStatus status, String reason) {
        return new ArtifactRecord(submit(Transaction.ARTIFACT_SET_STATUS, id, status.name(), reason));
    }

    /** The registration and every status change, oldest first. */
    public JsonDocument history(String id) {
        return evaluate(Transaction.ARTIFACT_HISTORY, id);
    }

    /** One page of artifacts; {@code kind} and {@code owner} may be null, {@code bookmark} empty for page one. */
    public JsonDocument list(ArtifactKind kind, String owner, int pageSize, String bookmark) {
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
        return evaluate(Transaction.ARTIFACT_LIST, JsonDocument.write(query));
    }

    /** Asks the chain whether a leaf is in the artifact's registered Merkle tree. */
    public JsonDocument verifyInclusion(String id, Digest leafHash, String proofJson) {
        return evaluate(Transaction.ARTIFACT_VERIFY_INCLUSION, id, leafHash.toString(), proofJson);
    }

    /** Records a training run; {@code runJson} is the {@code lineage:RecordRun} document. */
    public JsonDocument recordRun(String runJson) {
        return submit(Transaction.LINEAGE_RECORD_RUN, runJson);
    }

    public JsonDocument getRun(String id) {
        return evaluate(Transaction.LINEAGE_GET_RUN, id);
    }

    public JsonDocument recordDeployment(String id, String model, String environment, String endpoint) {
        return recordDeployment(id, model, environment, endpoint, null);
    }

    /**
     * Records a deployment. The ledger refuses a TAINTED model, and an AT_RISK one unless {@code acceptRisk} (may be
     * null) gives the deployer's reason for going ahead, which is then recorded on the deployment with the risks.
     */
    public JsonDocument recordDeployment(
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
        return submit(Transaction.LINEAGE_RECORD_DEPLOYMENT, JsonDocument.write(argument));
    }

    public JsonDocument getDeployment(String id) {
        return evaluate(Transaction.LINEAGE_GET_DEPLOYMENT, id);
    }

    public JsonDocument retireDeployment(String id, String reason) {
        return submit(Transaction.LINEAGE_RETIRE_DEPLOYMENT, id, reason);
    }

    public JsonDocument upstream(String id, int depth) {
        return evaluate(Transaction.LINEAGE_UPSTREAM, id, Integer.toString(depth));
    }

    public JsonDocument downstream(String id, int depth) {
        return evaluate(Transaction.LINEAGE_DOWNSTREAM, id, Integer.toString(depth));
    }

    /**
     * The compliance of an artifact, run or deployment, from its whole upstream: {@code status} (CLEAR, AT_RISK or
     * TAINTED) and {@code reasons}, each with its node and transaction.
     */
    public JsonDocument compliance(String id) {
        return evaluate(Transaction.LINEAGE_COMPLIANCE, id);
    }

    /**
     * What needs action: grants and consent attestations that expire within {@code withinDays} days, stale
     * attestations, and active deployments that are AT_RISK or TAINTED; {@code owner} (may be null) narrows it to one
     * organisation. {@code needsAction} says whether anything was found.
     */
    public JsonDocument complianceScan(String owner, int withinDays) {
        Map<String, Object> query = new TreeMap<>();
        if (owner != null) {
            query.put("owner", owner);
        }
        query.put("withinDays", withinDays);
        return evaluate(Transaction.LINEAGE_COMPLIANCE_SCAN, JsonDocument.write(query));
    }

    /** Every recorded verification of an artifact (matches and mismatches), oldest first. */
    public JsonDocument verifications(String id) {
        return evaluate(Transaction.ARTIFACT_VERIFICATIONS, id);
    }

    // Access grants and the access log.

    /** Grants {@code grantee} (and, if {@code role} is not null, only that role in it) access for purposes. */
    public JsonDocument grantAccess(
            String artifact, String grantee, String role, Set<Purpose> purposes, Instant expiresAt) {
        Map<String, Object> grant = new TreeMap<>();
        grant.put("artifact", Objects.requireNonNull(artifact, "artifact"));
        grant.put("grantee", Objects.requireNonNull(grantee, "grantee"));
        if (role != null) {
            grant.put("role", role);
        }
        grant.put("purposes", names(purposes));
        grant.put("expiresAt", Objects.requireNonNull(expiresAt, "expiresAt").toString());
        return submit(Transaction.ACCESS_GRANT, JsonDocument.write(grant));
    }

    public JsonDocument revokeAccess(String artifact, String grantee, String role, String reason) {
        return submit(Transaction.ACCESS_REVOKE, artifact, grantee, role == null ? "" : role, reason);
    }

    /** Logs this organisation's access; the answer says whether the grants allowed it (a denial is recorded too). */
    public JsonDocument logAccess(String artifact, Purpose purpose, String note) {
        Map<String, Object> access = new TreeMap<>();
        access.put("artifact", Objects.requireNonNull(artifact, "artifact"));
        access.put("purpose", purpose.name());
        if (note != null && !note.isEmpty()) {
            access.put("note", note);
        }
        return submit(Transaction.ACCESS_LOG, JsonDocument.write(access));
    }

    public JsonDocument accessGrants(String artifact) {
        return evaluate(Transaction.ACCESS_GRANTS, artifact);
    }

    /** One page of the access log of an artifact, or (artifact null) of an accessing organisation. */
    public JsonDocument accessLog(String artifact, String org, int pageSize, String bookmark) {
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
        return evaluate(Transaction.ACCESS_LOGS, JsonDocument.write(query));
    }

    // Consent: subject references travel only in the transient map.

    public JsonDocument grantConsent(
            SubjectRef subject, String dataset, Set<Purpose> purposes, Instant expiresAt, Digest formDigest) {
        Map<String, Object> consent = new TreeMap<>();
        consent.put("subject", subject.hex());
        consent.put("dataset", Objects.requireNonNull(dataset, "dataset"));
        consent.put("purposes", names(purposes));
        consent.put("expiresAt", Objects.requireNonNull(expiresAt, "expiresAt").toString());
        consent.put("formDigest", formDigest.toString());
        return submitPrivately(Transaction.CONSENT_GRANT, Map.of("consent", consent));
    }

    public JsonDocument revokeConsent(SubjectRef subject, String dataset, String reason) {
        return submitPrivately(
                Transaction.CONSENT_REVOKE,
                Map.of("consent", Map.of("subject", subject.hex(), "dataset", dataset, "reason", reason)));
    }

    public JsonDocument checkConsent(SubjectRef subject, String dataset, Purpose purpose) {
        return evaluatePrivately(
                Transaction.CONSENT_CHECK,
                Map.of("consent", Map.of("subject", subject.hex())),
                dataset,
                purpose.name());
    }

    /**
     * Publishes the dataset's consent attestation for a purpose: asks the owner's peer which subjects consent now,
     * then submits them (in the transient map) for the chaincode to check and count.
     */
    public JsonDocument attestConsent(String dataset, Purpose purpose) {
        List<Object> subjects = new ArrayList<>();
        String bookmark = "";
        do {
            JsonDocument page = evaluatePrivately(
                    Transaction.CONSENT_SUBJECTS,
                    Map.of(),
                    dataset,
                    purpose.name(),
                    Integer.toString(SUBJECTS_PAGE_SIZE),
                    bookmark);
            subjects.addAll(JsonDocument.of(page.object().get("items")).array());
            bookmark = page.string("bookmark");
        } while (!bookmark.isEmpty());
        return submitPrivately(
                Transaction.CONSENT_ATTEST, Map.of("subjects", Map.of("subjects", subjects)), dataset, purpose.name());
    }

    public JsonDocument revokeConsentAttestation(String dataset, Purpose purpose, String reason) {
        return submit(Transaction.CONSENT_REVOKE_ATTESTATION, dataset, purpose.name(), reason);
    }

    public JsonDocument consentAttestation(String dataset, Purpose purpose) {
        return evaluate(Transaction.CONSENT_GET_ATTESTATION, dataset, purpose.name());
    }

    /** An inclusion proof of one subject in the current attestation, from the owner's peer. */
    public JsonDocument proveConsent(SubjectRef subject, String dataset, Purpose purpose) {
        return evaluatePrivately(
                Transaction.CONSENT_PROVE,
                Map.of("consent", Map.of("subject", subject.hex())),
                dataset,
                purpose.name());
    }

    /** Checks such a proof against the public attestation; anyone may. */
    public JsonDocument verifyConsentInclusion(String dataset, Purpose purpose, Digest leaf, String proofJson) {
        return evaluate(Transaction.CONSENT_VERIFY_INCLUSION, dataset, purpose.name(), leaf.toString(), proofJson);
    }

    /** Purges a subject's consent and publishes an erasure receipt. */
    public JsonDocument eraseConsent(SubjectRef subject, String dataset, String reason) {
        return submitPrivately(
                Transaction.CONSENT_ERASE,
                Map.of("consent", Map.of("subject", subject.hex(), "dataset", dataset, "reason", reason)));
    }

    public JsonDocument erasure(String receiptId) {
        return evaluate(Transaction.CONSENT_GET_ERASURE, receiptId);
    }

    private static List<String> names(Set<Purpose> purposes) {
        if (purposes == null || purposes.isEmpty()) {
            throw new IllegalArgumentException("at least one purpose is needed");
        }
        return purposes.stream().map(Purpose::name).sorted().toList();
    }

    private JsonDocument submitPrivately(Transaction transaction, Map<String, Object> transientJson, String... args) {
        return JsonDocument.parse(transport
                .submit(transaction, List.of(args), encode(transientJson))
                .payload());
    }

    /**
     * Evaluates a query that answers from private data, with the transient marker ({@link
     * Contracts#TRANSIENT_EVALUATE}) without which the chaincode refuses it: only this path sets the marker, so such
     * a query is never submitted and its answer never reaches a block.
     */
    private JsonDocument evaluatePrivately(Transaction transaction, Map<String, Object> transientJson, String... args) {
        Map<String, byte[]> transientData = encode(transientJson);
        transientData.put(Contracts.TRANSIENT_EVALUATE, "true".getBytes(StandardCharsets.UTF_8));
        return JsonDocument.parse(transport.evaluate(transaction, List.of(args), transientData));
    }

    private static Map<String, byte[]> encode(Map<String, Object> transientJson) {
        Map<String, byte[]> encoded = new TreeMap<>();
        transientJson.forEach(
                (key, value) -> encoded.put(key, JsonDocument.write(value).getBytes(StandardCharsets.UTF_8)));
        return encoded;
    }

    private JsonDocument submit(Transaction transaction, String... arguments) {
        return JsonDocument.parse(
                transport.submit(transaction, List.of(arguments), Map.of()).payload());
    }

    private JsonDocument evaluate(Transaction transaction, String... arguments) {
        return JsonDocument.parse(transport.evaluate(transaction, List.of(arguments)));
    }

    @Override
    public void close() {
        transport.close();
    }
}
