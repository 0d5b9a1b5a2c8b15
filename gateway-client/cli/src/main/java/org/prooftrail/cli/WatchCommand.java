package org.prooftrail.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.prooftrail.client.EventCheckpoint;
import org.prooftrail.client.EventSubscription;
import org.prooftrail.client.FileEventCheckpoint;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        mixinStandardHelpOptions = true,
        name = "watch",
        description =
                "Print the chaincode's events as they are committed, one line each (key=value), a live feed of what"
                        + " needs action: ArtifactStatusChanged (with the affectedDeployments downstream),"
                        + " ConsentAttestationStale, DeploymentRecorded (with its compliance), ... With --checkpoint FILE a"
                        + " restarted watch resumes after the last event it printed.")
final class WatchCommand extends LedgerCommand {
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "remember the position here")
    Path checkpoint;

    @Option(names = "--max", paramLabel = "N", description = "stop after N events")
    Integer max;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop after this long")
    Long timeout;

    @Override
    int run(ProofTrail proofTrail) throws InterruptedException {
        EventCheckpoint position = checkpoint != null ? FileEventCheckpoint.open(checkpoint) : new MemoryCheckpoint();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        EventSubscription subscription = proofTrail.transport().subscribe(position, event -> {
            String payload = new String(event.payload(), StandardCharsets.UTF_8);
            synchronized (this) {
                if (json()) {
                    out().printf(
                                    "{\"block\":%d,\"event\":\"%s\",\"payload\":%s,\"txId\":\"%s\"}%n",
                                    event.blockNumber(), event.name(), payload, event.transactionId());
                } else {
                    out().printf("#%d %-24s %s%n", event.blockNumber(), event.name(), readable(event.payload()));
                }
                out().flush();
            }
            if (max != null && seen.incrementAndGet() >= max) {
                done.countDown();
            }
        });
        try {
            if (timeout != null) {
                done.await(timeout, TimeUnit.SECONDS);
            } else {
                done.await();
            }
        } finally {
            subscription.close();
        }
        return ExitCode.OK;
    }

    /**
     * An event's payload for people: {@code key=value} pairs sorted by key, lists in brackets, objects in braces, so
     * every event, including ones this version does not know, reads the same way. A payload that is not a JSON object
     * is printed as it is.
     */
    static String readable(byte[] payload) {
        Object tree;
        try {
            tree = Json.read(new String(payload, StandardCharsets.UTF_8));
        } catch (RuntimeException notJson) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        if (!(tree instanceof Map<?, ?> fields)) {
            return new String(payload, StandardCharsets.UTF_8);
        }
        StringBuilder line = new StringBuilder();
        new TreeMap<>(fields).forEach((key, value) -> {
            if (value != null) {
                line.append(line.length() == 0 ? "" : "  ")
                        .append(key)
                        .append('=')
                        .append(value(value));
            }
        });
        return line.toString();
    }

    private static String value(Object value) {
        if (value instanceof List<?> list) {
            return "["
                    + String.join(", ", list.stream().map(WatchCommand::value).toList()) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder object = new StringBuilder("{");
            new TreeMap<>(map).forEach((k, v) -> object.append(object.length() == 1 ? "" : ", ")
                    .append(k)
                    .append('=')
                    .append(value(v)));
            return object.append('}').toString();
        }
        return String.valueOf(value);
    }

    /** A position that lives as long as the command. */
    private static final class MemoryCheckpoint implements EventCheckpoint {
        private long block = -1;
        private String transaction;

        @Override
        public synchronized java.util.OptionalLong blockNumber() {
            return block < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(block);
        }

        @Override
        public synchronized String transactionId() {
            return transaction;
        }

        @Override
        public synchronized void checkpoint(long blockNumber, String transactionId) {
            block = blockNumber;
            transaction = transactionId;
        }
    }
}
