package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentState;
import org.prooftrail.chaincode.record.DeploymentStatus;
import org.prooftrail.chaincode.record.RunInput;
import org.prooftrail.chaincode.record.TrainingRun;

/**
 * Reads and writes runs, deployments and the edge indexes that make lineage walks cheap in both directions:
 * {@code child} (parent to derived artifact), {@code consumer} (artifact to the runs that used it, valued with the
 * role it played), {@code producer} (model to the run that produced it) and {@code deployed} (model to its
 * deployments).
 */
public final class LineageStore {
    /** How an artifact took part in a run, stored as the value of its {@code consumer} edge. */
    public enum Use {
        INPUT,
        CODE,
        CONFIG
    }

    /** An edge read back from an index: the other end's id and, for consumers, the role. */
    public static final class Edge {
        private final String id;
        private final String role;

        Edge(String id, String role) {
            this.id = id;
            this.role = role;
        }

        public String id() {
            return id;
        }

        public String role() {
            return role;
        }
    }

    private final ChaincodeStub stub;
    private final Endorsements endorsements;

    LineageStore(ChaincodeStub stub, Endorsements endorsements) {
        this.stub = stub;
        this.endorsements = endorsements;
    }

    public Optional<TrainingRun> findRun(String id) {
        return read(Keys.key(Keys.RUN, id), TrainingRun.class);
    }

    /**
     * Writes a run and its edges (every input, the code and the config consumed; every output produced) as immutable
     * evidence: the run record needs the trainer and the owner of every artifact it consumed to change, a
     * {@code consumer} edge the trainer and the artifact's owner, a {@code producer} edge the trainer and another
     * organisation. {@code ownerOf} maps each artifact the run names to its owner.
     */
    public void putRun(TrainingRun run, Map<String, String> ownerOf) {
        TreeSet<String> parties = new TreeSet<>();
        parties.add(run.getTrainer());
        for (RunInput input : run.getInputs()) {
            parties.add(ownerOf.get(input.getId()));
        }
        for (String used : new String[] {run.getCode(), run.getConfig()}) {
            if (used != null) {
                parties.add(ownerOf.get(used));
            }
        }
        endorsements.putEvidence(Keys.key(Keys.RUN, run.getId()), LedgerCodec.store(run), parties);
        for (RunInput input : run.getInputs()) {
            putConsumer(input.getId(), run, Use.INPUT, ownerOf);
        }
        if (run.getCode() != null) {
            putConsumer(run.getCode(), run, Use.CODE, ownerOf);
        }
        if (run.getConfig() != null) {
            putConsumer(run.getConfig(), run, Use.CONFIG, ownerOf);
        }
        for (String output : run.getOutputs()) {
            endorsements.putEvidence(
                    Keys.key(Keys.PRODUCER, output, run.getId()), Keys.PRESENT, List.of(run.getTrainer()));
        }
    }

    private void putConsumer(String artifact, TrainingRun run, Use use, Map<String, String> ownerOf) {
        endorsements.putEvidence(
                Keys.key(Keys.CONSUMER, artifact, run.getId()),
                use.name().getBytes(StandardCharsets.UTF_8),
                List.of(run.getTrainer(), ownerOf.get(artifact)));
    }

    /**
     * The transaction that wrote the run's key, from the key's history (the oldest version): unlike the record's
     * {@code txId} field, which whoever wrote it chose, this is the transaction Fabric committed.
     */
    public Optional<String> runWrittenIn(String id) {
        KeyModification oldest = null;
        try (QueryResultsIterator<KeyModification> history = stub.getHistoryForKey(Keys.key(Keys.RUN, id))) {
            for (KeyModification modification : history) {
                if (oldest == null || modification.getTimestamp().isBefore(oldest.getTimestamp())) {
                    oldest = modification;
                }
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return Optional.ofNullable(oldest).map(KeyModification::getTxId);
    }

    public Optional<Deployment> findDeployment(String id) {
        return read(Keys.key(Keys.DEPLOYMENT, id), Deployment.class);
    }

    public DeploymentState deploymentState(String id) {
        return read(Keys.key(Keys.DEPLOYMENT_STATE, id), DeploymentState.class)
                .orElseThrow(() -> new IllegalStateException("deployment " + id + " has no state record"));
    }

    /**
     * Writes a deployment and its {@code deployed} edge (evidence the deployer and the model's owner must both
     * endorse to change), its first state and its entry among active deployments (deployer-endorsed from now on).
     */
    public void putDeployment(Deployment deployment, DeploymentState state, String modelOwner) {
        List<String> parties = List.of(deployment.getOwner(), modelOwner);
        endorsements.putEvidence(Keys.key(Keys.DEPLOYMENT, deployment.getId()), LedgerCodec.store(deployment), parties);
        String stateKey = Keys.key(Keys.DEPLOYMENT_STATE, deployment.getId());
        stub.putState(stateKey, LedgerCodec.store(state));
        stub.setStateValidationParameter(stateKey, Policies.ownerOnly(deployment.getOwner()));
        endorsements.putEvidence(
                Keys.key(Keys.DEPLOYED, deployment.getModel(), deployment.getId()), Keys.PRESENT, parties);
        String activeKey = Keys.key(Keys.ACTIVE_DEPLOYMENT, deployment.getOwner(), deployment.getId());
        stub.putState(activeKey, Keys.PRESENT);
        stub.setStateValidationParameter(activeKey, Policies.ownerOnly(deployment.getOwner()));
    }

    /** Writes a deployment's new state; a retirement also leaves the index of active deployments. */
    public void updateDeploymentState(Deployment deployment, DeploymentState state) {
        stub.putState(Keys.key(Keys.DEPLOYMENT_STATE, state.getId()), LedgerCodec.store(state));
        if (!DeploymentStatus.ACTIVE.name().equals(state.getStatus())) {
            stub.delState(Keys.key(Keys.ACTIVE_DEPLOYMENT, deployment.getOwner(), deployment.getId()));
        }
    }

    /**
     * The ids of active deployments, of one owner or (owner null) of every organisation, in key order, at most
     * {@code limit}: a prefix read of the {@code activedeployment} index, so it costs what it returns.
     */
    public List<String> activeDeployments(String owner, int limit) {
        List<String> ids = new ArrayList<>();
        var prefix = owner == null ? Keys.partial(Keys.ACTIVE_DEPLOYMENT) : Keys.partial(Keys.ACTIVE_DEPLOYMENT, owner);
        try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(prefix)) {
            for (KeyValue entry : range) {
                if (ids.size() >= limit) {
                    break;
                }
                ids.add(stub.splitCompositeKey(entry.getKey()).getAttributes().get(1));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return ids;
    }

    /** Artifacts registered with {@code id} among their parents, at most {@code limit}. */
    public List<Edge> children(String id, int limit) {
        return edges(Keys.CHILD, id, limit, false);
    }

    /** Runs that used the artifact, with the role it played, at most {@code limit}. */
    public List<Edge> consumers(String id, int limit) {
        return edges(Keys.CONSUMER, id, limit, true);
    }

    /** The runs that produced the artifact, at most {@code limit}. */
    public List<Edge> producers(String id, int limit) {
        return edges(Keys.PRODUCER, id, limit, false);
    }

    /** Deployments of the model, at most {@code limit}. */
    public List<Edge> deployments(String model, int limit) {
        return edges(Keys.DEPLOYED, model, limit, false);
    }

    /** Whether anything is derived from, trained on or deployed from the artifact. */
    public boolean hasDownstream(String id) {
        return !children(id, 1).isEmpty()
                || !consumers(id, 1).isEmpty()
                || !deployments(id, 1).isEmpty();
    }

    private List<Edge> edges(String type, String from, int limit, boolean valued) {
        List<Edge> edges = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(Keys.partial(type, from))) {
            for (KeyValue entry : range) {
                if (edges.size() >= limit) {
                    break;
                }
                String to =
                        stub.splitCompositeKey(entry.getKey()).getAttributes().get(1);
                edges.add(new Edge(to, valued ? new String(entry.getValue(), StandardCharsets.UTF_8) : null));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return edges;
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        byte[] bytes = stub.getState(key);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(LedgerCodec.decode(bytes, type));
    }
}
