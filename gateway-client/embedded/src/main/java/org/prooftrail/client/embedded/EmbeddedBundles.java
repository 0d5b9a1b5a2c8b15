package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.BundledRecord;
import org.prooftrail.client.audit.LineageWriters;

/**
 * Proof bundles of the embedded ledger (docs/audit-bundles.md, source {@code embedded}): the same records as a Fabric
 * bundle claims, the log records that hold them and every record after them (the hash chain), and a checkpoint of the
 * log's end signed by the local organisation's key, so that a log cut short, or a bundle whose chain is, no longer
 * verifies against it. Checkpoints are kept in {@code <home>/checkpoints/}; each {@code audit bundle} writes one.
 */
public final class EmbeddedBundles {
    private EmbeddedBundles() {}

    /** Signs the log's current end with the local organisation's key and keeps it in {@code <home>/checkpoints/}. */
    public static Checkpoint checkpoint(EmbeddedLedger ledger) {
        return Checkpoints.write(ledger.home());
    }

    /**
     * Checks the log against the latest signed checkpoint: its signature and certificate, and that the log still
     * holds its record, with its hash. Empty when it holds (or there is no checkpoint yet); else what is wrong.
     */
    public static Optional<String> checkAgainstLatestCheckpoint(Path home) {
        return Checkpoints.checkLatest(home);
    }

    /**
     * Collects the bundle of {@code id} and its upstream from the embedded ledger: the lineage walk and the ledger's
     * answers through {@code proofTrail}, the records from the log, and a new signed checkpoint of the log's end.
     */
    public static EmbeddedBundle collect(ProofTrail proofTrail, EmbeddedLedger ledger, String id, int depth) {
        var graph = proofTrail.upstream(id, depth);
        List<LineageWriters.Writer> writers = LineageWriters.writers(proofTrail, graph);
        Set<String> wanted = new HashSet<>();
        writers.forEach(writer -> wanted.add(writer.transactionId()));
        Map<String, LogRecord> byTransaction = new HashMap<>();
        Checkpoints.scan(ledger.home(), record -> {
            if (wanted.contains(record.txId())) {
                byTransaction.put(record.txId(), record);
            }
        });
        Checkpoint checkpoint = Checkpoints.write(ledger.home());
        List<BundledRecord> records = new ArrayList<>();
        for (LineageWriters.Writer writer : writers) {
            records.add(claim(writer, byTransaction.get(writer.transactionId())));
        }
        long from = records.stream().mapToLong(BundledRecord::blockNumber).min().orElse(checkpoint.number());
        List<String> log = new ArrayList<>();
        Checkpoints.scan(ledger.home(), record -> {
            if (record.number() >= from && record.number() <= checkpoint.number()) {
                log.add(Base64.getEncoder().encodeToString(encode(record)));
            }
        });
        return new EmbeddedBundle(graph.root(), depth, records, from, log, checkpoint);
    }

    private static BundledRecord claim(LineageWriters.Writer writer, LogRecord record) {
        if (record == null) {
            throw new ProofTrailClientException(
                    "transaction " + writer.transactionId() + " is not in the log", writer.transactionId(), null);
        }
        WriteSet writes = record.writeSet();
        String key = LineageWriters.recordKey(
                        writer, new ArrayList<>(writes.puts().keySet()))
                .orElse("");
        return new BundledRecord(
                writer.id(),
                writer.kind(),
                writer.transactionId(),
                record.number(),
                "prooftrail",
                key,
                ByteString.copyFrom(writes.puts().getOrDefault(key, new byte[0])));
    }

    private static byte[] encode(LogRecord record) {
        byte[] encoded = LogRecord.encode(
                record.number(),
                record.txId(),
                record.timestamp(),
                record.creatorMspId(),
                record.creatorDigest(),
                record.previousHash(),
                record.writeSet().toBytes(),
                record.privateSection());
        byte[] trailer = new byte[LogRecord.HASH_BYTES];
        System.arraycopy(encoded, encoded.length - LogRecord.HASH_BYTES, trailer, 0, LogRecord.HASH_BYTES);
        if (!MessageDigest.isEqual(trailer, record.hash())) {
            throw new IllegalStateException("log record " + record.number() + " does not encode back to its hash");
        }
        return encoded;
    }

    /**
     * Verifies an embedded-ledger bundle file with no ledger; {@code trust} (nullable) holds the organisation's CA
     * certificate in PEM, else the bundle's own is used.
     *
     * @throws IllegalArgumentException when the text is not an embedded-ledger bundle
     */
    public static BundleVerification verify(String json, Path trust) throws IOException {
        EmbeddedBundle bundle = EmbeddedBundle.fromJson(json);
        return trust == null
                ? EmbeddedBundleVerifier.verify(bundle, null, "the bundle's own CA certificate")
                : EmbeddedBundleVerifier.verify(bundle, Files.readString(trust, US_ASCII), "CA certificates " + trust);
    }
}
