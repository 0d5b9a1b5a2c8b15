package org.prooftrail.chaincode.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.prooftrail.chaincode.record.FederatedUpdate;
import org.prooftrail.chaincode.record.Federation;
import org.prooftrail.chaincode.record.FederationRound;

/**
 * Reads and writes federations, their rounds and members' updates, and the two edge indexes that put federated
 * models in the lineage graph: {@code fedconsumer} (a dataset to the updates trained on it, a global model to the
 * aggregation that started from it) and {@code fedproducer} (a global model to the aggregation that produced it).
 *
 * <p>Endorsement: the federation, each update, each submission entry and each edge are immutable evidence (their
 * owner and another member); a round's state is the coordinator's alone (owner-only), so the aggregation that closes
 * it needs the coordinator's peer whatever majority endorses it.
 */
public final class FederationStore {
    /** The value of a {@code fedconsumer} edge: what kind of node consumed the artifact. */
    public enum Consumer {
        UPDATE,
        AGGREGATION
    }

    /** A {@code fedconsumer} edge read back: the consuming node's id and kind. */
    public static final class Use {
        private final String node;
        private final Consumer kind;

        Use(String node, Consumer kind) {
            this.node = node;
            this.kind = kind;
        }

        public String node() {
            return node;
        }

        public Consumer kind() {
            return kind;
        }
    }

    private final ChaincodeStub stub;
    private final Endorsements endorsements;

    FederationStore(ChaincodeStub stub, Endorsements endorsements) {
        this.stub = stub;
        this.endorsements = endorsements;
    }

    /** The node id of a round's aggregation in the lineage graph: {@code <federation>:<round>}. */
    public static String aggregationId(String federation, long round) {
        return federation + ":" + round;
    }

    public Optional<Federation> find(String id) {
        return read(Keys.key(Keys.FEDERATION, id), Federation.class);
    }

    public void put(Federation federation) {
        endorsements.putEvidence(
                Keys.key(Keys.FEDERATION, federation.getId()),
                LedgerCodec.store(federation),
                List.of(federation.getCoordinator()));
    }

    public Optional<FederationRound> findRound(String federation, long round) {
        return read(roundKey(federation, round), FederationRound.class);
    }

    /** Writes a round's state; its first write sets the coordinator-only policy that every later write must meet. */
    public void putRound(FederationRound round, String coordinator) {
        String key = roundKey(round.getFederation(), round.getRound());
        stub.putState(key, LedgerCodec.store(round));
        stub.setStateValidationParameter(key, Policies.ownerOnly(coordinator));
    }

    /** Every round of a federation, oldest first, at most {@code limit}. */
    public List<FederationRound> rounds(String federation, int limit) {
        return range(
                Keys.partial(Keys.FEDERATION_ROUND, federation),
                limit,
                entry -> LedgerCodec.decode(entry.getValue(), FederationRound.class));
    }

    public Optional<FederatedUpdate> findUpdate(String id) {
        return read(Keys.key(Keys.FEDERATION_UPDATE, id), FederatedUpdate.class);
    }

    /** The id of the update {@code member} submitted in a round, if any. */
    public Optional<String> submission(String federation, long round, String member) {
        byte[] bytes = stub.getState(Keys.key(Keys.FEDERATION_SUBMISSION, federation, roundText(round), member));
        return bytes == null || bytes.length == 0
                ? Optional.empty()
                : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The ids of the updates submitted in a round, in member order, at most {@code limit}. */
    public List<String> submissions(String federation, long round, int limit) {
        return range(
                Keys.partial(Keys.FEDERATION_SUBMISSION, federation, roundText(round)),
                limit,
                entry -> new String(entry.getValue(), StandardCharsets.UTF_8));
    }

    /** Writes an update, its submission entry and a {@code fedconsumer} edge from each of its datasets. */
    public void putUpdate(FederatedUpdate update) {
        List<String> member = List.of(update.getMember());
        endorsements.putEvidence(Keys.key(Keys.FEDERATION_UPDATE, update.getId()), LedgerCodec.store(update), member);
        endorsements.putEvidence(
                Keys.key(
                        Keys.FEDERATION_SUBMISSION,
                        update.getFederation(),
                        roundText(update.getRound()),
                        update.getMember()),
                update.getId().getBytes(StandardCharsets.UTF_8),
                member);
        update.getDatasets().forEach(dataset -> putConsumer(dataset.getId(), update.getId(), Consumer.UPDATE, member));
    }

    /**
     * Writes the edges of an aggregation: the new global model produced by it, and the base model consumed by it,
     * evidence of the coordinator and another member.
     */
    public void putAggregationEdges(FederationRound round, String coordinator) {
        String node = aggregationId(round.getFederation(), round.getRound());
        List<String> owner = List.of(coordinator);
        endorsements.putEvidence(Keys.key(Keys.FEDERATION_PRODUCER, round.getModel(), node), Keys.PRESENT, owner);
        putConsumer(round.getBaseModel(), node, Consumer.AGGREGATION, owner);
    }

    private void putConsumer(String artifact, String node, Consumer kind, List<String> owners) {
        endorsements.putEvidence(
                Keys.key(Keys.FEDERATION_CONSUMER, artifact, node),
                kind.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                owners);
    }

    /** The updates trained on an artifact and the aggregations that started from it, at most {@code limit}. */
    public List<Use> consumers(String artifact, int limit) {
        return range(Keys.partial(Keys.FEDERATION_CONSUMER, artifact), limit, this::use);
    }

    /** The aggregations ({@code <federation>:<round>}) that produced a model, at most {@code limit}. */
    public List<String> producers(String model, int limit) {
        return range(
                Keys.partial(Keys.FEDERATION_PRODUCER, model),
                limit,
                entry -> stub.splitCompositeKey(entry.getKey()).getAttributes().get(1));
    }

    private Use use(KeyValue entry) {
        String node = stub.splitCompositeKey(entry.getKey()).getAttributes().get(1);
        String kind = new String(entry.getValue(), StandardCharsets.UTF_8);
        return new Use(node, Consumer.valueOf(kind.toUpperCase(Locale.ROOT)));
    }

    /** The first {@code limit} entries under a partial key, in key order, each read by {@code read}. */
    // QueryResultsIterator.close() is declared to throw Exception; the stores report it as a ledger failure.
    @SuppressWarnings("PMD.AvoidCatchingGenericException")
    private <T> List<T> range(CompositeKey partial, int limit, Function<KeyValue, T> read) {
        List<T> items = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> range = stub.getStateByPartialCompositeKey(partial)) {
            for (KeyValue entry : range) {
                if (items.size() >= limit) {
                    break;
                }
                items.add(read.apply(entry));
            }
        } catch (Exception e) {
            throw ArtifactStore.closeFailure(e);
        }
        return items;
    }

    private static String roundKey(String federation, long round) {
        return Keys.key(Keys.FEDERATION_ROUND, federation, roundText(round));
    }

    /** Round numbers in ten digits, so that rounds sort in order. */
    private static String roundText(long round) {
        return String.format(Locale.ROOT, "%010d", round);
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        byte[] bytes = stub.getState(key);
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(LedgerCodec.decode(bytes, type));
    }
}
