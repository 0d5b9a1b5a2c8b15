package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.SubjectRef;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * The embedded ledger's log check ({@code prooftrail ledger verify}: {@link EmbeddedLedger#openShared} then
 * {@link EmbeddedLedger#verify}) on arbitrary log bytes: INTACT or TAMPERED (a {@link LedgerVerification} or a
 * {@link CorruptLedgerException}), never another exception; the one other refusal is a log in release 0.1.0's format,
 * which asks for {@code ledger upgrade}. The home folder is a real one (identity, key store) whose log of six
 * transactions (a registration, three consents, an attestation, an erasure) is the template of every input.
 *
 * <p>An input's first byte picks how its log is made from the rest:
 *
 * <ul>
 *   <li>0: the rest is the log;
 *   <li>1: the template with the rest applied: an operation byte (overwrite, truncate, insert), a two-byte offset,
 *       then the bytes;
 *   <li>2: the template's first {@code n} records ({@code n} = the next byte), then a record framed, numbered and
 *       chained as a writer would write it (so the checks of header, hash and chain pass) around fuzzed contents: a
 *       two-byte length, that many bytes of public write set, and the rest as its private section.
 * </ul>
 */
class LedgerLogFuzzTest {
    private static final Template TEMPLATE = Template.create();

    @FuzzTest(maxDuration = "2m")
    void verifies_as_intact_or_tampered_and_never_fails_otherwise(byte[] input) throws IOException {
        byte[] log = TEMPLATE.log(input);
        Path home = TEMPLATE.home();
        Path ledgerFolder = home.resolve("ledger");
        Files.write(ledgerFolder.resolve("transactions.log"), log);
        Files.deleteIfExists(ledgerFolder.resolve(LedgerIndex.FILE));
        try (EmbeddedLedger ledger = EmbeddedLedger.openShared(home)) {
            LedgerVerification verification = ledger.verify();
            assertThat(verification.records()).isNotNegative();
            assertThat(verification.problem().isPresent()).isEqualTo(!verification.intact());
            if (Arrays.equals(log, TEMPLATE.bytes)) {
                assertThat(verification.intact()).as(verification.toString()).isTrue();
            }
        } catch (CorruptLedgerException tampered) {
            assertThat(tampered.getMessage()).isNotBlank();
            assertThat(Arrays.equals(log, TEMPLATE.bytes))
                    .as("the template is intact")
                    .isFalse();
        } catch (GatewayUnavailableException formatOne) {
            assertThat(log)
                    .as("refused as release 0.1.0's log: " + formatOne.getMessage())
                    .startsWith(LogScanner.FORMAT_1_HEADER);
        }
    }

    /** The home folder and its log, made once per JVM. */
    private static final class Template {
        private final Path home;
        private final byte[] bytes;
        private final List<LogRecord> records;

        private Template(Path home, byte[] bytes, List<LogRecord> records) {
            this.home = home;
            this.bytes = bytes;
            this.records = records;
        }

        static Template create() {
            try {
                Path folder = Files.createTempDirectory("prooftrail-log-fuzz");
                Path home = folder.resolve("home");
                Pseudonyms pseudonyms = Pseudonyms.createOrLoad(folder.resolve("consent-secret"));
                List<SubjectRef> subjects = Stream.of("patient-1", "patient-2", "patient-3")
                        .map(pseudonyms::of)
                        .toList();
                try (ProofTrail proofTrail = ProofTrail.over(EmbeddedLedger.open(home))) {
                    proofTrail.register(
                            Registration.builder("ds1", ArtifactKind.DATASET, Digest.sha256("ds1".getBytes(UTF_8)))
                                    .requiresConsent()
                                    .build());
                    Instant expiry = Instant.now().plus(Duration.ofDays(365));
                    Digest form = Digest.sha256("signed consent form".getBytes(UTF_8));
                    for (SubjectRef subject : subjects) {
                        proofTrail.grantConsent(subject, "ds1", Set.of(Purpose.TRAINING), expiry, form);
                    }
                    proofTrail.attestConsent("ds1", Purpose.TRAINING);
                    proofTrail.eraseConsent(subjects.get(1), "ds1", "withdrawn");
                }
                Path log = home.resolve("ledger").resolve("transactions.log");
                List<LogRecord> records = new ArrayList<>();
                LogScanner.scan(log, -1, records::add);
                return new Template(home, Files.readAllBytes(log), records);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path home() {
            return home;
        }

        byte[] log(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            byte[] rest = Arrays.copyOfRange(input, 1, input.length);
            return switch (Byte.toUnsignedInt(input[0]) % 3) {
                case 0 -> rest;
                case 1 -> edited(rest);
                default -> reframed(rest);
            };
        }

        private byte[] edited(byte[] edit) {
            if (edit.length < 3) {
                return bytes.clone();
            }
            int at = ((Byte.toUnsignedInt(edit[1]) << 8) | Byte.toUnsignedInt(edit[2])) % (bytes.length + 1);
            byte[] data = Arrays.copyOfRange(edit, 3, edit.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            switch (Byte.toUnsignedInt(edit[0]) % 3) {
                case 0 -> {
                    out.writeBytes(data);
                    int after = Math.min(bytes.length, at + data.length);
                    out.write(bytes, after, bytes.length - after);
                }
                case 1 -> out.writeBytes(data);
                default -> {
                    out.writeBytes(data);
                    out.write(bytes, at, bytes.length - at);
                }
            }
            return out.toByteArray();
        }

        private byte[] reframed(byte[] contents) {
            int keep = contents.length == 0 ? 0 : Byte.toUnsignedInt(contents[0]) % (records.size() + 1);
            long end = LogScanner.FILE_HEADER.length;
            for (int i = 0; i < keep; i++) {
                end += records.get(i).size();
            }
            int length = contents.length < 3
                    ? 0
                    : Math.min(
                            (Byte.toUnsignedInt(contents[1]) << 8) | Byte.toUnsignedInt(contents[2]),
                            contents.length - 3);
            byte[] writeSet =
                    Arrays.copyOfRange(contents, Math.min(3, contents.length), Math.min(3, contents.length) + length);
            byte[] privateSection =
                    Arrays.copyOfRange(contents, Math.min(3, contents.length) + length, contents.length);
            LogRecord previous = keep == 0 ? null : records.get(keep - 1);
            LogRecord template = records.get(Math.min(keep, records.size() - 1));
            byte[] record = LogRecord.encode(
                    keep + 1L,
                    template.txId(),
                    template.timestamp(),
                    template.creatorMspId(),
                    template.creatorDigest(),
                    previous == null ? LogRecord.NO_HASH : previous.hash(),
                    writeSet,
                    privateSection);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, (int) end);
            out.writeBytes(record);
            return out.toByteArray();
        }
    }
}
