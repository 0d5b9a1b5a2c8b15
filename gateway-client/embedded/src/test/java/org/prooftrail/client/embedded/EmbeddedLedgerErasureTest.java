package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ConsentCheck;
import org.prooftrail.client.ConsentStatus;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.SubjectRef;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * Erasure on the embedded ledger: private writes reach the log sealed under data keys kept outside it, and a purge
 * destroys the keys, so after an erasure nothing in the home folder yields the subject or the record.
 */
class EmbeddedLedgerErasureTest {
    private static final Digest FORM = Digest.sha256("signed consent form v2".getBytes(UTF_8));

    @TempDir
    Path tmp;

    private Path home;
    private SubjectRef erased;
    private List<SubjectRef> kept;
    private ProofTrail proofTrail;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        final Pseudonyms pseudonyms = Pseudonyms.createOrLoad(tmp.resolve("consent-secret"));
        erased = pseudonyms.of("patient-2");
        kept = List.of(pseudonyms.of("patient-1"), pseudonyms.of("patient-3"));
    }

    @AfterEach
    void close() {
        if (proofTrail != null) {
            proofTrail.close();
        }
    }

    /** Registers a consent-requiring dataset, grants three subjects' consent and attests them. */
    private void grantAndAttest() {
        proofTrail = ProofTrail.over(EmbeddedLedger.open(home));
        proofTrail.register(Registration.builder("ds1", ArtifactKind.DATASET, Digest.sha256("ds1".getBytes(UTF_8)))
                .requiresConsent()
                .build());
        final Instant expiry = Instant.now().plus(Duration.ofDays(365));
        for (SubjectRef subject : List.of(kept.get(0), erased, kept.get(1))) {
            proofTrail.grantConsent(subject, "ds1", Set.of(Purpose.TRAINING), expiry, FORM);
        }
        assertThat(proofTrail.attestConsent("ds1", Purpose.TRAINING).count()).isEqualTo(3L);
    }

    private void erase() {
        proofTrail.eraseConsent(erased, "ds1", "withdrawn");
    }

    private void closeLedger() {
        proofTrail.close();
        proofTrail = null;
    }

    private byte[] ref(SubjectRef subject) {
        return subject.hex().getBytes(UTF_8);
    }

    /** The erased subject's consent record as the chaincode wrote it, decrypted from the log with the home's keys. */
    private byte[] erasedRecordJson() throws IOException {
        for (byte[] plaintext : FolderSearch.decryptable(home)) {
            final FolderSearch.PrivateWrite write = FolderSearch.parse(plaintext);
            if (write.key().startsWith("\u0000consent\u0000") && write.key().contains(erased.hex())) {
                return write.value();
            }
        }
        throw new AssertionError("no consent record of the subject decrypts");
    }

    private Path keys() {
        return home.resolve("ledger").resolve("keys");
    }

    @Nested
    class BeforeAnErasure {

        @Test
        void the_subject_and_its_record_are_in_no_file_in_clear_but_decrypt_with_the_homes_keys() throws IOException {
            grantAndAttest();
            closeLedger();

            final byte[] record = erasedRecordJson();

            assertThat(new String(record, UTF_8)).contains(erased.hex()).contains("GRANTED");
            assertThat(FolderSearch.filesContaining(home, ref(erased))).isEmpty();
            assertThat(FolderSearch.filesContaining(home, record)).isEmpty();
            assertThat(FolderSearch.anyContains(FolderSearch.decryptable(home), ref(erased)))
                    .isTrue();
        }

        @Test
        void the_private_keys_are_named_in_the_log_only_by_tokens() throws IOException {
            grantAndAttest();
            closeLedger();

            assertThat(FolderSearch.filesContaining(home, "attestedsubjects".getBytes(UTF_8)))
                    .isEmpty();
            try (Stream<Path> tokens = Files.list(keys())) {
                assertThat(tokens.map(path -> path.getFileName().toString()).filter(name -> !name.equals("names.key")))
                        .as("one folder per private key: the consent records and the attested subject list")
                        .hasSize(4)
                        .allMatch(name -> name.matches("[0-9a-f]{64}"));
            }
        }
    }

    @Nested
    class AfterAnErasure {

        @Test
        void nothing_under_the_home_yields_the_subject_or_its_record() throws IOException {
            grantAndAttest();
            final byte[] record = erasedRecordJson();
            erase();
            closeLedger();

            final Path index = home.resolve("ledger").resolve(LedgerIndex.FILE);
            assertThat(FolderSearch.filesContaining(home, "\"id\":\"ds1\"".getBytes(UTF_8)))
                    .as("the search reads the index, which holds public records in clear")
                    .contains(index);
            assertThat(FolderSearch.filesContaining(home, ref(erased))).isEmpty();
            assertThat(FolderSearch.filesContaining(home, record)).isEmpty();
            final List<byte[]> decryptable = FolderSearch.decryptable(home);
            assertThat(FolderSearch.anyContains(decryptable, ref(erased))).isFalse();
            assertThat(FolderSearch.anyContains(decryptable, record)).isFalse();
            assertThat(FolderSearch.anyContains(decryptable, ref(kept.get(0))))
                    .as("the other subjects' consents still decrypt")
                    .isTrue();
        }

        @Test
        void the_ledger_reopens_verifies_and_keeps_everyone_elses_consent() {
            grantAndAttest();
            erase();
            final long height =
                    EmbeddedLedgerErasureTest.this.proofTrail.transport() instanceof EmbeddedLedger e ? e.height() : -1;
            closeLedger();

            try (EmbeddedLedger reopened = EmbeddedLedger.open(home)) {
                assertThat(reopened.height()).isEqualTo(height);
                final LedgerVerification verification = reopened.verify();
                assertThat(verification.intact()).as(verification.toString()).isTrue();
                assertThat(verification.records()).isEqualTo(height);
                final ProofTrail again = ProofTrail.over(reopened);
                final ConsentCheck gone = again.checkConsent(erased, "ds1", Purpose.TRAINING);
                assertThat(gone.consented()).isFalse();
                assertThat(gone.status()).isEqualTo(ConsentStatus.NONE);
                for (SubjectRef subject : kept) {
                    assertThat(again.checkConsent(subject, "ds1", Purpose.TRAINING)
                                    .consented())
                            .isTrue();
                }
            }
        }

        @Test
        void a_purge_whose_keys_a_crash_left_is_finished_by_the_next_writer_not_by_a_reader() throws IOException {
            grantAndAttest();
            final Path saved = tmp.resolve("keys-before");
            copyTree(keys(), saved);
            erase();
            closeLedger();
            // As if the process died after the purge reached the disk and before its keys were destroyed.
            copyTree(saved, keys());
            assertThat(FolderSearch.anyContains(FolderSearch.decryptable(home), ref(erased)))
                    .isTrue();

            try (EmbeddedLedger reader = EmbeddedLedger.openShared(home)) {
                assertThat(ProofTrail.over(reader)
                                .checkConsent(erased, "ds1", Purpose.TRAINING)
                                .consented())
                        .isFalse();
            }
            assertThat(FolderSearch.anyContains(FolderSearch.decryptable(home), ref(erased)))
                    .as("a reader never changes the key store")
                    .isTrue();

            EmbeddedLedger.open(home).close();

            assertThat(FolderSearch.anyContains(FolderSearch.decryptable(home), ref(erased)))
                    .isFalse();
            assertThat(FolderSearch.filesContaining(home, ref(erased))).isEmpty();
        }

        @Test
        void a_copy_of_the_log_alone_verifies_without_its_key_store() throws IOException {
            grantAndAttest();
            erase();
            closeLedger();
            final Path bare = tmp.resolve("bare");
            Files.createDirectories(bare.resolve("ledger"));
            Files.copy(
                    home.resolve("ledger").resolve("transactions.log"),
                    bare.resolve("ledger").resolve("transactions.log"));

            try (EmbeddedLedger copy = EmbeddedLedger.openShared(bare)) {
                final LedgerVerification verification = copy.verify();

                assertThat(verification.intact()).as(verification.toString()).isTrue();
                assertThat(verification.records()).isEqualTo(6);
            }
        }
    }

    @Nested
    class Tampering {

        @Test
        void a_data_key_that_does_not_decrypt_its_write_is_corruption() throws IOException {
            grantAndAttest();
            closeLedger();
            final Path key;
            try (Stream<Path> files = Files.walk(keys())) {
                key = files.filter(file -> file.getFileName().toString().matches("\\d+-[0-9a-f]{32}\\.key"))
                        .findFirst()
                        .orElseThrow();
            }
            final byte[] bytes = Files.readAllBytes(key);
            bytes[0] ^= 0x01;
            Files.write(key, bytes);

            assertThatThrownBy(() -> EmbeddedLedger.open(home))
                    .isInstanceOf(CorruptLedgerException.class)
                    .hasMessageContaining("does not decrypt with its data key");
        }

        @Test
        void a_data_key_deleted_without_a_purge_is_reported_by_verify() throws IOException {
            grantAndAttest();
            closeLedger();
            final Path key;
            try (Stream<Path> files = Files.walk(keys())) {
                key = files.filter(file -> file.getFileName().toString().matches("\\d+-[0-9a-f]{32}\\.key"))
                        .findFirst()
                        .orElseThrow();
            }
            Files.delete(key);

            try (EmbeddedLedger reopened = EmbeddedLedger.openShared(home)) {
                final LedgerVerification verification = reopened.verify();

                assertThat(verification.intact()).isFalse();
                assertThat(verification.problem().orElseThrow())
                        .contains("missing from " + keys())
                        .contains("no purge erased them");
                assertThat(verification.firstBadRecord()).isPresent();
            }
        }

        @Test
        void a_flipped_byte_anywhere_in_a_record_with_sealed_writes_is_detected() throws IOException {
            proofTrail = ProofTrail.over(EmbeddedLedger.open(home));
            proofTrail.register(Registration.builder("ds1", ArtifactKind.DATASET, Digest.sha256("ds1".getBytes(UTF_8)))
                    .requiresConsent()
                    .build());
            final Path log = home.resolve("ledger").resolve("transactions.log");
            final long before = Files.size(log);
            proofTrail.grantConsent(
                    erased, "ds1", Set.of(Purpose.TRAINING), Instant.now().plusSeconds(3600), FORM);
            closeLedger();
            final byte[] original = Files.readAllBytes(log);

            for (int offset = (int) before; offset < original.length; offset++) {
                final byte[] damaged = original.clone();
                damaged[offset] ^= 0x01;
                Files.write(log, damaged);
                final int at = offset;
                assertThatThrownBy(() -> EmbeddedLedger.open(home).close())
                        .as("a flip at byte %d of %d", at, original.length)
                        .isInstanceOf(CorruptLedgerException.class);
            }
            Files.write(log, original);
            try (EmbeddedLedger reopened = EmbeddedLedger.open(home)) {
                assertThat(reopened.verify().intact()).isTrue();
            }
        }
    }

    @Nested
    class Permissions {

        @Test
        void the_home_the_ledger_folder_and_everything_in_it_are_created_owner_only() throws IOException {
            grantAndAttest();
            erase();
            closeLedger();

            assertThat(mode(home)).isEqualTo("rwx------");
            final List<Path> all = new ArrayList<>();
            try (Stream<Path> paths = Files.walk(home.resolve("ledger"))) {
                paths.forEach(all::add);
            }
            assertThat(all).filteredOn(Files::isDirectory).hasSizeGreaterThanOrEqualTo(3);
            assertThat(all).filteredOn(Files::isRegularFile).hasSizeGreaterThanOrEqualTo(5);
            for (Path path : all) {
                assertThat(mode(path))
                        .as(path.toString())
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }

        @Test
        void a_ledger_folder_left_readable_by_an_earlier_version_is_narrowed_on_open() throws IOException {
            grantAndAttest();
            closeLedger();
            final Path ledger = home.resolve("ledger");
            Files.setPosixFilePermissions(ledger, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(
                    ledger.resolve("transactions.log"), PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(keys(), PosixFilePermissions.fromString("rwxr-xr-x"));

            EmbeddedLedger.openShared(home).close();

            assertThat(mode(ledger)).isEqualTo("rwx------");
            assertThat(mode(ledger.resolve("transactions.log"))).isEqualTo("rw-------");
            assertThat(mode(keys())).isEqualTo("rwx------");
        }

        private String mode(Path path) throws IOException {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        }
    }

    @Nested
    class Formats {

        @Test
        void a_release_0_1_0_log_is_refused_with_what_to_do() throws IOException {
            final Path log = home.resolve("ledger").resolve("transactions.log");
            Files.createDirectories(log.getParent());
            Files.write(log, "prooftrail-txlog/1\n".getBytes(UTF_8));
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
            final byte[] before = Files.readAllBytes(log);

            for (boolean write : new boolean[] {true, false}) {
                assertThatThrownBy(() -> (write ? EmbeddedLedger.open(home) : EmbeddedLedger.openShared(home)).close())
                        .isInstanceOf(GatewayUnavailableException.class)
                        .hasMessageContaining("format 1 (prooftrail 0.1.0)")
                        .hasMessageContaining("private data")
                        .hasMessageContaining("Run `prooftrail ledger upgrade` once to convert it");
            }
            assertThat(Files.readAllBytes(log)).isEqualTo(before);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
                    .as("refused, but no longer readable by others")
                    .isEqualTo("rw-------");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
