package org.prooftrail.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * The prooftrail library: one method per use case of the {@code artifact} and {@code lineage} contracts, over a
 * {@link LedgerTransport} (a Fabric gateway or the embedded ledger). Methods throw only
 * {@link ProofTrailClientException} and its subclasses.
 */
public final class ProofTrail implements AutoCloseable {
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
        Map<String, Object> argument = new TreeMap<>();
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
