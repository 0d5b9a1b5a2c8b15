package org.prooftrail.client.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prooftrail.client.GatewayUnavailableException;

/**
 * The configured gateway peers in order, and which one is preferred: the first, until it is found unavailable;
 * then the next, which stays preferred until it is unavailable in turn.
 */
final class GatewayPeers {
    private static final Logger LOG = Logger.getLogger(GatewayPeers.class.getName());

    private final List<GatewayPeer> peers;
    private final AtomicInteger preferred = new AtomicInteger();

    GatewayPeers(List<GatewayPeer> peers) {
        this.peers = List.copyOf(peers);
        if (this.peers.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway peer is needed");
        }
    }

    /** The first configured peer (its translator names the configured endpoint). */
    GatewayPeer first() {
        return peers.get(0);
    }

    /** Every peer, the preferred one first. */
    List<GatewayPeer> inPreferredOrder() {
        int first = preferred.get();
        List<GatewayPeer> ordered = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            ordered.add(peers.get((first + i) % peers.size()));
        }
        return ordered;
    }

    /**
     * Makes CALL on the preferred peer and, while it fails with {@link GatewayUnavailableException}, on the next
     * ones; the last peer's failure is the caller's. Only for calls that submit nothing, so that a call made again
     * elsewhere cannot take effect twice.
     */
    <T> T withFailover(Function<GatewayPeer, T> call) {
        int first = preferred.get();
        int size = peers.size();
        for (int tried = 0; tried < size - 1; tried++) {
            int index = (first + tried) % size;
            try {
                return call.apply(peers.get(index));
            } catch (GatewayUnavailableException e) {
                failOver(index, e);
            }
        }
        return call.apply(peers.get((first + size - 1) % size));
    }

    private void failOver(int from, GatewayUnavailableException why) {
        int next = (from + 1) % peers.size();
        preferred.compareAndSet(from, next);
        if (LOG.isLoggable(Level.WARNING)) {
            LOG.log(Level.WARNING, "{0}; failing over to gateway peer {1}", new Object[] {
                why.getMessage(), peers.get(next).errors().endpoint()
            });
        }
    }
}
