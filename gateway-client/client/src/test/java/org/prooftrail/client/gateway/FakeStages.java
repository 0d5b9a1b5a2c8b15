package org.prooftrail.client.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * An in-process gateway: each proposal plays the next scripted {@link Outcome}, throwing fabric-gateway's real
 * exceptions where the script says so, and records what was proposed, submitted and asked about.
 */
final class FakeStages implements TransactionStages {

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

        static Outcome submitFails(Function<String, SubmitException> error) {
            Outcome outcome = new Outcome();
            outcome.submitError = error;
            return outcome;
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
    private int nextId = 1;

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
        String txId = "tx" + nextId++;
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
                return () -> {
                    if (outcome.submitError != null) {
                        throw outcome.submitError.apply(txId);
                    }
                    submitted.add(txId);
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
                };
            }
        };
    }
}
