package org.prooftrail.client.gateway;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.LedgerEventListener;

/**
 * Delivers chaincode events to a listener on a daemon thread until closed. Each event is handed to the listener and
 * then checkpointed, so a restart from the checkpoint neither repeats nor skips one. When the stream fails (a peer
 * restart, a network blip) it is reopened from the checkpoint after a growing delay; when the listener throws, the
 * subscription stops without checkpointing that event.
 */
final class EventDelivery implements EventSubscription {
    private static final Logger LOG = Logger.getLogger(EventDelivery.class.getName());
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final ChaincodeEventSource source;
    private final EventCheckpoint checkpoint;
    private final LedgerEventListener listener;
    private final Duration initialReconnectDelay;
    private final Thread thread;
    private volatile boolean closed;
    /**
     * Wakes a reconnect pause when the subscription closes. The delivery thread is never interrupted: an interrupt
     * during the checkpoint's file write would close its channel and lose the position of an event already
     * delivered.
     */
    private final CountDownLatch closing = new CountDownLatch(1);

    private volatile CloseableIterator<ChaincodeEvent> current;

    private EventDelivery(
            ChaincodeEventSource source,
            EventCheckpoint checkpoint,
            LedgerEventListener listener,
            Duration initialReconnectDelay,
            String name) {
        this.source = source;
        this.checkpoint = checkpoint;
        this.listener = listener;
        this.initialReconnectDelay = initialReconnectDelay;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    static EventDelivery start(
            ChaincodeEventSource source,
            EventCheckpoint checkpoint,
            LedgerEventListener listener,
            Duration initialReconnectDelay,
            String name) {
        EventDelivery delivery = new EventDelivery(
                Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(checkpoint, "checkpoint"),
                Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(initialReconnectDelay, "initialReconnectDelay"),
                Objects.requireNonNull(name, "name"));
        delivery.thread.start();
        return delivery;
    }

    /** Whether the delivery thread has stopped: closed, or stopped by a failing listener. */
    boolean isStopped() {
        return !thread.isAlive();
    }

    private void run() {
        Duration delay = initialReconnectDelay;
        while (!closed) {
            try (CloseableIterator<ChaincodeEvent> events = source.open(checkpoint)) {
                current = events;
                if (closed) {
                    return;
                }
                while (!closed && events.hasNext()) {
                    ChaincodeEvent event = events.next();
                    if (!deliver(event)) {
                        return;
                    }
                    delay = initialReconnectDelay;
                }
            } catch (GatewayRuntimeException | StatusRuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "chaincode event stream failed, reopening in " + delay + ": " + e.getMessage());
            } finally {
                current = null;
            }
            if (!pause(delay)) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RECONNECT_DELAY) > 0
                    ? MAX_RECONNECT_DELAY
                    : delay.multipliedBy(2);
        }
    }

    private boolean deliver(ChaincodeEvent event) {
        LedgerEvent ledgerEvent = new LedgerEvent(
                event.getBlockNumber(), event.getTransactionId(), event.getEventName(), event.getPayload());
        try {
            listener.onEvent(ledgerEvent);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "event listener failed on block " + event.getBlockNumber() + " transaction "
                            + event.getTransactionId() + "; subscription stopped before checkpointing it",
                    e);
            return false;
        }
        try {
            checkpoint.checkpoint(event.getBlockNumber(), event.getTransactionId());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot checkpoint delivered event; subscription stopped", e);
            return false;
        }
        return true;
    }

    private boolean pause(Duration delay) {
        try {
            return !closing.await(delay.toMillis(), TimeUnit.MILLISECONDS) && !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        CloseableIterator<ChaincodeEvent> events = current;
        if (events != null) {
            events.close();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
