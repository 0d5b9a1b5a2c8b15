package org.prooftrail.client.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.prooftrail.client.ChaincodeVersionSkew;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.protocol.Transaction;

/**
 * How {@link FabricGatewayTransport} submits a transaction: endorsement through the preferred gateway peer (failing
 * over while nothing was submitted), the hand-over to the orderer, the wait for the commit status (asked again a
 * bounded number of times), resolution by the transaction id when it does not come, and new proposals after read
 * conflicts. The outcomes are those the transport's documentation lists.
 */
final class SubmitFlow {
    private static final Logger LOG = Logger.getLogger(SubmitFlow.class.getName());

    private final GatewayPeers peers;
    private final RetryPolicy retryPolicy;
    private final CommitResolver resolver;

    SubmitFlow(GatewayPeers peers, RetryPolicy retryPolicy, CommitResolver resolver) {
        this.peers = Objects.requireNonNull(peers, "peers");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A transaction's final state: in a block with a validation code, and the chaincode's endorsed result. */
    private record Outcome(String transactionId, long blockNumber, TxValidationCode code, byte[] result) {}

    /**
     * Submits until the transaction commits valid, retrying read conflicts as new proposals. {@code transaction} is
     * null for a chaincode other than prooftrail: no version-skew explanation then.
     */
    SubmitResult submit(
            Transaction transaction, String transactionName, List<String> args, Map<String, byte[]> transients) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = submitOnce(transaction, transactionName, args, transients);
            String txId = outcome.transactionId();
            if (outcome.code() == TxValidationCode.VALID) {
                return new SubmitResult(txId, outcome.blockNumber(), outcome.result());
            }
            boolean retryable = FabricErrorTranslator.isRetryable(outcome.code());
            if (!retryable || attempt >= retryPolicy.maxSubmitAttempts()) {
                throw peers.first().errors().commitFailed(outcome.code(), txId);
            }
            Duration wait = retryPolicy.backoff(attempt);
            logRetry(transactionName, txId, outcome.code(), wait, attempt + 1);
            retryPolicy.pause(wait, txId);
        }
    }

    /** A transaction endorsed through one gateway peer, not yet submitted. */
    private record Endorsement(GatewayPeer peer, String transactionId, TransactionStages.Endorsed endorsed) {}

    /**
     * Endorses one new proposal, through the preferred gateway peer or, when it is unavailable (nothing was
     * submitted), the next ones; submits it; then waits for, or resolves, its outcome.
     */
    private Outcome submitOnce(
            Transaction transaction,
            String transactionName,
            List<String> arguments,
            Map<String, byte[]> transientData) {
        try {
            Endorsement endorsement =
                    peers.withFailover(peer -> endorse(peer, transactionName, arguments, transientData));
            return submitAndAwait(endorsement);
        } catch (ProofTrailClientException e) {
            throw transaction == null ? e : ChaincodeVersionSkew.explain(transaction, e);
        }
    }

    private static Endorsement endorse(
            GatewayPeer peer, String transactionName, List<String> arguments, Map<String, byte[]> transientData) {
        TransactionStages.Proposed proposal = peer.stages().propose(transactionName, arguments, transientData);
        try {
            return new Endorsement(peer, proposal.transactionId(), proposal.endorse());
        } catch (EndorseException e) {
            throw peer.errors().endorseFailed(e);
        }
    }

    private Outcome submitAndAwait(Endorsement endorsement) {
        GatewayPeer peer = endorsement.peer();
        TransactionStages.Submitted submitted;
        try {
            submitted = endorsement.endorsed().submit();
        } catch (SubmitException e) {
            if (!mayHaveReachedTheOrderer(e.getStatus())) {
                throw peer.errors().submitFailed(e);
            }
            // The orderer may have taken it before the call broke off: never submit it again; find out.
            return resolved(
                    endorsement.transactionId(),
                    endorsement.endorsed().result(),
                    peer.errors().submitFailed(e));
        }
        return awaitStatus(peer, submitted, endorsement.transactionId());
    }

    private static boolean mayHaveReachedTheOrderer(io.grpc.Status status) {
        return FabricErrorTranslator.isTransient(status) || status.getCode() == io.grpc.Status.Code.ABORTED;
    }

    /** Asks for the same transaction's status again when the answer did not come in time; never resubmits. */
    private Outcome awaitStatus(GatewayPeer peer, TransactionStages.Submitted submitted, String txId) {
        for (int query = 1; ; query++) {
            try {
                Status status = submitted.status();
                return new Outcome(txId, status.getBlockNumber(), status.getCode(), submitted.result());
            } catch (CommitStatusException e) {
                if (!FabricErrorTranslator.isTransient(e.getStatus())) {
                    throw peer.errors().commitStatusUnknown(e, txId, query);
                }
                if (query >= retryPolicy.maxCommitStatusQueries()) {
                    return resolved(txId, submitted.result(), peer.errors().commitStatusUnknown(e, txId, query));
                }
                logStatusQuery(txId, e.getStatus().getCode());
                retryPolicy.pause(retryPolicy.backoff(query), txId);
            }
        }
    }

    private Outcome resolved(String txId, byte[] result, ProofTrailClientException unknown) {
        CommittedTransactions.Committed committed = resolver.resolve(txId, unknown);
        return new Outcome(txId, committed.blockNumber(), committed.code(), result);
    }

    private void logRetry(String transactionName, String txId, TxValidationCode code, Duration wait, int attempt) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(
                    Level.FINE,
                    "{0} {1} failed validation with {2}; proposing it again in {3} (attempt {4} of {5})",
                    new Object[] {transactionName, txId, code, wait, attempt, retryPolicy.maxSubmitAttempts()});
        }
    }

    private static void logStatusQuery(String txId, io.grpc.Status.Code code) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "commit status of {0} not known yet ({1}); asking again", new Object[] {txId, code});
        }
    }
}
