package org.prooftrail.client.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.LedgerEventListener;

/**
 * The committed chaincode events in block order, and the subscriptions that deliver them. An event is added when its
 * transaction is applied but becomes visible only once its record is on disk ({@link #publish}). Each subscription
 * has its own thread, so a slow listener delays nobody else.
 */
final class EventFeed {
    private static final Logger LOGGER = Logger.getLogger(EventFeed.class.getName());

    private final List<LedgerEvent> events = new ArrayList<>();
    private long visibleHeight;
    private boolean shutdown;

    synchronized void add(LedgerEvent event) {
        events.add(event);
    }

    /** Makes the events of blocks up to {@code height} visible to subscribers. */
    synchronized void publish(long height) {
        if (height > visibleHeight) {
            visibleHeight = height;
            notifyAll();
        }
    }

    synchronized void shutdown() {
        shutdown = true;
        notifyAll();
    }

    Subscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener, Consumer<Subscription> onEnd) {
        final Subscription subscription = new Subscription(checkpoint, listener, onEnd);
        final Thread thread = new Thread(subscription::run, "prooftrail-embedded-events");
        thread.setDaemon(true);
        subscription.thread = thread;
        thread.start();
        return subscription;
    }

    /** Visible events after {@code block}, waiting until there is at least one; empty when stopped. */
    private synchronized List<LedgerEvent> after(long block, Subscription subscription) throws InterruptedException {
        while (!shutdown && subscription.running) {
            final List<LedgerEvent> batch = new ArrayList<>();
            for (int i = firstAfter(block); i < events.size(); i++) {
                final LedgerEvent event = events.get(i);
                if (event.blockNumber() > visibleHeight) {
                    break;
                }
                batch.add(event);
            }
            if (!batch.isEmpty()) {
                return batch;
            }
            wait();
        }
        return List.of();
    }

    private int firstAfter(long block) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            final int middle = (low + high) >>> 1;
            if (events.get(middle).blockNumber() <= block) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private synchronized void wake() {
        notifyAll();
    }

    /** One listener's delivery loop. */
    final class Subscription implements EventSubscription {
        private final EventCheckpoint checkpoint;
        private final LedgerEventListener listener;
        private final Consumer<Subscription> onEnd;
        private volatile boolean running = true;
        private Thread thread;

        Subscription(EventCheckpoint checkpoint, LedgerEventListener listener, Consumer<Subscription> onEnd) {
            this.checkpoint = checkpoint;
            this.listener = listener;
            this.onEnd = onEnd;
        }

        private void run() {
            long position = checkpoint.blockNumber().orElse(0L);
            try {
                while (running) {
                    for (LedgerEvent event : after(position, this)) {
                        if (!running) {
                            return;
                        }
                        listener.onEvent(event);
                        checkpoint.checkpoint(event.blockNumber(), event.transactionId());
                        position = event.blockNumber();
                    }
                    if (shutdownRequested()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOGGER.log(
                        Level.WARNING, "an event listener failed; its subscription stops before block " + position, e);
            } finally {
                running = false;
                onEnd.accept(this);
            }
        }

        private boolean shutdownRequested() {
            synchronized (EventFeed.this) {
                return shutdown;
            }
        }

        @Override
        public void close() {
            running = false;
            wake();
            if (thread != Thread.currentThread()) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
