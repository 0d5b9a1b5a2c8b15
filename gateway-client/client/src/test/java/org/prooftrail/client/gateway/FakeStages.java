package org.prooftrail.client.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * An in-process gateway: each proposal plays the next scripted {@link Outcome}, throwing fabric-gateway's real
 * exceptions where the script says so, and records what was proposed, submitted and asked about. Its ledger answers
 * lookups by transaction id as the peer's {@code qscc} would: a submitted transaction is in a block unless its
 * outcome says it was lost; the channel grows by one block per height query unless it is idle.
 */
final class FakeStages implements TransactionStages, CommittedTransactions {

    /** What happens to one proposal. */
    static final class Outcome {
        private Function<String, GatewayException> evaluateError;
        private byte[] evaluateResult = new byte[0];
        private Function<String, EndorseException> endorseError;
        private Function<String, SubmitException> submitError;
        private final Deque<Function<String, CommitStatusException>> statusErrors = new ArrayDeque<>();
        private TxValidationCode code = TxValidationCode.VALID;
        private long blockNumber = 7;
        private byte[] result = "{}".getBytes(StandardCharsets.UTF_8);
        private boolean lost;
        private boolean reachedOrderer = true;

        static Outcome committed(long blockNumber, String result) {
            Outcome outcome = new Outcome();
            outcome.blockNumber = blockNumber;
            outcome.result = result.getBytes(StandardCharsets.UTF_8);
            return outcome;
        }

        static Outcome invalid(TxValidationCode code) {
            Outcome outcome = new Outcome();
            outcome.code = code;
            return outcome;
        }

        static Outcome evaluated(String result) {
            Outcome outcome = new Outcome();
            outcome.evaluateResult = result.getBytes(StandardCharsets.UTF_8);
            return outcome;
        }

        static Outcome evaluateFails(Function<String, GatewayException> error) {
            Outcome outcome = new Outcome();
            outcome.evaluateError = error;
            return outcome;
        }

        static Outcome endorseFails(Function<String, EndorseException> error) {
            Outcome outcome = new Outcome();
            outcome.endorseError = error;
            return outcome;
        }

        /** The orderer refused it, or never got it. */
        static Outcome submitFails(Function<String, SubmitException> error) {
            Outcome outcome = new Outcome();
            outcome.submitError = error;
            outcome.reachedOrderer = false;
            return outcome;
        }

        /** The orderer never cut it into a block: a lookup by its id never finds it. */
        Outcome lost() {
            this.lost = true;
            return this;
        }

        /** The hand-over to the orderer failed with this error; unless lost, the orderer had taken it all the same. */
        Outcome submitBreaksOff(Function<String, SubmitException> error) {
            this.submitError = error;
            return this;
        }

        /** The next status query of this transaction fails so, before the status is finally given. */
        Outcome thenStatusFails(Function<String, CommitStatusException> error) {
            statusErrors.add(error);
            return this;
        }
    }

    private final Deque<Outcome> script = new ArrayDeque<>();
    private final List<String> proposed = new ArrayList<>();
    private final List<String> proposedNames = new ArrayList<>();
    private final List<List<String>> proposedArguments = new ArrayList<>();
    private final List<Map<String, byte[]>> proposedTransientData = new ArrayList<>();
    private final List<String> submitted = new ArrayList<>();
    private final Map<String, Integer> statusQueries = new HashMap<>();
    private final Map<String, Outcome> ordered = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private Function<String, GatewayException> lookupError;
    private boolean idle;
    private long height = 100;
    private int nextId = 1;
    private final String prefix;

    FakeStages() {
        this("tx");
    }

    /** A gateway whose transaction ids start with PREFIX, to tell several fakes apart. */
    FakeStages(String prefix) {
        this.prefix = prefix;
    }

    /** Lookups on this peer fail so (the peer is down too). */
    FakeStages lookupsFail(Function<String, GatewayException> error) {
        this.lookupError = error;
        return this;
    }

    /** No block is cut: the height stays where it is. */
    FakeStages idle() {
        this.idle = true;
        return this;
    }

    /** Transaction ids looked up through qscc, in order. */
    synchronized List<String> lookups() {
        return lookups;
    }

    @Override
    public synchronized long height() throws GatewayException {
        if (lookupError != null) {
            throw lookupError.apply("GetChainInfo");
        }
        if (!idle) {
            height++;
        }
        return height;
    }

    @Override
    public synchronized Optional<Committed> find(String transactionId) throws GatewayException {
        if (lookupError != null) {
            throw lookupError.apply(transactionId);
        }
        lookups.add(transactionId);
        Outcome outcome = ordered.get(transactionId);
        if (outcome == null || outcome.lost) {
            return Optional.empty();
        }
        return Optional.of(new Committed(outcome.blockNumber, outcome.code));
    }

    FakeStages then(Outcome outcome) {
        script.add(outcome);
        return this;
    }

    /** Transaction ids of every proposal, in order. */
    List<String> proposed() {
        return proposed;
    }

    List<String> proposedNames() {
        return proposedNames;
    }

    List<List<String>> proposedArguments() {
        return proposedArguments;
    }

    List<Map<String, byte[]>> proposedTransientData() {
        return proposedTransientData;
    }

    /** Transaction ids handed to the orderer, in order. */
    List<String> submitted() {
        return submitted;
    }

    int statusQueries(String transactionId) {
        return statusQueries.getOrDefault(transactionId, 0);
    }

    @Override
    public synchronized Proposed propose(
            String transactionName, List<String> arguments, Map<String, byte[]> transientData) {
        String txId = prefix + nextId++;
        proposed.add(txId);
        proposedNames.add(transactionName);
        proposedArguments.add(arguments);
        proposedTransientData.add(transientData);
        Outcome outcome = script.isEmpty() ? new Outcome() : script.remove();
        return new Proposed() {
            @Override
            public String transactionId() {
                return txId;
            }

            @Override
            public byte[] evaluate() throws GatewayException {
                if (outcome.evaluateError != null) {
                    throw outcome.evaluateError.apply(txId);
                }
                return outcome.evaluateResult;
            }

            @Override
            public Endorsed endorse() throws EndorseException {
                if (outcome.endorseError != null) {
                    throw outcome.endorseError.apply(txId);
                }
                return new Endorsed() {
                    @Override
                    public byte[] result() {
                        return outcome.result;
                    }

                    @Override
                    public Submitted submit() throws SubmitException {
                        return submitTo(txId, outcome);
                    }
                };
            }
        };
    }

    private synchronized Submitted submitTo(String txId, Outcome outcome) throws SubmitException {
        if (outcome.submitError != null) {
            if (outcome.reachedOrderer) {
                ordered.put(txId, outcome);
            }
            throw outcome.submitError.apply(txId);
        }
        submitted.add(txId);
        ordered.put(txId, outcome);
        return new Submitted() {
            @Override
            public byte[] result() {
                return outcome.result;
            }

            @Override
            public Status status() throws CommitStatusException {
                statusQueries.merge(txId, 1, Integer::sum);
                Function<String, CommitStatusException> error = outcome.statusErrors.poll();
                if (error != null) {
                    throw error.apply(txId);
                }
                return new FakeStatus(txId, outcome.blockNumber, outcome.code);
            }
        };
    }
}
