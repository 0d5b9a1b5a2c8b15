package org.prooftrail.client.gateway;

import java.time.Duration;
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
 * A {@link LedgerTransport} to a Fabric network through a gateway peer (Fabric 2.4 or later).
 *
 * <p>A submitted transaction is endorsed, handed to the orderer and then awaited until committed. What happens when
 * a stage fails:
 *
 * <ul>
 *   <li>the chaincode refused it: {@link org.prooftrail.client.ContractRejectedException} with the code parsed from
 *       the chaincode's message; nothing is retried, since the same input would be refused again;
 *   <li>it committed invalid with {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT} (another transaction
 *       changed what it read): it is proposed again as a new transaction, with a new id, after an exponentially
 *       growing jittered wait, up to 5 attempts in all; after the last, {@link
 *       org.prooftrail.client.CommitFailedException} with {@code retryable() == true};
 *   <li>it committed invalid for another reason ({@code ENDORSEMENT_POLICY_FAILURE}, ...): {@link
 *       org.prooftrail.client.CommitFailedException} with {@code retryable() == false}, at once;
 *   <li>its commit status did not arrive within the commit-status deadline: the gateway is asked again about the
 *       same transaction id, up to 4 queries in all, and it is never submitted again (it may yet commit; a second
 *       submission could commit twice). If the status is still unknown, {@link
 *       org.prooftrail.client.GatewayUnavailableException} carrying the transaction id;
 *   <li>the gateway peer was unreachable or did not answer within a stage's deadline: {@link
 *       org.prooftrail.client.GatewayUnavailableException} naming the endpoint.
 * </ul>
 *
 * <p>This is the only class that touches fabric-gateway's {@code Contract}. It is safe for concurrent use; all
 * transactions and event subscriptions share one gRPC channel. {@link #close()} stops every subscription, then
 * closes the channel.
 */
public final class FabricGatewayTransport implements LedgerTransport {
    private static final Logger LOG = Logger.getLogger(FabricGatewayTransport.class.getName());
    private static final Duration EVENT_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final TransactionStages stages;
    private final ChaincodeEventSource events;
    private final FabricErrorTranslator errors;
    private final RetryPolicy retryPolicy;
    private final Duration eventReconnectDelay;
    private final String description;
    private final AutoCloseable connection;
    private final LedgerBlocks blocks;
    private final Set<EventDelivery> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    FabricGatewayTransport(
            TransactionStages stages,
            ChaincodeEventSource events,
            FabricErrorTranslator errors,
            RetryPolicy retryPolicy,
            Duration eventReconnectDelay,
            String description,
            AutoCloseable connection) {
        this(stages, events, errors, retryPolicy, eventReconnectDelay, description, connection, null);
    }

    private FabricGatewayTransport(
            TransactionStages stages,
            ChaincodeEventSource events,
            FabricErrorTranslator errors,
            RetryPolicy retryPolicy,
            Duration eventReconnectDelay,
            String description,
            AutoCloseable connection,
            LedgerBlocks blocks) {
        this.blocks = blocks;
        this.stages = Objects.requireNonNull(stages, "stages");
        this.events = Objects.requireNonNull(events, "events");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.eventReconnectDelay = Objects.requireNonNull(eventReconnectDelay, "eventReconnectDelay");
        this.description = Objects.requireNonNull(description, "description");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Connects to the gateway peer the config names. The gRPC channel connects lazily: an unreachable peer shows
     * at the first transaction, as {@link org.prooftrail.client.GatewayUnavailableException}.
     *
     * @throws org.prooftrail.client.ConfigException naming the file if the certificate, private key or TLS
     *     CA certificate cannot be read or parsed
     */
    public static FabricGatewayTransport connect(GatewayConfig config) {
        Objects.requireNonNull(config, "config");
        FabricConnection connection = FabricConnection.open(config);
        return over(config, connection, new ContractStages(connection.network().getContract(config.chaincode())));
    }

    /** The transport over an open connection and the stages that drive its contract; for tests, other stages. */
    static FabricGatewayTransport over(GatewayConfig config, FabricConnection connection, TransactionStages stages) {
        FabricErrorTranslator errors = new FabricErrorTranslator(config.endpoint());
        return new FabricGatewayTransport(
                stages,
                connection::chaincodeEvents,
                errors,
                RetryPolicy.DEFAULT,
                EVENT_RECONNECT_DELAY,
                "Fabric gateway " + config.endpoint() + " (channel " + config.channel() + ", chaincode "
                        + config.chaincode() + ", " + config.mspId() + ")",
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
        for (int attempt = 1; ; attempt++) {
            TransactionStages.Proposed proposal =
                    stages.propose(transactionName, List.copyOf(arguments), Map.copyOf(transientData));
            String txId = proposal.transactionId();
            TransactionStages.Submitted submitted;
            try {
                submitted = endorseAndSubmit(proposal);
            } catch (ProofTrailClientException e) {
                throw transaction == null ? e : ChaincodeVersionSkew.explain(transaction, e);
            }
            Status status = awaitStatus(submitted, txId);
            if (status.isSuccessful()) {
                return new SubmitResult(txId, status.getBlockNumber(), submitted.result());
            }
            boolean retryable = FabricErrorTranslator.isRetryable(status.getCode());
            if (!retryable || attempt >= retryPolicy.maxSubmitAttempts()) {
                throw errors.commitFailed(status);
            }
            Duration wait = retryPolicy.backoff(attempt);
            LOG.log(
                    Level.FINE,
                    "{0} {1} failed validation with {2}; proposing it again in {3} (attempt {4} of {5})",
                    new Object[] {
                        transactionName, txId, status.getCode(), wait, attempt + 1, retryPolicy.maxSubmitAttempts()
                    });
            pause(wait, txId);
        }
    }

    private TransactionStages.Submitted endorseAndSubmit(TransactionStages.Proposed proposal) {
        TransactionStages.Endorsed endorsed;
        try {
            endorsed = proposal.endorse();
        } catch (EndorseException e) {
            throw errors.endorseFailed(e);
        }
        try {
            return endorsed.submit();
        } catch (SubmitException e) {
            throw errors.submitFailed(e);
        }
    }

    /** Asks for the same transaction's status again when the answer did not come in time; never resubmits. */
    private Status awaitStatus(TransactionStages.Submitted submitted, String txId) {
        for (int query = 1; ; query++) {
            try {
                return submitted.status();
            } catch (CommitStatusException e) {
                if (!FabricErrorTranslator.isTransient(e.getStatus())
                        || query >= retryPolicy.maxCommitStatusQueries()) {
                    throw errors.commitStatusUnknown(e, txId, query);
                }
                LOG.log(Level.FINE, "commit status of {0} not known yet ({1}); asking again", new Object[] {
                    txId, e.getStatus().getCode()
                });
                pause(retryPolicy.backoff(query), txId);
            }
        }
    }

    @Override
    public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData) {
        requireKind(transaction, Transaction.Kind.EVALUATE);
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(transientData, "transientData");
        requireOpen();
        TransactionStages.Proposed proposal =
                stages.propose(transaction.qualifiedName(), List.copyOf(arguments), Map.copyOf(transientData));
        try {
            return proposal.evaluate();
        } catch (GatewayException e) {
            throw ChaincodeVersionSkew.explain(transaction, errors.evaluateFailed(e, proposal.transactionId()));
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

    private void pause(Duration wait, String txId) {
        try {
            retryPolicy.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProofTrailClientException("interrupted while waiting to retry transaction " + txId, txId, e);
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
                    return () -> {
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
                    };
                }
            };
        }
    }
}
