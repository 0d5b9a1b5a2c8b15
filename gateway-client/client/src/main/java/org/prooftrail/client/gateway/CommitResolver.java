package org.prooftrail.client.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.GatewayException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.client.gateway.FabricGatewayTransport.Resolution;

/**
 * Finds out what became of a submitted transaction whose commit status did not come: looks it up by its id on the
 * gateway peers in turn until one answers, and again with backoff, until it is found in a block, or the channel grew
 * by the configured number of blocks past the first answer without it, or the resolution deadline passed. It never
 * submits anything.
 */
final class CommitResolver {
    private static final Logger LOG = Logger.getLogger(CommitResolver.class.getName());

    private final GatewayPeers peers;
    private final RetryPolicy retryPolicy;
    private final Resolution resolution;

    CommitResolver(GatewayPeers peers, RetryPolicy retryPolicy, Resolution resolution) {
        this.peers = Objects.requireNonNull(peers, "peers");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    /**
     * The transaction's block and validation code.
     *
     * @throws TransactionNotCommittedException when it is in no block and the evidence says it will not be
     * @throws GatewayUnavailableException when no peer answered a lookup within the resolution deadline
     */
    CommittedTransactions.Committed resolve(String txId, ProofTrailClientException unknown) {
        if (LOG.isLoggable(Level.INFO)) {
            LOG.log(Level.INFO, "{0}; resolving transaction {1} by its id", new Object[] {unknown.getMessage(), txId});
        }
        Lookup lookup = new Lookup(txId, unknown);
        long deadline = retryPolicy.nanoTime() + resolution.deadline().toNanos();
        for (int round = 1; ; round++) {
            Optional<CommittedTransactions.Committed> found = lookup.ask(peers.inPreferredOrder());
            if (found.isPresent()) {
                return found.get();
            }
            if (lookup.grown() >= resolution.blocks()) {
                throw lookup.notCommitted("the channel grew by " + lookup.grown() + " blocks (the configured "
                        + resolution.blocks() + ") without it");
            }
            if (retryPolicy.nanoTime() - deadline >= 0) {
                throw lookup.afterDeadline(resolution);
            }
            retryPolicy.pause(retryPolicy.backoff(round), txId);
        }
    }

    /** One transaction's lookups: the heights seen, and the last failure when no peer answered. */
    private static final class Lookup {
        private final String txId;
        private final ProofTrailClientException unknown;
        private long from = -1;
        private long last = -1;
        private Exception lastFailure;

        Lookup(String txId, ProofTrailClientException unknown) {
            this.txId = txId;
            this.unknown = unknown;
        }

        /** Asks the peers in turn until one answers; empty when none did or the one that did has no such id. */
        Optional<CommittedTransactions.Committed> ask(List<GatewayPeer> peers) {
            for (GatewayPeer peer : peers) {
                try {
                    // The height first: when the lookup then misses, the transaction is in none of those blocks.
                    long height = peer.ledger().height();
                    Optional<CommittedTransactions.Committed> found =
                            peer.ledger().find(txId);
                    from = from < 0 ? height : Math.min(from, height);
                    last = Math.max(last, height);
                    return found;
                } catch (GatewayException | ProofTrailClientException e) {
                    failed(e);
                }
            }
            return Optional.empty();
        }

        private void failed(Exception e) {
            lastFailure = e;
        }

        boolean answered() {
            return from >= 0;
        }

        long grown() {
            return answered() ? last - from : 0;
        }

        TransactionNotCommittedException notCommitted(String evidence) {
            return new TransactionNotCommittedException(
                    "transaction " + txId + " was not committed: it is in no block up to height " + last
                            + " (looked from height " + from + "; " + evidence + "); it did not take effect, and"
                            + " submitting the same request again is safe (registrations are idempotent)",
                    txId,
                    from,
                    last,
                    unknown);
        }

        /** What the lookups came to when the deadline passed without the blocks that would prove it. */
        ProofTrailClientException afterDeadline(Resolution resolution) {
            if (answered()) {
                return notCommitted("the channel grew by only " + grown() + " blocks in the resolution deadline of "
                        + resolution.deadline()
                        + ", and an orderer cuts a block within its batch timeout of receiving a transaction");
            }
            return unanswered(resolution);
        }

        private GatewayUnavailableException unanswered(Resolution resolution) {
            Exception cause = lastFailure == null ? unknown : lastFailure;
            return new GatewayUnavailableException(
                    "transaction " + txId + " was submitted but its commit status did not come, and no gateway"
                            + " peer answered a lookup of it within " + resolution.deadline() + " ("
                            + cause.getMessage() + "); it may yet commit: look it up by its id before"
                            + " submitting it again",
                    txId,
                    cause);
        }
    }
}
