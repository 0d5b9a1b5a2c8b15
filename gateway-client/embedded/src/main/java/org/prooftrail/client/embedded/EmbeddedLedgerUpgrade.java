package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.prooftrail.chaincode.simulation.WriteSet;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.json.Json;

/**
 * Converts the transaction log of a home written by release 0.1.0 (log format 1, private writes in clear) to today's
 * format 2, once, so that the embedded ledger opens it and continues it: {@code prooftrail ledger upgrade}.
 *
 * <p>Every record is kept, in order, with its number, transaction id, timestamp, creator and public writes; only its
 * private writes are sealed under data keys of their own (as every format-2 record's are), and the 0.1.0 purges
 * destroy the keys of the writes they erased, so an erasure made under 0.1.0 now holds in the log too. Sealing
 * changes the bytes and so every record hash; to keep the chain verifiable across the boundary the whole format-1
 * chain is verified first, and the map of each record's format-1 hash to its format-2 hash (and both last hashes) is
 * written to {@code ledger/format-1-upgrade.json}: whoever wrote down a 0.1.0 {@code lastHash} finds it there, and
 * with a copy of the format-1 log taken before the upgrade can check the map record by record. The format-1 log itself
 * is not kept: it holds private writes in clear, the consents erased under 0.1.0 among them, and keeping it would undo
 * the erasures the upgrade makes effective.
 *
 * <p>Crash safety: the new log is written beside the old one and forced, and renamed over {@code transactions.log}
 * atomically, last. An interrupted upgrade leaves the 0.1.0
 * log in place, and running it again starts over. Running it on a format-2 home does nothing.
 */
public final class EmbeddedLedgerUpgrade {
    /** The map of format-1 to format-2 record hashes, in {@code ledger/}. */
    public static final String HASH_MAP = "format-1-upgrade.json";

    private EmbeddedLedgerUpgrade() {}

    /** What an upgrade did. */
    public static final class Result {
        private final boolean converted;
        private final long records;
        private final String format1LastHash;
        private final String format2LastHash;
        private final Path hashMap;

        Result(boolean converted, long records, String format1LastHash, String format2LastHash, Path hashMap) {
            this.converted = converted;
            this.records = records;
            this.format1LastHash = format1LastHash;
            this.format2LastHash = format2LastHash;
            this.hashMap = hashMap;
        }

        /** Whether a format-1 log was converted (false: the home was already format 2, or had no log). */
        public boolean converted() {
            return converted;
        }

        public long records() {
            return records;
        }

        /** The last record hash of the 0.1.0 log; empty when nothing was converted. */
        public String format1LastHash() {
            return format1LastHash;
        }

        /** The last record hash of the converted log. */
        public String format2LastHash() {
            return format2LastHash;
        }

        /** The map of old to new record hashes, or null. */
        public Path hashMap() {
            return hashMap;
        }
    }

    /**
     * Converts {@code <home>/ledger/transactions.log} from format 1 to format 2 if it is format 1; see the class
     * comment. Takes the ledger's writer lock for the duration.
     *
     * @throws CorruptLedgerException if the format-1 log does not verify (nothing is changed)
     * @throws GatewayUnavailableException if the folder cannot be used or another process writes to the ledger
     */
    public static Result upgrade(Path home) {
        Objects.requireNonNull(home, "home");
        Path ledger = home.resolve("ledger");
        Path log = ledger.resolve("transactions.log");
        try {
            if (!Files.exists(log) || !LogScanner.isFormat1(log)) {
                return new Result(false, 0, "", "", null);
            }
            try (FileChannel lockFile = OwnerOnly.open(ledger.resolve("LOCK"), StandardOpenOption.WRITE)) {
                FileLock lock = lock(lockFile, ledger);
                try {
                    return convert(ledger, log);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new GatewayUnavailableException(
                    "cannot upgrade the embedded ledger in " + ledger + ": " + e.getMessage(), null, e);
        }
    }

    private static FileLock lock(FileChannel lockFile, Path ledger) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new GatewayUnavailableException(
                    "the embedded ledger " + ledger + " is in use by another process; close it before upgrading",
                    null,
                    null);
        }
        return lock;
    }

    private static Result convert(Path ledger, Path log) throws IOException {
        List<LogRecord> old = new ArrayList<>();
        LogScanner.Result scanned = LogScanner.scanFormat1(log, old::add);
        if (scanned.problem != null || scanned.tornBytes > 0) {
            throw new CorruptLedgerException(
                    scanned.problem != null
                            ? scanned.verification(log)
                            : new LedgerVerification(
                                    log,
                                    scanned.records,
                                    LogRecord.hex(scanned.lastHash),
                                    scanned.records + 1,
                                    scanned.goodEnd,
                                    "the format-1 log ends in " + scanned.tornBytes
                                            + " bytes of an interrupted write; open"
                                            + " it once with prooftrail 0.1.0 to cut them, then upgrade"));
        }
        Path next = ledger.resolve("transactions.log.upgrading");
        Files.deleteIfExists(next);
        PrivateDataKeys keys = new PrivateDataKeys(ledger.resolve("keys"));
        keys.prepare();
        List<Map<String, Object>> hashes = new ArrayList<>();
        String newLast;
        try (TransactionLog converted = TransactionLog.open(next, LogScanner.START, record -> {})) {
            long end = 0;
            List<Object[]> purges = new ArrayList<>();
            for (LogRecord record : old) {
                WriteSet writeSet = record.writeSet();
                long number = converted.nextNumber();
                PrivateData.Sealed sealed = PrivateData.seal(writeSet, number, keys);
                TransactionLog.Appended appended = converted.append(
                        record.txId(),
                        record.timestamp(),
                        record.creatorMspId(),
                        record.creatorDigest(),
                        sealed.publicWriteSet,
                        sealed.privateSection);
                end = appended.end;
                sealed.purgedTokens.forEach(token -> purges.add(new Object[] {token, appended.number}));
                Map<String, Object> entry = new TreeMap<>();
                entry.put("record", record.number());
                entry.put("txId", record.txId());
                entry.put("format1", LogRecord.hex(record.hash()));
                entry.put("format2", LogRecord.hex(converted.lastHash()));
                hashes.add(entry);
            }
            converted.awaitDurable(end);
            for (Object[] purge : purges) {
                keys.destroyBefore((byte[]) purge[0], (Long) purge[1]);
            }
            newLast = LogRecord.hex(converted.lastHash());
        }
        String oldLast = LogRecord.hex(scanned.lastHash);
        Map<String, Object> map = new TreeMap<>();
        map.put("from", "prooftrail-txlog/1");
        map.put("to", "prooftrail-txlog/2");
        map.put("records", old.size());
        map.put("format1LastHash", oldLast);
        map.put("format2LastHash", newLast);
        map.put("hashes", hashes);
        Path hashMap = ledger.resolve(HASH_MAP);
        Files.deleteIfExists(hashMap);
        OwnerOnly.createFile(hashMap, (Json.write(map) + "\n").getBytes(UTF_8));
        Files.move(next, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnly.forceDirectory(ledger);
        return new Result(true, old.size(), oldLast, newLast, hashMap);
    }
}
