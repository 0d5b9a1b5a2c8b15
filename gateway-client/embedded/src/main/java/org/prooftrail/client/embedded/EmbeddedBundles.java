package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.identity.Identities;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.audit.BundleCollector;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.BundledRecord;
import org.prooftrail.client.audit.Check;
import org.prooftrail.client.audit.RecordVerification;
import org.prooftrail.client.json.Json;

/**
 * Proof bundles of the embedded ledger (docs/audit-bundles.md, source {@code embedded}): the same records as a Fabric
 * bundle claims, the log records that hold them and every record after them (the hash chain), and a checkpoint of the
 * log's end signed by the local organisation's key, so that a log cut short, or a bundle whose chain is, no longer
 * verifies against it. Checkpoints are kept in {@code <home>/checkpoints/}; each {@code audit bundle} writes one.
 */
public final class EmbeddedBundles {
    /** What a checkpoint's signature covers, first line. */
    static final String CHECKPOINT_FORMAT = "prooftrail-checkpoint/1";

    private EmbeddedBundles() {}

    /**
     * The signed end of the log: its last record number and hash, when, by whom.
     *
     * @param certificatePem the signer's certificate (the local user of the organisation)
     * @param caPem the organisation's CA certificate
     * @param signature base64 SHA-256 with ECDSA over {@link #signedText()}
     */
    public record Checkpoint(
            String mspId,
            long number,
            String hash,
            Instant time,
            String certificatePem,
            String caPem,
            String signature) {

        /** The exact text the signature covers (UTF-8, newline separated). */
        public String signedText() {
            return CHECKPOINT_FORMAT + "\n" + mspId + "\n" + number + "\n" + hash + "\n" + time + "\n";
        }

        Map<String, Object> tree() {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("format", CHECKPOINT_FORMAT);
            tree.put("mspId", mspId);
            tree.put("number", number);
            tree.put("hash", hash);
            tree.put("time", time.toString());
            tree.put("certificate", certificatePem);
            tree.put("ca", caPem);
            tree.put("signature", signature);
            return tree;
        }

        static Checkpoint fromTree(Map<String, Object> tree) {
            return new Checkpoint(
                    text(tree, "mspId"),
                    EmbeddedBundles.number(tree, "number"),
                    text(tree, "hash"),
                    Instant.parse(text(tree, "time")),
                    text(tree, "certificate"),
                    text(tree, "ca"),
                    text(tree, "signature"));
        }
    }

    // ------------------------------------------------------------------------------------------------ checkpoints

    /**
     * Signs the log's current end with the local organisation's key ({@code <home>/identity/}) and keeps the
     * checkpoint in {@code <home>/checkpoints/}.
     */
    public static Checkpoint checkpoint(EmbeddedLedger ledger) {
        Path home = ledger.home();
        LogEnd end = logEnd(home);
        String mspId = EmbeddedLedger.DEFAULT_MSP_ID;
        Path msp = home.resolve("identity").resolve(mspId);
        try {
            String certificate = Files.readString(msp.resolve("signcerts/cert.pem"), US_ASCII);
            String ca = Files.readString(msp.resolve("cacerts/ca.pem"), US_ASCII);
            PrivateKey key;
            try (Reader pem = Files.newBufferedReader(msp.resolve("keystore/key.pem"), US_ASCII)) {
                key = Identities.readPrivateKey(pem);
            }
            Checkpoint unsigned = new Checkpoint(mspId, end.number(), end.hash(), Instant.now(), certificate, ca, "");
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(unsigned.signedText().getBytes(UTF_8));
            Checkpoint signed = new Checkpoint(
                    mspId,
                    end.number(),
                    end.hash(),
                    unsigned.time(),
                    certificate,
                    ca,
                    Base64.getEncoder().encodeToString(signer.sign()));
            Path folder = Files.createDirectories(home.resolve("checkpoints"));
            Path file = folder.resolve(String.format("checkpoint-%012d.json", end.number()));
            Path staging = Files.createTempFile(folder, ".checkpoint-", ".json");
            Files.writeString(staging, Json.write(signed.tree()), UTF_8);
            Files.move(staging, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return signed;
        } catch (IOException | GeneralSecurityException e) {
            throw new GatewayUnavailableException(
                    "cannot sign a checkpoint with the identity in " + msp + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Checks the log against the latest signed checkpoint in {@code <home>/checkpoints/}: the checkpoint's signature
     * and certificate, and that the log still holds its record, with its hash. Empty when it holds (or there is no
     * checkpoint yet); else what is wrong (a log cut short, a record rewritten).
     */
    public static Optional<String> checkAgainstLatestCheckpoint(Path home) {
        Path folder = home.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Optional<Path> latest;
        try (Stream<Path> files = Files.list(folder)) {
            latest = files.filter(file -> file.getFileName().toString().startsWith("checkpoint-"))
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.of("the checkpoints in " + folder + " cannot be read: " + e.getMessage());
        }
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.fromTree(
                    Json.readObject(Files.readString(latest.get(), UTF_8), "checkpoint " + latest.get()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("checkpoint " + latest.get() + " cannot be read: " + e.getMessage());
        }
        String signatureProblem = checkpointProblem(checkpoint, null);
        if (signatureProblem != null) {
            return Optional.of(signatureProblem);
        }
        Map<Long, String> hashes = new HashMap<>();
        long[] count = {0};
        scan(home, record -> {
            count[0] = record.number();
            if (record.number() == checkpoint.number()) {
                hashes.put(record.number(), LogRecord.hex(record.hash()));
            }
        });
        if (count[0] < checkpoint.number()) {
            return Optional.of("the log ends at record " + count[0] + " but " + checkpoint.mspId()
                    + " signed a checkpoint at record " + checkpoint.number() + " ("
                    + latest.get().getFileName()
                    + "): the log was cut short");
        }
        if (!checkpoint.hash().equals(hashes.get(checkpoint.number()))) {
            return Optional.of("record " + checkpoint.number() + " of the log is not the one " + checkpoint.mspId()
                    + " signed a checkpoint of");
        }
        return Optional.empty();
    }

    // ----------------------------------------------------------------------------------------------- collection

    /** A bundle of the embedded ledger, ready to write. */
    public record EmbeddedBundle(
            String root,
            int depth,
            List<BundledRecord> records,
            long firstRecord,
            List<String> log,
            Checkpoint checkpoint) {
        public EmbeddedBundle {
            records = List.copyOf(records);
            log = List.copyOf(log);
        }

        public String toJson() {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("format", org.prooftrail.client.audit.ProofBundle.FORMAT);
            tree.put("source", "embedded");
            tree.put("root", root);
            tree.put("depth", depth);
            List<Object> items = new ArrayList<>();
            for (BundledRecord record : records) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", record.id());
                item.put("kind", record.kind());
                item.put("txId", record.transactionId());
                item.put("block", record.blockNumber());
                item.put("namespace", record.namespace());
                item.put("key", record.key());
                item.put(
                        "value",
                        Base64.getEncoder().encodeToString(record.value().toByteArray()));
                items.add(item);
            }
            tree.put("records", items);
            tree.put("log", Map.of("first", firstRecord, "records", log));
            tree.put("checkpoint", checkpoint.tree());
            return Json.write(tree);
        }

        @SuppressWarnings("unchecked")
        static EmbeddedBundle fromJson(String json) {
            Map<String, Object> tree = Json.readObject(json, "the bundle");
            if (!org.prooftrail.client.audit.ProofBundle.FORMAT.equals(tree.get("format"))
                    || !"embedded".equals(tree.get("source"))) {
                throw new IllegalArgumentException("not an embedded-ledger bundle");
            }
            List<BundledRecord> records = new ArrayList<>();
            for (Object item : (List<Object>) list(tree, "records")) {
                Map<String, Object> record = (Map<String, Object>) item;
                records.add(new BundledRecord(
                        text(record, "id"),
                        text(record, "kind"),
                        text(record, "txId"),
                        number(record, "block"),
                        text(record, "namespace"),
                        text(record, "key"),
                        ByteString.copyFrom(Base64.getDecoder().decode(text(record, "value")))));
            }
            Map<String, Object> log = (Map<String, Object>) tree.get("log");
            List<String> logRecords = new ArrayList<>();
            for (Object item : list(log, "records")) {
                logRecords.add((String) item);
            }
            return new EmbeddedBundle(
                    text(tree, "root"),
                    Math.toIntExact(number(tree, "depth")),
                    records,
                    number(log, "first"),
                    logRecords,
                    Checkpoint.fromTree((Map<String, Object>) tree.get("checkpoint")));
        }
    }

    /**
     * Collects the bundle of {@code id} and its upstream from the embedded ledger: the lineage walk and the ledger's
     * answers through {@code proofTrail}, the records from the log, and a new signed checkpoint of the log's end.
     */
    public static EmbeddedBundle collect(ProofTrail proofTrail, EmbeddedLedger ledger, String id, int depth) {
        var graph = proofTrail.upstream(id, depth);
        List<BundleCollector.Writer> writers = BundleCollector.writers(proofTrail, graph);
        Set<String> wanted = new HashSet<>();
        writers.forEach(writer -> wanted.add(writer.transactionId()));
        Map<String, LogRecord> byTransaction = new HashMap<>();
        scan(ledger.home(), record -> {
            if (wanted.contains(record.txId())) {
                byTransaction.put(record.txId(), record);
            }
        });
        Checkpoint checkpoint = checkpoint(ledger);
        long first = Long.MAX_VALUE;
        List<BundledRecord> records = new ArrayList<>();
        for (BundleCollector.Writer writer : writers) {
            LogRecord record = byTransaction.get(writer.transactionId());
            if (record == null) {
                throw new ProofTrailClientException(
                        "transaction " + writer.transactionId() + " is not in the log", writer.transactionId(), null);
            }
            first = Math.min(first, record.number());
            WriteSet writes = record.writeSet();
            String key = BundleCollector.recordKey(
                            writer, new ArrayList<>(writes.puts().keySet()))
                    .orElse("");
            byte[] value = writes.puts().getOrDefault(key, new byte[0]);
            records.add(new BundledRecord(
                    writer.id(),
                    writer.kind(),
                    writer.transactionId(),
                    record.number(),
                    "prooftrail",
                    key,
                    ByteString.copyFrom(value)));
        }
        long from = first == Long.MAX_VALUE ? checkpoint.number() : first;
        List<String> log = new ArrayList<>();
        scan(ledger.home(), record -> {
            if (record.number() >= from && record.number() <= checkpoint.number()) {
                byte[] encoded = encode(record);
                log.add(Base64.getEncoder().encodeToString(encoded));
            }
        });
        return new EmbeddedBundle(graph.root(), depth, records, from, log, checkpoint);
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

    // ---------------------------------------------------------------------------------------------- verification

    /**
     * Verifies an embedded-ledger bundle with no ledger: each record's write set, its log record's hash, the hash
     * chain to the signed checkpoint and the checkpoint's signature; {@code trust} (nullable) is the organisation's
     * CA certificate in PEM, else the bundle's own.
     */
    public static BundleVerification verify(String json, Path trust) throws IOException {
        EmbeddedBundle bundle = EmbeddedBundle.fromJson(json);
        String trustedCa = trust == null ? null : Files.readString(trust, US_ASCII);
        Check channelConfig;
        String trustOrigin = trust == null ? "the bundle's own CA certificate" : "CA certificates " + trust;
        String problem = checkpointProblem(bundle.checkpoint(), trustedCa);
        boolean caProblem = problem != null && problem.startsWith("CA:");
        channelConfig = caProblem
                ? new Check(Check.CHANNEL_CONFIG, false, problem.substring(3).strip())
                : new Check(
                        Check.CHANNEL_CONFIG,
                        true,
                        bundle.checkpoint().mspId() + " CA "
                                + subject(bundle.checkpoint().caPem()) + "; trusted: " + trustOrigin);
        Check checkpointCheck = problem == null
                ? new Check(
                        Check.CHECKPOINT_SIGNATURE,
                        true,
                        "record " + bundle.checkpoint().number() + " signed by "
                                + bundle.checkpoint().mspId() + " at "
                                + bundle.checkpoint().time())
                : new Check(Check.CHECKPOINT_SIGNATURE, false, caProblem ? "the signer is not trusted" : problem);
        // Read the log section: each record's hash, number and link.
        List<LogRecord> log = new ArrayList<>();
        Map<Long, String> hashProblems = new HashMap<>();
        for (int i = 0; i < bundle.log().size(); i++) {
            long expected = bundle.firstRecord() + i;
            try {
                byte[] bytes = Base64.getDecoder().decode(bundle.log().get(i));
                ByteBuffer in = ByteBuffer.wrap(bytes);
                int magic = in.getInt();
                int length = in.getInt();
                int crc = in.getInt();
                if (magic != LogRecord.MAGIC
                        || crc != LogRecord.headerCrc(magic, length)
                        || length != bytes.length - LogRecord.HEADER_BYTES - LogRecord.HASH_BYTES) {
                    throw new IllegalArgumentException("bad record header");
                }
                byte[] body = new byte[length];
                in.get(body);
                byte[] stored = new byte[LogRecord.HASH_BYTES];
                in.get(stored);
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
                if (!MessageDigest.isEqual(hash, stored)) {
                    hashProblems.put(expected, "SHA-256 of log record " + expected + "'s body differs from its hash");
                }
                log.add(LogRecord.decode(body, hash));
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException | GeneralSecurityException e) {
                hashProblems.put(expected, "log record " + expected + " cannot be read: " + e.getMessage());
                log.add(null);
            }
        }
        // The chain: consecutive numbers, each previous hash the hash of the record before, the last the checkpoint's.
        java.util.TreeMap<Long, String> broken = new java.util.TreeMap<>();
        for (int i = 0; i < log.size(); i++) {
            long expected = bundle.firstRecord() + i;
            LogRecord record = log.get(i);
            if (record == null) {
                broken.put(expected, "log record " + expected + " cannot be read");
            } else if (record.number() != expected) {
                broken.put(expected, "log record " + expected + " of the chain is numbered " + record.number());
            } else if (i > 0
                    && log.get(i - 1) != null
                    && !MessageDigest.isEqual(
                            record.previousHash(), log.get(i - 1).hash())) {
                broken.put(
                        expected,
                        "log record " + expected + "'s previous hash is not the hash of record " + (expected - 1));
            }
        }
        long last = bundle.firstRecord() + log.size() - 1;
        String endProblem = null;
        if (log.isEmpty() || last != bundle.checkpoint().number()) {
            endProblem = "the hash chain ends at record " + last + ", the signed checkpoint is at record "
                    + bundle.checkpoint().number();
        } else if (log.get(log.size() - 1) == null
                || !LogRecord.hex(log.get(log.size() - 1).hash())
                        .equals(bundle.checkpoint().hash())) {
            endProblem = "the last record's hash is not the one the checkpoint signs";
        }
        List<RecordVerification> out = new ArrayList<>();
        List<BundledRecord> ordered = new ArrayList<>(bundle.records());
        ordered.sort(java.util.Comparator.comparingLong(BundledRecord::blockNumber));
        for (BundledRecord claim : ordered) {
            long index = claim.blockNumber() - bundle.firstRecord();
            LogRecord record = index >= 0 && index < log.size() ? log.get((int) index) : null;
            List<Check> checks = new ArrayList<>();
            checks.add(channelConfig);
            checks.add(writeSet(claim, record));
            String hashProblem = hashProblems.get(claim.blockNumber());
            checks.add(
                    record == null && hashProblem == null
                            ? new Check(
                                    Check.DATA_HASH,
                                    false,
                                    "record " + claim.blockNumber() + " is not in the bundle's log")
                            : hashProblem != null
                                    ? new Check(Check.DATA_HASH, false, hashProblem)
                                    : new Check(
                                            Check.DATA_HASH,
                                            true,
                                            "record " + claim.blockNumber() + " hashes to "
                                                    + LogRecord.hex(record.hash())
                                                            .substring(0, 16) + "…"));
            Map.Entry<Long, String> above = broken.higherEntry(claim.blockNumber());
            checks.add(
                    endProblem != null
                            ? new Check(Check.HEADER_CHAIN, false, endProblem)
                            : record == null
                                    ? new Check(
                                            Check.HEADER_CHAIN,
                                            false,
                                            "record " + claim.blockNumber() + " is outside the chain")
                                    : above != null
                                            ? new Check(Check.HEADER_CHAIN, false, above.getValue())
                                            : new Check(
                                                    Check.HEADER_CHAIN,
                                                    true,
                                                    (bundle.checkpoint().number() - claim.blockNumber())
                                                            + " link(s) to the checkpoint at record "
                                                            + bundle.checkpoint()
                                                                    .number()));
            checks.add(checkpointCheck);
            out.add(new RecordVerification(
                    claim.id(),
                    claim.kind(),
                    claim.readableKey(),
                    claim.transactionId(),
                    claim.blockNumber(),
                    Optional.ofNullable(record).map(LogRecord::creatorMspId),
                    Optional.empty(),
                    Optional.ofNullable(record).map(LogRecord::timestamp),
                    checks));
        }
        return new BundleVerification(bundle.root(), trustOrigin, out);
    }

    private static Check writeSet(BundledRecord claim, LogRecord record) {
        if (record == null) {
            return new Check(Check.WRITE_SET, false, "record " + claim.blockNumber() + " is not in the bundle's log");
        }
        if (!record.txId().equals(claim.transactionId())) {
            return new Check(
                    Check.WRITE_SET,
                    false,
                    "log record " + claim.blockNumber() + " is transaction " + record.txId() + ", not "
                            + claim.transactionId());
        }
        byte[] written = record.writeSet().puts().get(claim.key());
        if (written == null) {
            return new Check(Check.WRITE_SET, false, "the transaction does not write " + claim.readableKey());
        }
        if (!MessageDigest.isEqual(written, claim.value().toByteArray())) {
            return new Check(
                    Check.WRITE_SET,
                    false,
                    "the transaction writes " + claim.readableKey() + " with other bytes than the record claims");
        }
        return new Check(Check.WRITE_SET, true, claim.readableKey() + " = " + written.length + " bytes");
    }

    /** Null when the checkpoint's signature verifies and its certificate chains to the CA; "CA: ..." for trust. */
    private static String checkpointProblem(Checkpoint checkpoint, String trustedCaPem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate ca = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(checkpoint.caPem().getBytes(US_ASCII)));
            if (trustedCaPem != null) {
                boolean trusted = false;
                for (var certificate :
                        factory.generateCertificates(new ByteArrayInputStream(trustedCaPem.getBytes(US_ASCII)))) {
                    trusted |= certificate.equals(ca);
                }
                if (!trusted) {
                    return "CA: the bundle's CA " + ca.getSubjectX500Principal().getName()
                            + " is not among the trusted CA certificates";
                }
            }
            X509Certificate signer = Identities.readX509Certificate(new StringReader(checkpoint.certificatePem()));
            try {
                signer.verify(ca.getPublicKey());
            } catch (GeneralSecurityException e) {
                return "the checkpoint's certificate "
                        + signer.getSubjectX500Principal().getName() + " was not issued by the CA";
            }
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(checkpoint.signedText().getBytes(UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(checkpoint.signature()))) {
                return "the checkpoint's signature does not verify";
            }
            return null;
        } catch (CertificateException | InvalidKeyException | IOException e) {
            return "the checkpoint's certificates cannot be read: " + e.getMessage();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "the checkpoint's signature does not verify: " + e.getMessage();
        }
    }

    private static String subject(String pem) {
        try {
            return Identities.readX509Certificate(new StringReader(pem))
                    .getSubjectX500Principal()
                    .getName();
        } catch (CertificateException | IOException e) {
            return "(unreadable)";
        }
    }

    // ------------------------------------------------------------------------------------------------------ log

    private record LogEnd(long number, String hash) {}

    private static LogEnd logEnd(Path home) {
        long[] number = {0};
        String[] hash = {LogRecord.hex(LogRecord.NO_HASH)};
        scan(home, record -> {
            number[0] = record.number();
            hash[0] = LogRecord.hex(record.hash());
        });
        return new LogEnd(number[0], hash[0]);
    }

    private static void scan(Path home, java.util.function.Consumer<LogRecord> consumer) {
        Path log = home.resolve("ledger").resolve("transactions.log");
        try {
            LogScanner.scan(log, -1, consumer);
        } catch (IOException e) {
            throw new GatewayUnavailableException("cannot read the log " + log + ": " + e.getMessage(), null, e);
        }
    }

    private static String text(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("bundle field " + name + " is missing or not a string");
    }

    private static long number(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException("bundle field " + name + " is missing or not an integer");
    }

    private static List<?> list(Map<String, Object> tree, String name) {
        if (tree.get(name) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("bundle field " + name + " is missing or not an array");
    }
}
