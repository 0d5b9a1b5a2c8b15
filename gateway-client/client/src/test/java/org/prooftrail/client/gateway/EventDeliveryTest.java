package org.prooftrail.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.client.gateway.GrpcErrors.failure;

import io.grpc.Status.Code;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.FileEventCheckpoint;
import org.prooftrail.client.LedgerEvent;
import org.prooftrail.client.gateway.FakeStages.Outcome;
import org.prooftrail.protocol.Transaction;

class EventDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    record Event(long getBlockNumber, String getTransactionId, String getEventName, byte[] getPayload)
            implements ChaincodeEvent {
        @Override
        public String getChaincodeName() {
            return "prooftrail";
        }
    }

    private static Event event(long block, String txId) {
        return new Event(
                block, txId, "ArtifactRegistered", ("{\"tx\":\"" + txId + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A ledger's event log: a stream opened from a checkpoint yields the events after it, then either ends, fails,
     * or blocks until closed, as a live gateway stream does.
     */
    static final class EventLog implements ChaincodeEventSource {
        private final List<Event> events;
        private final List<String> openedAfter = new CopyOnWriteArrayList<>();
        private int failuresLeft;

        EventLog(List<Event> events, int failuresAfterFirstEvent) {
            this.events = events;
            this.failuresLeft = failuresAfterFirstEvent;
        }

        @Override
        public synchronized CloseableIterator<ChaincodeEvent> open(EventCheckpoint from) {
            openedAfter.add(
                    from.blockNumber().isPresent()
                            ? from.blockNumber().getAsLong() + "/" + from.transactionId()
                            : "start");
            List<ChaincodeEvent> after = new ArrayList<>();
            boolean seen = from.blockNumber().isEmpty();
            for (Event event : events) {
                if (seen) {
                    after.add(event);
                } else if (event.getTransactionId().equals(from.transactionId())) {
                    seen = true;
                }
            }
            boolean fail = failuresLeft > 0;
            if (fail) {
                failuresLeft--;
            }
            return new Stream(after.iterator(), fail);
        }

        List<String> openedAfter() {
            return openedAfter;
        }
    }

    static final class Stream implements CloseableIterator<ChaincodeEvent> {
        private final Iterator<ChaincodeEvent> events;
        private final boolean failAfterFirst;
        private final BlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
        private int delivered;

        Stream(Iterator<ChaincodeEvent> events, boolean failAfterFirst) {
            this.events = events;
            this.failAfterFirst = failAfterFirst;
        }

        @Override
        public boolean hasNext() {
            if (failAfterFirst && delivered == 1) {
                throw new GatewayRuntimeException(failure(Code.UNAVAILABLE, "peer restarted"));
            }
            if (events.hasNext()) {
                return true;
            }
            try {
                closed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new GatewayRuntimeException(failure(Code.CANCELLED, "cancelled"));
        }

        @Override
        public ChaincodeEvent next() {
            delivered++;
            return events.next();
        }

        @Override
        public void close() {
            closed.add(true);
        }
    }

    private static FabricGatewayTransport transportOver(ChaincodeEventSource source) {
        FakeStages ledger = new FakeStages().then(Outcome.committed(1, "{}"));
        return new FabricGatewayTransport(
                List.of(new GatewayPeer(ledger, ledger, new FabricErrorTranslator("localhost:7051"))),
                source,
                RetryPolicy.DEFAULT,
                new FabricGatewayTransport.Resolution(Duration.ofSeconds(120), 5),
                Duration.ofMillis(10),
                "test gateway",
                () -> {});
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(list).hasSize(size);
    }

    /** The listener sees an event before it is checkpointed: wait for the checkpoint too before closing. */
    private static void awaitCheckpoint(FileEventCheckpoint checkpoint, long block, String transactionId)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!(checkpoint.blockNumber().orElse(-1) == block && transactionId.equals(checkpoint.transactionId()))
                && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Nested
    class Subscribing {
        @Test
        void delivers_every_event_in_order_and_checkpoints_each() throws Exception {
            EventLog log = new EventLog(List.of(event(3, "a"), event(3, "b"), event(4, "c")), 0);
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(folder.resolve("events.json"));
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();

            try (FabricGatewayTransport transport = transportOver(log)) {
                EventSubscription subscription = transport.subscribe(checkpoint, received::add);
                try {
                    awaitSize(received, 3);
                    awaitCheckpoint(checkpoint, 4, "c");
                } finally {
                    subscription.close();
                }
            }

            assertThat(received).extracting(LedgerEvent::transactionId).containsExactly("a", "b", "c");
            assertThat(received.get(0).blockNumber()).isEqualTo(3);
            assertThat(received.get(0).name()).isEqualTo("ArtifactRegistered");
            assertThat(new String(received.get(2).payload(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"tx\":\"c\"}");
            assertThat(log.openedAfter()).containsExactly("start");
            assertThat(checkpoint.blockNumber()).hasValue(4);
            assertThat(checkpoint.transactionId()).isEqualTo("c");
        }

        @Test
        void a_restarted_listener_resumes_after_the_last_delivered_event() throws Exception {
            List<Event> ledger = List.of(event(3, "a"), event(3, "b"), event(4, "c"));
            Path file = folder.resolve("events.json");
            FileEventCheckpoint.open(file).checkpoint(3, "a");
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();
            EventLog log = new EventLog(ledger, 0);

            try (FabricGatewayTransport transport = transportOver(log)) {
                EventSubscription subscription = transport.subscribe(FileEventCheckpoint.open(file), received::add);
                try {
                    awaitSize(received, 2);
                } finally {
                    subscription.close();
                }
            }

            assertThat(log.openedAfter()).containsExactly("3/a");
            assertThat(received).extracting(LedgerEvent::transactionId).containsExactly("b", "c");
        }

        @Test
        void a_failed_stream_is_reopened_from_the_checkpoint_without_repeating_an_event() throws Exception {
            EventLog log = new EventLog(List.of(event(3, "a"), event(3, "b"), event(5, "c")), 1);
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(folder.resolve("events.json"));
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();

            try (FabricGatewayTransport transport = transportOver(log)) {
                EventSubscription subscription = transport.subscribe(checkpoint, received::add);
                try {
                    awaitSize(received, 3);
                } finally {
                    subscription.close();
                }
            }

            assertThat(log.openedAfter()).containsExactly("start", "3/a");
            assertThat(received).extracting(LedgerEvent::transactionId).containsExactly("a", "b", "c");
        }

        @Test
        void a_failing_listener_stops_the_subscription_without_checkpointing_that_event() throws Exception {
            EventLog log = new EventLog(List.of(event(3, "a"), event(3, "b"), event(4, "c")), 0);
            FileEventCheckpoint checkpoint = FileEventCheckpoint.open(folder.resolve("events.json"));
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();

            EventDelivery delivery = EventDelivery.start(
                    log,
                    checkpoint,
                    event -> {
                        if (event.transactionId().equals("b")) {
                            throw new IllegalStateException("listener broke");
                        }
                        received.add(event);
                    },
                    Duration.ofMillis(10),
                    "test events");
            long end = System.nanoTime() + WAIT.toNanos();
            while (!delivery.isStopped() && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(5);
            }

            assertThat(delivery.isStopped()).isTrue();
            assertThat(received).extracting(LedgerEvent::transactionId).containsExactly("a");
            assertThat(checkpoint.transactionId()).isEqualTo("a");
            assertThat(FileEventCheckpoint.open(checkpoint.file()).transactionId())
                    .isEqualTo("a");
        }

        @Test
        void closing_stops_the_delivery_thread() throws Exception {
            EventLog log = new EventLog(List.of(event(1, "a")), 0);
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();
            EventDelivery delivery = EventDelivery.start(
                    log, FileEventCheckpoint.open(folder.resolve("e.json")), received::add, Duration.ofMillis(10), "t");
            awaitSize(received, 1);

            delivery.close();

            assertThat(delivery.isStopped()).isTrue();
        }

        @Test
        void closing_the_transport_stops_its_subscriptions() throws Exception {
            EventLog log = new EventLog(List.of(event(1, "a"), event(2, "b")), 0);
            List<LedgerEvent> received = new CopyOnWriteArrayList<>();
            List<Thread> threads = new CopyOnWriteArrayList<>();
            FabricGatewayTransport transport = transportOver(log);
            transport.subscribe(FileEventCheckpoint.open(folder.resolve("e.json")), event -> {
                threads.add(Thread.currentThread());
                received.add(event);
            });
            awaitSize(received, 2);

            transport.close();

            assertThat(threads.get(0).isAlive()).isFalse();
            assertThat(log.openedAfter()).containsExactly("start");
        }

        @Test
        void submitting_while_subscribed_is_unaffected() throws Exception {
            EventLog log = new EventLog(List.of(), 0);
            try (FabricGatewayTransport transport = transportOver(log)) {
                EventSubscription subscription =
                        transport.subscribe(FileEventCheckpoint.open(folder.resolve("e.json")), event -> {});
                try {
                    assertThat(transport
                                    .submit(Transaction.ARTIFACT_REGISTER, List.of("{}"), Map.of())
                                    .blockNumber())
                            .isEqualTo(1);
                } finally {
                    subscription.close();
                }
            }
        }
    }
}
