package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.prooftrail.client.json.Json;

/**
 * An offline-verifiable proof of records on a Fabric channel (format {@value #FORMAT}, docs/audit-bundles.md).
 *
 * @param channel the channel the blocks belong to
 * @param chaincode the chaincode namespace the records were written in
 * @param endorsementPolicy the channel policy the chaincode definition names (for keys with no key-level policy)
 * @param root the node the bundle was collected for ({@code artifact:ID}, ...)
 * @param depth how far upstream the lineage walk went
 * @param configBlockNumber the number of {@code configBlock}
 * @param configBlock the serialised channel configuration block in force at the tip
 * @param blocks the serialised blocks that hold the records' transactions, and the tip block, by number
 * @param firstHeader the number of the first header in {@code headers}
 * @param headers the serialised {@code common.BlockHeader}s from {@code firstHeader} to the tip, one per block
 * @param tip the number of the tip block, whose orderer signatures the chain ends in
 * @param records the records claimed, each with the transaction that wrote it
 */
public record ProofBundle(
        String channel,
        String chaincode,
        String endorsementPolicy,
        String root,
        int depth,
        long configBlockNumber,
        ByteString configBlock,
        SortedMap<Long, ByteString> blocks,
        long firstHeader,
        List<ByteString> headers,
        long tip,
        List<BundledRecord> records) {

    /** The format name in every bundle file. */
    public static final String FORMAT = "prooftrail-audit-bundle/1";

    private static final String BYTES = "bytes";
    private static final String NUMBER = "number";

    public ProofBundle {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(endorsementPolicy, "endorsementPolicy");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(configBlock, "configBlock");
        blocks = new TreeMap<>(blocks);
        headers = List.copyOf(headers);
        records = List.copyOf(records);
    }

    /** The header of block {@code number} as the bundle's chain holds it, or null when outside the chain. */
    public ByteString header(long number) {
        long index = number - firstHeader;
        return index < 0 || index >= headers.size() ? null : headers.get((int) index);
    }

    /** The same bundle with other parts (a tampered copy, or a collector's next step). */
    public ProofBundle with(
            ByteString newConfigBlock,
            SortedMap<Long, ByteString> newBlocks,
            List<ByteString> newHeaders,
            List<BundledRecord> newRecords) {
        return new ProofBundle(
                channel,
                chaincode,
                endorsementPolicy,
                root,
                depth,
                configBlockNumber,
                newConfigBlock,
                newBlocks,
                firstHeader,
                newHeaders,
                tip,
                newRecords);
    }

    /** The bundle as its JSON file (keys sorted; bytes in standard base64). */
    public String toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("format", FORMAT);
        tree.put("source", "fabric");
        tree.put("channel", channel);
        tree.put("chaincode", chaincode);
        tree.put("endorsementPolicy", endorsementPolicy);
        tree.put("root", root);
        tree.put("depth", depth);
        tree.put("configBlock", Map.of(NUMBER, configBlockNumber, BYTES, base64(configBlock)));
        tree.put(
                "blocks",
                blocks.entrySet().stream()
                        .map(entry -> Map.of(NUMBER, entry.getKey(), BYTES, base64(entry.getValue())))
                        .toList());
        tree.put(
                "headers",
                Map.of(
                        "first",
                        firstHeader,
                        BYTES,
                        headers.stream().map(ProofBundle::base64).toList()));
        tree.put("tip", tip);
        tree.put("records", records.stream().map(ProofBundle::recordTree).toList());
        return Json.write(tree);
    }

    private static Map<String, Object> recordTree(BundledRecord record) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", record.id());
        tree.put("kind", record.kind());
        tree.put("txId", record.transactionId());
        tree.put("block", record.blockNumber());
        tree.put("namespace", record.namespace());
        tree.put("key", record.key());
        tree.put("value", base64(record.value()));
        return tree;
    }

    /**
     * Reads a bundle file.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ProofBundle fromJson(String json) {
        BundleTree tree = new BundleTree(Json.readObject(json, "the bundle"));
        String format = tree.text("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a " + FORMAT + " bundle: format is " + format);
        }
        BundleTree config = tree.object("configBlock");
        SortedMap<Long, ByteString> blocks = new TreeMap<>();
        for (BundleTree block : tree.objects("blocks")) {
            blocks.put(block.number(NUMBER), block.bytes(BYTES));
        }
        BundleTree headers = tree.object("headers");
        List<ByteString> headerBytes =
                headers.texts(BYTES).stream().map(ProofBundle::fromBase64).toList();
        List<BundledRecord> records = tree.objects("records").stream()
                .map(record -> new BundledRecord(
                        record.text("id"),
                        record.text("kind"),
                        record.text("txId"),
                        record.number("block"),
                        record.text("namespace"),
                        record.text("key"),
                        record.bytes("value")))
                .toList();
        return new ProofBundle(
                tree.text("channel"),
                tree.text("chaincode"),
                tree.text("endorsementPolicy"),
                tree.text("root"),
                Math.toIntExact(tree.number("depth")),
                config.number(NUMBER),
                config.bytes(BYTES),
                blocks,
                headers.number("first"),
                headerBytes,
                tree.number("tip"),
                records);
    }

    static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static ByteString fromBase64(String text) {
        return ByteString.copyFrom(Base64.getDecoder().decode(text));
    }
}
