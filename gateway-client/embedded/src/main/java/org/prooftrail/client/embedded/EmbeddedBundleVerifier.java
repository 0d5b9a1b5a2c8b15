package org.prooftrail.client.embedded;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.audit.BundledRecord;
import org.prooftrail.client.audit.Check;
import org.prooftrail.client.audit.RecordVerification;

/**
 * Verifies an {@link EmbeddedBundle} with no ledger: each record's write set, its log record's hash, the hash chain to
 * the signed checkpoint and the checkpoint's signature ({@link Check#EMBEDDED_NAMES}).
 */
final class EmbeddedBundleVerifier {
    private static final String RECORD = "record ";
    private static final String LOG_RECORD = "log record ";

    private final EmbeddedBundle bundle;
    private final List<LogRecord> log = new ArrayList<>();
    private final Map<Long, String> hashProblems = new HashMap<>();
    private final NavigableMap<Long, String> broken = new TreeMap<>();

    private EmbeddedBundleVerifier(EmbeddedBundle bundle) {
        this.bundle = bundle;
    }

    /** {@code trustedCaPem}: the organisation's CA certificates, or null for the bundle's own. */
    static BundleVerification verify(EmbeddedBundle bundle, String trustedCaPem, String trustOrigin) {
        EmbeddedBundleVerifier verifier = new EmbeddedBundleVerifier(bundle);
        verifier.readLog();
        verifier.findBrokenLinks();
        String problem = bundle.checkpoint().problem(trustedCaPem);
        boolean caProblem = problem != null && problem.startsWith(Checkpoint.CA_PROBLEM);
        Check channelConfig = caProblem
                ? new Check(Check.CHANNEL_CONFIG, false, problem.substring(Checkpoint.CA_PROBLEM.length()))
                : new Check(Check.CHANNEL_CONFIG, true, bundle.checkpoint().mspId() + " CA; trusted: " + trustOrigin);
        Check checkpoint = problem == null
                ? new Check(
                        Check.CHECKPOINT_SIGNATURE,
                        true,
                        RECORD + bundle.checkpoint().number() + " signed by "
                                + bundle.checkpoint().mspId() + " at "
                                + bundle.checkpoint().time())
                : new Check(Check.CHECKPOINT_SIGNATURE, false, caProblem ? "the signer is not trusted" : problem);
        String endProblem = verifier.endProblem();
        List<BundledRecord> ordered = new ArrayList<>(bundle.records());
        ordered.sort(Comparator.comparingLong(BundledRecord::blockNumber));
        List<RecordVerification> out = new ArrayList<>();
        for (BundledRecord claim : ordered) {
            out.add(verifier.verify(claim, List.of(channelConfig, checkpoint), endProblem));
        }
        return new BundleVerification(bundle.root(), trustOrigin, out);
    }

    private void readLog() {
        for (int i = 0; i < bundle.log().size(); i++) {
            long expected = bundle.firstRecord() + i;
            try {
                log.add(read(Base64.getDecoder().decode(bundle.log().get(i)), expected));
            } catch (IllegalArgumentException | BufferUnderflowException e) {
                hashProblems.put(expected, LOG_RECORD + expected + " cannot be read: " + e.getMessage());
                log.add(null);
            }
        }
    }

    private LogRecord read(byte[] bytes, long expected) {
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
        byte[] hash = LogRecord.sha256(body);
        if (!MessageDigest.isEqual(hash, stored)) {
            hashProblems.put(expected, "SHA-256 of log record " + expected + "'s body differs from its hash");
        }
        return LogRecord.decode(body, hash);
    }

    private void findBrokenLinks() {
        for (int i = 0; i < log.size(); i++) {
            String problem = linkProblem(i);
            if (problem != null) {
                broken.put(bundle.firstRecord() + i, problem);
            }
        }
    }

    private String linkProblem(int i) {
        long expected = bundle.firstRecord() + i;
        LogRecord record = log.get(i);
        if (record == null) {
            return LOG_RECORD + expected + " cannot be read";
        }
        if (record.number() != expected) {
            return LOG_RECORD + expected + " of the chain is numbered " + record.number();
        }
        LogRecord before = i > 0 ? log.get(i - 1) : null;
        if (before != null && !MessageDigest.isEqual(record.previousHash(), before.hash())) {
            return LOG_RECORD + expected + "'s previous hash is not the hash of record " + (expected - 1);
        }
        return null;
    }

    private String endProblem() {
        long last = bundle.firstRecord() + log.size() - 1;
        if (log.isEmpty() || last != bundle.checkpoint().number()) {
            return "the hash chain ends at record " + last + ", the signed checkpoint is at record "
                    + bundle.checkpoint().number();
        }
        LogRecord end = log.get(log.size() - 1);
        return end != null
                        && LogRecord.hex(end.hash()).equals(bundle.checkpoint().hash())
                ? null
                : "the last record's hash is not the one the checkpoint signs";
    }

    /** {@code shared}: channel-config, checkpoint-signature. */
    private RecordVerification verify(BundledRecord claim, List<Check> shared, String endProblem) {
        long index = claim.blockNumber() - bundle.firstRecord();
        LogRecord record = index >= 0 && index < log.size() ? log.get((int) index) : null;
        return new RecordVerification(
                claim.id(),
                claim.kind(),
                claim.readableKey(),
                claim.transactionId(),
                claim.blockNumber(),
                Optional.ofNullable(record).map(LogRecord::creatorMspId),
                Optional.empty(),
                Optional.ofNullable(record).map(LogRecord::timestamp),
                List.of(
                        shared.get(0),
                        writeSet(claim, record),
                        dataHash(claim, record),
                        headerChain(claim, record, endProblem),
                        shared.get(1)));
    }

    private Check dataHash(BundledRecord claim, LogRecord record) {
        String problem = hashProblems.get(claim.blockNumber());
        if (problem == null && record == null) {
            problem = RECORD + claim.blockNumber() + " is not in the bundle's log";
        }
        return problem == null
                ? new Check(
                        Check.DATA_HASH,
                        true,
                        RECORD + claim.blockNumber() + " hashes to "
                                + LogRecord.hex(record.hash()).substring(0, 16) + "…")
                : new Check(Check.DATA_HASH, false, problem);
    }

    private Check headerChain(BundledRecord claim, LogRecord record, String endProblem) {
        String problem = endProblem;
        if (problem == null && record == null) {
            problem = RECORD + claim.blockNumber() + " is outside the chain";
        }
        if (problem == null) {
            problem = Optional.ofNullable(broken.higherEntry(claim.blockNumber()))
                    .map(Map.Entry::getValue)
                    .orElse(null);
        }
        return problem == null
                ? new Check(
                        Check.HEADER_CHAIN,
                        true,
                        (bundle.checkpoint().number() - claim.blockNumber()) + " link(s) to the checkpoint at record "
                                + bundle.checkpoint().number())
                : new Check(Check.HEADER_CHAIN, false, problem);
    }

    private static Check writeSet(BundledRecord claim, LogRecord record) {
        if (record == null) {
            return new Check(Check.WRITE_SET, false, RECORD + claim.blockNumber() + " is not in the bundle's log");
        }
        if (!record.txId().equals(claim.transactionId())) {
            return new Check(
                    Check.WRITE_SET,
                    false,
                    LOG_RECORD + claim.blockNumber() + " is transaction " + record.txId() + ", not "
                            + claim.transactionId());
        }
        byte[] written = record.writeSet().puts().get(claim.key());
        if (written == null) {
            return new Check(Check.WRITE_SET, false, "the transaction does not write " + claim.readableKey());
        }
        return MessageDigest.isEqual(written, claim.value().toByteArray())
                ? new Check(Check.WRITE_SET, true, claim.readableKey() + " = " + written.length + " bytes")
                : new Check(
                        Check.WRITE_SET,
                        false,
                        "the transaction writes " + claim.readableKey() + " with other bytes than the record claims");
    }
}
