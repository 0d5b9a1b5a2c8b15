package org.prooftrail.client.embedded;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prooftrail.client.audit.BundledRecord;
import org.prooftrail.client.audit.ProofBundle;
import org.prooftrail.client.json.Json;

/**
 * A proof bundle of the embedded ledger (format {@value ProofBundle#FORMAT}, source {@code embedded}; docs/audit-bundles.md).
 *
 * @param firstRecord the number of the first log record in {@code log}
 * @param log every log record from {@code firstRecord} to the checkpoint's, base64 of its bytes as the log holds them
 */
public record EmbeddedBundle(
        String root,
        int depth,
        List<BundledRecord> records,
        long firstRecord,
        List<String> log,
        Checkpoint checkpoint) {
    private static final String SOURCE = "embedded";
    private static final String RECORDS = "records";
    private static final String CHECKPOINT = "checkpoint";

    public EmbeddedBundle {
        Objects.requireNonNull(root, "root");
        records = List.copyOf(records);
        log = List.copyOf(log);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The bundle as its JSON file (keys sorted). */
    public String toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", ProofBundle.FORMAT);
        tree.put("source", SOURCE);
        tree.put("root", root);
        tree.put("depth", depth);
        List<Object> items = new ArrayList<>();
        records.forEach(record -> items.add(recordTree(record)));
        tree.put(RECORDS, items);
        tree.put("log", Map.of("first", firstRecord, RECORDS, log));
        tree.put(CHECKPOINT, checkpoint.tree());
        return Json.write(tree);
    }

    private static Map<String, Object> recordTree(BundledRecord record) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", record.id());
        item.put("kind", record.kind());
        item.put("txId", record.transactionId());
        item.put("block", record.blockNumber());
        item.put("namespace", record.namespace());
        item.put("key", record.key());
        item.put("value", Base64.getEncoder().encodeToString(record.value().toByteArray()));
        return item;
    }

    /**
     * Reads a bundle file of source {@code embedded}.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static EmbeddedBundle fromJson(String json) {
        Map<String, Object> tree = Json.readObject(json, "the bundle");
        if (!ProofBundle.FORMAT.equals(tree.get("format")) || !SOURCE.equals(tree.get("source"))) {
            throw new IllegalArgumentException("not an embedded-ledger bundle");
        }
        List<BundledRecord> records = new ArrayList<>();
        for (Object item : JsonFields.list(tree, RECORDS)) {
            records.add(record(JsonFields.object(item, RECORDS)));
        }
        Map<String, Object> log = JsonFields.object(tree.get("log"), "log");
        List<String> logRecords = new ArrayList<>();
        for (Object item : JsonFields.list(log, RECORDS)) {
            logRecords.add(String.valueOf(item));
        }
        return new EmbeddedBundle(
                JsonFields.text(tree, "root"),
                Math.toIntExact(JsonFields.number(tree, "depth")),
                records,
                JsonFields.number(log, "first"),
                logRecords,
                Checkpoint.fromTree(JsonFields.object(tree.get(CHECKPOINT), CHECKPOINT)));
    }

    private static BundledRecord record(Map<String, Object> record) {
        return new BundledRecord(
                JsonFields.text(record, "id"),
                JsonFields.text(record, "kind"),
                JsonFields.text(record, "txId"),
                JsonFields.number(record, "block"),
                JsonFields.text(record, "namespace"),
                JsonFields.text(record, "key"),
                ByteString.copyFrom(Base64.getDecoder().decode(JsonFields.text(record, "value"))));
    }
}
