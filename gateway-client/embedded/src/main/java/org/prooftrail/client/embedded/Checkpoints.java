package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.identity.Identities;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.json.Json;

/**
 * The embedded ledger's signed checkpoints, kept in {@code <home>/checkpoints/checkpoint-<number>.json}: written with
 * the local organisation's key, read back to tell a log cut short (which still chains) from an intact one. The log is
 * read through {@link LogScanner}, as {@code ledger verify} reads it.
 */
final class Checkpoints {
    private static final String PREFIX = "checkpoint-";

    private Checkpoints() {}

    /** Signs the log's current end with the local organisation's key and keeps the checkpoint. */
    static Checkpoint write(Path home) {
        long[] number = {0};
        String[] hash = {LogRecord.hex(LogRecord.NO_HASH)};
        scan(home, record -> {
            number[0] = record.number();
            hash[0] = LogRecord.hex(record.hash());
        });
        String mspId = EmbeddedLedger.DEFAULT_MSP_ID;
        Path msp = home.resolve("identity").resolve(mspId);
        try {
            String certificate = Files.readString(msp.resolve("signcerts/cert.pem"), US_ASCII);
            String ca = Files.readString(msp.resolve("cacerts/ca.pem"), US_ASCII);
            PrivateKey key;
            try (Reader pem = Files.newBufferedReader(msp.resolve("keystore/key.pem"), US_ASCII)) {
                key = Identities.readPrivateKey(pem);
            }
            Instant now = Instant.now();
            Checkpoint unsigned = new Checkpoint(mspId, number[0], hash[0], now, certificate, ca, "");
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(unsigned.signedText().getBytes(UTF_8));
            Checkpoint signed = new Checkpoint(
                    mspId,
                    number[0],
                    hash[0],
                    now,
                    certificate,
                    ca,
                    Base64.getEncoder().encodeToString(signer.sign()));
            Path folder = Files.createDirectories(home.resolve("checkpoints"));
            Path staging = Files.createTempFile(folder, ".checkpoint-", ".json");
            Files.writeString(staging, Json.write(signed.tree()), UTF_8);
            Files.move(
                    staging,
                    folder.resolve(String.format("%s%012d.json", PREFIX, number[0])),
                    StandardCopyOption.REPLACE_EXISTING);
            return signed;
        } catch (IOException | GeneralSecurityException e) {
            throw new GatewayUnavailableException(
                    "cannot sign a checkpoint with the identity in " + msp + ": " + e.getMessage(), null, e);
        }
    }

    /** Empty when the log holds the latest checkpoint's record with its hash (or there is none); else the problem. */
    static Optional<String> checkLatest(Path home) {
        Optional<Path> latest;
        try {
            latest = latest(home.resolve("checkpoints"));
        } catch (IOException e) {
            return Optional.of(
                    "the checkpoints in " + home.resolve("checkpoints") + " cannot be read: " + e.getMessage());
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
        return Optional.ofNullable(checkpoint.problem(null))
                .or(() ->
                        againstLog(home, checkpoint, latest.get().getFileName().toString()));
    }

    private static Optional<Path> latest(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(PREFIX))
                    .max(Path::compareTo);
        }
    }

    private static Optional<String> againstLog(Path home, Checkpoint checkpoint, String file) {
        long[] last = {0};
        String[] hash = {null};
        scan(home, record -> {
            last[0] = record.number();
            if (record.number() == checkpoint.number()) {
                hash[0] = LogRecord.hex(record.hash());
            }
        });
        if (last[0] < checkpoint.number()) {
            return Optional.of("the log ends at record " + last[0] + " but " + checkpoint.mspId()
                    + " signed a checkpoint at record " + checkpoint.number() + " (" + file
                    + "): the log was cut short");
        }
        return checkpoint.hash().equals(hash[0])
                ? Optional.empty()
                : Optional.of("record " + checkpoint.number() + " of the log is not the one " + checkpoint.mspId()
                        + " signed a checkpoint of");
    }

    /** Every record of the ledger's log, in order. */
    static void scan(Path home, Consumer<LogRecord> consumer) {
        Path log = home.resolve("ledger").resolve("transactions.log");
        try {
            LogScanner.scan(log, -1, consumer);
        } catch (IOException e) {
            throw new GatewayUnavailableException("cannot read the log " + log + ": " + e.getMessage(), null, e);
        }
    }
}
