package org.prooftrail.client.embedded;

import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.LedgerEventListener;

/**
 * Delivers committed chaincode events to subscriptions, in block order. The events themselves are read from the
 * index ({@link Source}); the feed only knows up to which block they are visible: a block becomes visible once its
 * record is on disk ({@link #publish}). Each subscription has its own thread, so a slow listener delays nobody else.
 */
final class EventFeed {
    private static final Logger LOGGER = Logger.getLogger(EventFeed.class.getName());
    private static final int BATCH = 1000;

    /** Where committed events are read from. */
    interface Source {
        /** The events of blocks after {@code after} up to {@code upTo}, at most {@code limit}, in block order. */
        List<LedgerEvent> events(long after, long upTo, int limit);
    }

    private final Source source;
    private long visibleHeight;
    private boolean shutdown;

    EventFeed(Source source) {
        this.source = source;
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

    /** Visible events after {@code block}, waiting until some block after it is visible; empty when stopped. */
    private Batch after(long block, Subscription subscription) throws InterruptedException {
        final long visible;
        synchronized (this) {
            while (!shutdown && subscription.running && visibleHeight <= block) {
                wait();
            }
            if (shutdown || !subscription.running) {
                return null;
            }
            visible = visibleHeight;
        }
        // Read outside the monitor: the source takes the store's commit lock, which close() holds while it shuts down.
        final List<LedgerEvent> events = source.events(block, visible, BATCH);
        final long upTo =
                events.size() < BATCH ? visible : events.get(events.size() - 1).blockNumber();
        return new Batch(events, upTo);
    }

    /** Events read, and the block up to which there are no others. */
    private record Batch(List<LedgerEvent> events, long upTo) {}

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
                    final Batch batch = after(position, this);
                    if (batch == null) {
                        return;
                    }
                    for (LedgerEvent event : batch.events()) {
                        if (!running) {
                            return;
                        }
                        listener.onEvent(event);
                        checkpoint.checkpoint(event.blockNumber(), event.transactionId());
                        position = event.blockNumber();
                    }
                    position = batch.upTo();
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
