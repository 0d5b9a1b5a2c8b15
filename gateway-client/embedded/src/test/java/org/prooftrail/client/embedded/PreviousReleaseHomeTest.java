package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.LedgerMaintenance;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Role;
import org.prooftrail.protocol.Transaction;

/**
 * A home that release 0.1.0 wrote, opened and continued by today's embedded ledger. The fixture
 * ({@code src/test/resources/previous-release/0.1.0-home}) is what 41fcc83's own command line wrote: {@code prooftrail
 * demo} (a consent-requiring dataset of HospitalAMSP, a grant to ResearchMSP, three consents, an attestation, a denied
 * and an allowed access, a run, a model, a deployment, an erasure that purged one consent, the dataset revoked), then,
 * as the local user, {@code register} of a code artifact, {@code verify --record}, two {@code access grant}s, one
 * {@code access revoke} and a {@code status DEPRECATED}: 19 transactions (docs/upgrading.md says how to make it again).
 */
class PreviousReleaseHomeTest {
    /** The last record hash {@code prooftrail ledger verify} of 41fcc83 printed for the fixture. */
    static final String FORMAT_1_LAST_HASH = "f10c9b8b6ec592b37b7e0ddd88653ba135cd077f7923c7f8b904b21df3174af1";

    @TempDir
    Path home;

    private Path log;
    private byte[] format1;

    @BeforeEach
    void copyTheFixtureHome() throws IOException {
        Path fixture = Path.of("src/test/resources/previous-release/0.1.0-home");
        try (Stream<Path> paths = Files.walk(fixture)) {
            for (Path path : paths.toList()) {
                Path target = home.resolve(fixture.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        log = home.resolve("ledger").resolve("transactions.log");
        format1 = Files.readAllBytes(log);
    }

    private static Answer evaluate(EmbeddedLedger ledger, Transaction transaction, String... args) {
        return new Answer(new String(ledger.evaluate(transaction, List.of(args)), UTF_8));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The chaincode's answer as it came, and read as a JSON object. */
    private record Answer(String text) {
        Map<String, Object> object() {
            return Json.readObject(text, "the answer");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Nested
    class Before_the_upgrade {
        @Test
        void the_home_is_refused_with_the_command_that_converts_it_and_left_untouched() throws IOException {
            assertThatThrownBy(() -> EmbeddedLedger.open(home).close())
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("format 1 (prooftrail 0.1.0)")
                    .hasMessageContaining("prooftrail ledger upgrade");
            assertThat(Files.readAllBytes(log)).isEqualTo(format1);
        }
    }

    @Nested
    class The_upgrade {
        @Test
        void converts_every_record_and_maps_each_old_hash_to_its_new_one() throws IOException {
            EmbeddedLedgerUpgrade.Result result = EmbeddedLedgerUpgrade.upgrade(home);

            assertThat(result.converted()).isTrue();
            assertThat(result.records()).isEqualTo(19);
            assertThat(result.format1LastHash()).isEqualTo(FORMAT_1_LAST_HASH);
            try (var files = Files.walk(home)) {
                assertThat(files.filter(Files::isRegularFile).map(PreviousReleaseHomeTest::bytes))
                        .as("no copy of the 0.1.0 log, with its private writes in clear, is left under the home")
                        .noneMatch(bytes -> java.util.Arrays.equals(bytes, format1));
            }
            assertThat(new String(Files.readAllBytes(log), 0, 19, UTF_8)).isEqualTo("prooftrail-txlog/2\n");
            Map<String, Object> map = Json.readObject(Files.readString(result.hashMap()), "the hash map");
            assertThat(map)
                    .containsEntry("format1LastHash", FORMAT_1_LAST_HASH)
                    .containsEntry("format2LastHash", result.format2LastHash());
            assertThat((List<?>) map.get("hashes")).hasSize(19);
            try (EmbeddedLedger ledger = EmbeddedLedger.openShared(home)) {
                assertThat(ledger.height()).isEqualTo(19);
                assertThat(ledger.verify().intact()).isTrue();
                assertThat(ledger.verify().lastHash()).isEqualTo(result.format2LastHash());
            }
        }

        @Test
        void run_again_does_nothing() throws IOException {
            EmbeddedLedgerUpgrade.Result first = EmbeddedLedgerUpgrade.upgrade(home);
            byte[] converted = Files.readAllBytes(log);

            EmbeddedLedgerUpgrade.Result again = EmbeddedLedgerUpgrade.upgrade(home);

            assertThat(again.converted()).isFalse();
            assertThat(Files.readAllBytes(log)).isEqualTo(converted);
            assertThat(first.converted()).isTrue();
        }

        @Test
        void refuses_a_format_1_log_that_does_not_verify_and_changes_nothing() throws IOException {
            byte[] edited = format1.clone();
            edited[format1.length - 100] ^= 1;
            Files.write(log, edited);

            assertThatThrownBy(() -> EmbeddedLedgerUpgrade.upgrade(home)).isInstanceOf(CorruptLedgerException.class);
            assertThat(Files.readAllBytes(log)).isEqualTo(edited);
            assertThat(home.resolve("ledger").resolve(EmbeddedLedgerUpgrade.HASH_MAP))
                    .doesNotExist();
        }

        @Test
        void is_refused_while_another_process_holds_the_ledger() {
            EmbeddedLedgerUpgrade.upgrade(home);
            try (EmbeddedLedger writer = EmbeddedLedger.open(home)) {
                assertThat(writer.height()).isEqualTo(19);
                // Already format 2: nothing to do, whatever holds the lock.
                assertThat(EmbeddedLedgerUpgrade.upgrade(home).converted()).isFalse();
            }
        }
    }

    @Nested
    class After_the_upgrade {
        @BeforeEach
        void upgrade() {
            EmbeddedLedgerUpgrade.upgrade(home);
        }

        @Test
        void every_record_of_0_1_0_reads_back() {
            try (EmbeddedLedger ledger = EmbeddedLedger.openShared(home)) {
                assertThat(evaluate(ledger, Transaction.ARTIFACT_GET, "chest-xray-v3")
                                .object())
                        .containsEntry("status", "REVOKED")
                        .containsEntry("owner", "HospitalAMSP");
                assertThat(evaluate(ledger, Transaction.ARTIFACT_GET, "train-code-v1")
                                .object())
                        .containsEntry("status", "DEPRECATED");
                assertThat(evaluate(ledger, Transaction.LINEAGE_GET_RUN, "run-2026-03-01")
                                .object())
                        .containsEntry("trainer", "ResearchMSP");
                assertThat(evaluate(ledger, Transaction.LINEAGE_GET_DEPLOYMENT, "triage-prod")
                                .object())
                        .containsEntry("model", "triage-model-v1");
                assertThat(evaluate(ledger, Transaction.CONSENT_GET_ATTESTATION, "chest-xray-v3", "TRAINING")
                                .object())
                        .containsEntry("status", "STALE");
                EmbeddedLedger auditor = ledger.as("HospitalAMSP", EnumSet.of(Role.AUDITOR));
                assertThat(evaluate(auditor, Transaction.ACCESS_LOGS, "{\"artifact\":\"chest-xray-v3\"}")
                                .toString())
                        .contains("\"decision\":\"DENIED\"", "\"decision\":\"ALLOWED\"");
                assertThat(evaluate(ledger, Transaction.ARTIFACT_HISTORY, "train-code-v1")
                                .toString())
                        .contains("VERIFIED", "DEPRECATED");
                assertThat(evaluate(ledger, Transaction.LINEAGE_DOWNSTREAM, "chest-xray-v3", "8")
                                .toString())
                        .contains("triage-prod");
            }
        }

        @Test
        void the_consent_erased_under_0_1_0_is_unreadable_now_and_the_others_remain() {
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                EmbeddedLedger steward = ledger.as("HospitalAMSP", EnumSet.of(Role.STEWARD));
                Map<String, Object> subjects = Json.readObject(
                        new String(
                                steward.evaluate(
                                        Transaction.CONSENT_SUBJECTS,
                                        List.of("chest-xray-v3", "TRAINING", "100", ""),
                                        Map.of("evaluate", "true".getBytes(UTF_8))),
                                UTF_8),
                        "consent:Subjects");
                assertThat((List<?>) subjects.get("items")).hasSize(2);
                assertThat(ledger.verify().intact()).isTrue();
            }
        }

        @Test
        void the_ledger_continues_the_chain_under_the_new_rules() {
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                LedgerMaintenance maintenance = LedgerMaintenance.over(ledger);
                assertThat(maintenance.chaincodeFormats().recordFormat()).isEqualTo(2);

                LedgerMaintenance.UpgradeReport report = maintenance.upgradeArtifact("train-code-v1");

                assertThat(report.grantsAdopted())
                        .containsExactly("HospitalBMSP/auditor REVOKED", "ResearchMSP/* ACTIVE");
                assertThat(report.backfilled())
                        .contains("artifactguard/train-code-v1", "accessgrants/train-code-v1")
                        .anyMatch(key -> key.startsWith("verified/train-code-v1/LocalOrgMSP/"));
                assertThat(maintenance.upgradeArtifact("train-code-v1").upToDate())
                        .isTrue();
                assertThat(evaluate(ledger, Transaction.ACCESS_GRANTS, "train-code-v1")
                                .toString())
                        .contains("\"grantee\":\"ResearchMSP\"", "\"status\":\"REVOKED\"");
                assertThat(ledger.height()).isEqualTo(21);
                assertThat(ledger.verify().intact()).isTrue();
            }
        }
    }
}
