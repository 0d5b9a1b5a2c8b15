package org.prooftrail.client.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.prooftrail.client.ChaincodeVersionSkew;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.LedgerEventListener;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.client.audit.LedgerBlocks;
import org.prooftrail.client.config.GatewayConfig;
import org.prooftrail.protocol.Transaction;

/**
 * A {@link LedgerTransport} to a Fabric network through a gateway peer (Fabric 2.4 or later), with failover to the
 * other organisations' gateway peers the config lists.
 *
 * <p>Every call has a deadline (the config's per-stage deadlines, {@link GatewayConfig}), and a submitted
 * transaction always ends in a definite outcome:
 *
 * <ul>
 *   <li>committed valid: its {@link SubmitResult};
 *   <li>the chaincode refused it: {@link org.prooftrail.client.ContractRejectedException} with the code parsed from
 *       the chaincode's message; nothing is retried, since the same input would be refused again;
 *   <li>it committed invalid with {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT} (another transaction
 *       changed what it read): it is proposed again as a new transaction, with a new id, after an exponentially
 *       growing jittered wait, up to 5 attempts in all; after the last, {@link
 *       org.prooftrail.client.CommitFailedException} with {@code retryable() == true};
 *   <li>it committed invalid for another reason ({@code ENDORSEMENT_POLICY_FAILURE}, ...): {@link
 *       org.prooftrail.client.CommitFailedException} with that code and {@code retryable() == false}, at once;
 *   <li>its commit status did not arrive (the gateway is asked again about the same id, up to 4 queries), or the
 *       hand-over to the orderer broke off: the transaction is never submitted again; it is <em>resolved</em> by its
 *       id through the query system chaincode ({@code qscc GetTransactionByID}) on any configured gateway peer,
 *       again and again with backoff, until it is found in a block (valid: success; invalid: {@link
 *       org.prooftrail.client.CommitFailedException} with its code) or the channel has grown by {@link
 *       GatewayConfig#commitResolutionBlocks()} blocks past the lookup's start without it, or {@link
 *       GatewayConfig#commitResolutionDeadline()} passed: then {@link
 *       org.prooftrail.client.TransactionNotCommittedException}, which says a retry is safe (registrations are
 *       idempotent). Only when no peer answered a lookup within the resolution deadline is the outcome unknown:
 *       {@link org.prooftrail.client.GatewayUnavailableException} carrying the transaction id;
 *   <li>the gateway peer was unreachable or did not answer within the endorsement or evaluation deadline: the same
 *       request is proposed to the next configured gateway peer (nothing was submitted, so nothing can commit
 *       twice), which stays the preferred one; when none is left, {@link
 *       org.prooftrail.client.GatewayUnavailableException} naming the endpoint.
 * </ul>
 *
 * <p>This is the only class that touches fabric-gateway's {@code Contract}. It is safe for concurrent use; all
 * transactions and event subscriptions through one gateway peer share one gRPC channel; events come from the first
 * gateway. {@link #close()} stops every subscription, then closes the channels.
 */
public final class FabricGatewayTransport implements LedgerTransport {
    private static final Logger LOG = Logger.getLogger(FabricGatewayTransport.class.getName());
    private static final Duration EVENT_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** How a transaction whose commit status did not come is looked up: for how long, and how many blocks. */
    record Resolution(Duration deadline, int blocks) {
        static Resolution of(GatewayConfig config) {
            return new Resolution(config.commitResolutionDeadline(), config.commitResolutionBlocks());
        }
    }

    private final GatewayPeers peers;
    private final SubmitFlow submitFlow;
    private final ChaincodeEventSource events;
    private final Duration eventReconnectDelay;
    private final String description;
    private final AutoCloseable connection;
    private final LedgerBlocks blocks;
    private final Set<EventDelivery> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    FabricGatewayTransport(
            List<GatewayPeer> peers,
            ChaincodeEventSource events,
            RetryPolicy retryPolicy,
            Resolution resolution,
            Duration eventReconnectDelay,
            String description,
            AutoCloseable connection) {
        this(peers, events, retryPolicy, resolution, eventReconnectDelay, description, connection, null);
    }

    private FabricGatewayTransport(
            List<GatewayPeer> peers,
            ChaincodeEventSource events,
            RetryPolicy retryPolicy,
            Resolution resolution,
            Duration eventReconnectDelay,
            String description,
            AutoCloseable connection,
            LedgerBlocks blocks) {
        this.blocks = blocks;
        this.peers = new GatewayPeers(peers);
        this.events = Objects.requireNonNull(events, "events");
        this.submitFlow = new SubmitFlow(
                this.peers,
                Objects.requireNonNull(retryPolicy, "retryPolicy"),
                new CommitResolver(this.peers, retryPolicy, Objects.requireNonNull(resolution, "resolution")));
        this.eventReconnectDelay = Objects.requireNonNull(eventReconnectDelay, "eventReconnectDelay");
        this.description = Objects.requireNonNull(description, "description");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Connects to the gateway peer the config names, and to its failover gateways. The gRPC channels connect
     * lazily: an unreachable peer shows at the first transaction, as {@link
     * org.prooftrail.client.GatewayUnavailableException} (or as a failover to the next peer).
     *
     * @throws org.prooftrail.client.ConfigException naming the file if the certificate, private key or TLS
     *     CA certificate cannot be read or parsed
     */
    public static FabricGatewayTransport connect(GatewayConfig config) {
        Objects.requireNonNull(config, "config");
        List<FabricConnection> connections = new ArrayList<>();
        try {
            for (GatewayConfig gateway : config.gateways()) {
                connections.add(FabricConnection.open(gateway));
            }
        } catch (RuntimeException e) {
            connections.forEach(FabricConnection::close);
            throw e;
        }
        List<GatewayPeer> peers = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            FabricConnection connection = connections.get(i);
            peers.add(new GatewayPeer(
                    new ContractStages(connection.network().getContract(config.chaincode())),
                    new QsccTransactions(connection.network()),
                    new FabricErrorTranslator(config.gateways().get(i).endpoint())));
        }
        return new FabricGatewayTransport(
                peers,
                connections.get(0)::chaincodeEvents,
                RetryPolicy.DEFAULT,
                Resolution.of(config),
                EVENT_RECONNECT_DELAY,
                describe(config),
                () -> connections.forEach(FabricConnection::close),
                new QsccBlocks(
                        connections.get(0).network(),
                        config.chaincode(),
                        new FabricErrorTranslator(config.endpoint())));
    }

    /** The transport over an open connection and the stages that drive its contract; for tests, other stages. */
    static FabricGatewayTransport over(GatewayConfig config, FabricConnection connection, TransactionStages stages) {
        FabricErrorTranslator errors = new FabricErrorTranslator(config.endpoint());
        return new FabricGatewayTransport(
                List.of(new GatewayPeer(stages, new QsccTransactions(connection.network()), errors)),
                connection::chaincodeEvents,
                RetryPolicy.DEFAULT,
                Resolution.of(config),
                EVENT_RECONNECT_DELAY,
                describe(config),
                connection,
                new QsccBlocks(connection.network(), config.chaincode(), errors));
    }

    /**
     * The channel's committed blocks through the system chaincode {@code qscc} on the same connection, for audit
     * bundles ({@link org.prooftrail.client.audit.BundleCollector}); empty for a transport over test stages.
     */
    public Optional<LedgerBlocks> blocks() {
        return Optional.ofNullable(blocks);
    }

    private static String describe(GatewayConfig config) {
        List<GatewayConfig> gateways = config.gateways();
        String failover = gateways.size() == 1
                ? ""
                : ", failover to "
                        + String.join(
                                ", ",
                                gateways.subList(1, gateways.size()).stream()
                                        .map(GatewayConfig::endpoint)
                                        .toList());
        return "Fabric gateway " + config.endpoint() + failover + " (channel " + config.channel() + ", chaincode "
                + config.chaincode() + ", " + config.mspId() + ")";
    }

    @Override
    public SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        requireKind(transaction, Transaction.Kind.SUBMIT);
        return submit(transaction, transaction.qualifiedName(), arguments, transientData);
    }

    /**
     * Submits a transaction by its wire name ({@code contract:Function}, or a default contract's {@code Function}) to
     * the configured chaincode, with the same flow, retries and errors as {@link #submit(Transaction, List, Map)}.
     * For a chaincode other than prooftrail on the same channel: {@code prooftrail load --workload basic} drives
     * fabric-samples' asset-transfer-basic with it, so that both are measured through the same client.
     */
    public SubmitResult submit(String transactionName, List<String> arguments) {
        Objects.requireNonNull(transactionName, "transactionName");
        return submit(null, transactionName, arguments, Map.of());
    }

    /** {@code transaction} is null for a chaincode other than prooftrail: no version-skew explanation then. */
    private SubmitResult submit(
            Transaction transaction,
            String transactionName,
            List<String> arguments,
            Map<String, byte[]> transientData) {
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(transientData, "transientData");
        requireOpen();
        return submitFlow.submit(transaction, transactionName, List.copyOf(arguments), Map.copyOf(transientData));
    }

    @Override
    public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        requireKind(transaction, Transaction.Kind.EVALUATE);
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(transientData, "transientData");
        requireOpen();
        List<String> args = List.copyOf(arguments);
        Map<String, byte[]> transients = Map.copyOf(transientData);
        try {
            return peers.withFailover(peer -> evaluate(peer, transaction.qualifiedName(), args, transients));
        } catch (ProofTrailClientException e) {
            throw ChaincodeVersionSkew.explain(transaction, e);
        }
    }

    private static byte[] evaluate(
            GatewayPeer peer, String transactionName, List<String> arguments, Map<String, byte[]> transientData) {
        TransactionStages.Proposed proposal = peer.stages().propose(transactionName, arguments, transientData);
        try {
            return proposal.evaluate();
        } catch (GatewayException e) {
            throw peer.errors().evaluateFailed(e, proposal.transactionId());
        }
    }

    @Override
    public EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        EventDelivery delivery = EventDelivery.start(
                events, checkpoint, listener, eventReconnectDelay, "prooftrail-events " + description);
        subscriptions.add(delivery);
        return () -> {
            subscriptions.remove(delivery);
            delivery.close();
        };
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Stop event delivery first, so that no subscription tries to reopen its stream on a closed connection.
        subscriptions.forEach(EventDelivery::close);
        subscriptions.clear();
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing " + description + " failed", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(description + " is closed");
        }
    }

    private static void requireKind(Transaction transaction, Transaction.Kind kind) {
        Objects.requireNonNull(transaction, "transaction");
        if (transaction.kind() != kind) {
            throw new IllegalArgumentException(transaction.qualifiedName() + " is "
                    + (kind == Transaction.Kind.SUBMIT ? "a query; evaluate it" : "submitted, not evaluated"));
        }
    }

    /** The transaction flow on fabric-gateway's {@link Contract}. */
    static class ContractStages implements TransactionStages {
        private final Contract contract;

        ContractStages(Contract contract) {
            this.contract = contract;
        }

        /** A proposal builder for the transaction; tests override it to choose the endorsing organisations. */
        Proposal.Builder newProposal(String transactionName) {
            return contract.newProposal(transactionName);
        }

        @Override
        public Proposed propose(String transactionName, List<String> arguments, Map<String, byte[]> transientData) {
            Proposal proposal = newProposal(transactionName)
                    .addArguments(arguments.toArray(String[]::new))
                    .putAllTransient(transientData)
                    .build();
            return new Proposed() {
                @Override
                public String transactionId() {
                    return proposal.getTransactionId();
                }

                @Override
                public byte[] evaluate() throws GatewayException {
                    return proposal.evaluate();
                }

                @Override
                public Endorsed endorse() throws EndorseException {
                    org.hyperledger.fabric.client.Transaction endorsed = proposal.endorse();
                    return new Endorsed() {
                        @Override
                        public byte[] result() {
                            return endorsed.getResult();
                        }

                        @Override
                        public Submitted submit() throws SubmitException {
                            SubmittedTransaction submitted = endorsed.submitAsync();
                            return new Submitted() {
                                @Override
                                public byte[] result() {
                                    return submitted.getResult();
                                }

                                @Override
                                public Status status() throws CommitStatusException {
                                    return submitted.getStatus();
                                }
                            };
                        }
                    };
                }
            };
        }
    }
}
