package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/** The consent and access commands, end to end, on an embedded ledger in a temporary folder. */
class CliConsentTest {
    private static final List<String> IDENTIFIERS =
            List.of("patient-0001@hospital.example", "NHS 943 476 5919", "Ωmega-subject-77");
    private static final Pattern REF = Pattern.compile("\\b[0-9a-f]{64}\\b");
    private static final String FORM = Digest.sha256("signed consent form v2".getBytes(StandardCharsets.UTF_8))
            .toString();

    @TempDir
    Path tmp;

    private Path home;
    private Path subjects;
    private Path oneSubject;
    private final StringBuilder everythingPrinted = new StringBuilder();
    private InputStream stdin;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        stdin = System.in;
        home = tmp.resolve("home");
        subjects = Files.writeString(
                tmp.resolve("subjects.txt"),
                "# patients who signed form v2\n" + IDENTIFIERS.get(0) + "\n\n  " + IDENTIFIERS.get(1) + "  \n"
                        + IDENTIFIERS.get(2) + "\n# end\n");
        oneSubject = Files.writeString(tmp.resolve("one.txt"), IDENTIFIERS.get(1) + "\n");
        Path data = Files.writeString(tmp.resolve("xrays.csv"), "p1,normal\np2,pneumonia\n");
        Run registered = cli("register", data.toString(), "--id", "xrays", "--kind", "DATASET", "--requires-consent");
        assertThat(registered.exit()).as(registered.err()).isZero();
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        everythingPrinted.append(out).append(err);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    private Run grantAll() {
        return ok(
                "consent",
                "grant",
                "--dataset",
                "xrays",
                "--purpose",
                "TRAINING",
                "--purpose",
                "EVALUATION",
                "--days",
                "365",
                "--form-digest",
                FORM,
                "--subjects",
                subjects.toString());
    }

    private void assertNoIdentifierLeft() throws IOException {
        for (String identifier : IDENTIFIERS) {
            assertThat(everythingPrinted.toString()).doesNotContain(identifier);
        }
        byte[] log = Files.readAllBytes(home.resolve("ledger/transactions.log"));
        assertThat(log).isNotEmpty();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String identifier : IDENTIFIERS) {
                    assertThat(bytes)
                            .as(file.toString())
                            .doesNotContain(new String(
                                    identifier.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Nested
    class Consent {
        @Test
        void grant_check_attest_prove_verify_erase_and_the_identifiers_never_leave() throws IOException {
            Run granted = grantAll();
            List<String> lines = granted.out().lines().toList();
            assertThat(lines)
                    .hasSize(3)
                    .allMatch(line ->
                            line.startsWith("GRANTED") && REF.matcher(line).find());
            assertThat(lines.get(1)).endsWith("(line 4)");

            Run checked = ok(
                    "consent",
                    "check",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    subjects.toString());
            assertThat(checked.out().lines()).hasSize(3).allMatch(line -> line.startsWith("CONSENTED"));

            JsonOutput attestation =
                    json(ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING", "--json"));
            assertThat(attestation.object()).containsEntry("count", 3L).containsEntry("status", "ACTIVE");
            assertThat(json(ok("consent", "attestation", "--dataset", "xrays", "--purpose", "TRAINING", "--json"))
                            .string("root"))
                    .isEqualTo(attestation.string("root"));

            Run proved = ok(
                    "consent",
                    "prove",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    oneSubject.toString());
            Path proof = Files.writeString(tmp.resolve("proof.json"), proved.out());
            assertThat(json(proved).object()).containsKeys("leafDigest", "leafIndex", "treeSize", "path");

            Run verified =
                    ok("consent", "verify-proof", proof.toString(), "--dataset", "xrays", "--purpose", "TRAINING");
            assertThat(verified.out()).startsWith("INCLUDED");

            String leaf = json(proved).string("leafDigest");
            String otherLeaf = Digest.sha256("someone else".getBytes(StandardCharsets.UTF_8))
                    .toString();
            Path tampered =
                    Files.writeString(tmp.resolve("tampered.json"), proved.out().replace(leaf, otherLeaf));
            Run refused = cli(
                    "consent",
                    "verify-proof",
                    tampered.toString(),
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--json");
            assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
            assertThat(json(refused).bool("included")).isFalse();
            Path garbage = Files.writeString(tmp.resolve("garbage.json"), "not a proof");
            assertThat(cli("consent", "verify-proof", garbage.toString(), "--dataset", "xrays", "--purpose", "TRAINING")
                            .exit())
                    .isEqualTo(1);

            Run erased = ok(
                    "consent",
                    "erase",
                    "--dataset",
                    "xrays",
                    "--reason",
                    "GDPR art. 17 request",
                    "--subjects",
                    oneSubject.toString());
            Matcher receipt = Pattern.compile("erasure:\\S+").matcher(erased.out());
            assertThat(receipt.find()).as(erased.out()).isTrue();

            Run afterErasure = cli(
                    "consent",
                    "check",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    oneSubject.toString());
            assertThat(afterErasure.exit()).isEqualTo(1);
            assertThat(afterErasure.out()).startsWith("NOT CONSENTED");
            assertThat(cli(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    subjects.toString())
                            .exit())
                    .as("one of the three is erased")
                    .isEqualTo(1);

            Run lineage = ok("lineage", receipt.group());
            assertThat(lineage.out()).contains("erasure " + receipt.group().substring("erasure:".length()));
            ok("lineage", receipt.group(), "--downstream");

            assertNoIdentifierLeft();
        }

        @Test
        void json_output_is_an_array_with_references_and_line_numbers_only() throws IOException {
            Run granted = ok(
                    "consent",
                    "grant",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--expires",
                    "2099-01-01",
                    "--form-digest",
                    FORM,
                    "--subjects",
                    subjects.toString(),
                    "--json");
            List<Object> results = json(granted).array();
            assertThat(results).hasSize(3);
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) results.get(0);
            assertThat((String) first.get("subject")).matches("[0-9a-f]{64}");
            assertThat(first).containsEntry("line", 2L).containsKey("txId");

            Run revoked = ok(
                    "consent",
                    "revoke",
                    "--dataset",
                    "xrays",
                    "--reason",
                    "withdrawn",
                    "--subjects",
                    oneSubject.toString(),
                    "--json");
            assertThat(json(revoked).array()).hasSize(1);
            Run checked = cli(
                    "consent",
                    "check",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    oneSubject.toString(),
                    "--json");
            assertThat(checked.exit()).isEqualTo(1);
            assertThat(checked.out()).contains("\"consented\":false");
            assertNoIdentifierLeft();
        }

        @Test
        void a_form_file_is_fingerprinted_here() throws IOException {
            Path form = Files.writeString(tmp.resolve("form.pdf"), "signed consent form v2");
            Run granted = ok(
                    "consent",
                    "grant",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--days",
                    "30",
                    "--form",
                    form.toString(),
                    "--subjects",
                    oneSubject.toString());
            assertThat(granted.out()).startsWith("GRANTED");
        }

        @Test
        void subjects_can_come_from_standard_input() throws IOException {
            System.setIn(new ByteArrayInputStream(String.join("\n", IDENTIFIERS).getBytes(StandardCharsets.UTF_8)));

            Run granted = ok(
                    "consent",
                    "grant",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--days",
                    "30",
                    "--form-digest",
                    FORM,
                    "--subjects",
                    "-");

            assertThat(granted.out().lines()).hasSize(3);
            ok("consent", "check", "--dataset", "xrays", "--purpose", "TRAINING", "--subjects", subjects.toString());
            assertNoIdentifierLeft();
        }

        @Test
        void a_subject_on_the_command_line_is_a_usage_error_that_does_not_echo_it() throws IOException {
            grantAll();

            Run refused = cli(
                    "consent",
                    "check",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    subjects.toString(),
                    IDENTIFIERS.get(0));

            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("--subjects");
            assertNoIdentifierLeft();
        }

        @Test
        void usage_errors_exit_2() throws IOException {
            assertThat(cli("consent", "check", "--dataset", "xrays", "--purpose", "TRAINING")
                            .exit())
                    .as("no --subjects")
                    .isEqualTo(2);
            Path empty = Files.writeString(tmp.resolve("empty.txt"), "# nobody\n\n");
            assertThat(cli(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    empty.toString())
                            .exit())
                    .isEqualTo(2);
            assertThat(cli(
                                    "consent",
                                    "prove",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    subjects.toString())
                            .exit())
                    .as("prove takes one subject")
                    .isEqualTo(2);
            assertThat(cli(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "30",
                                    "--expires",
                                    "2099-01-01",
                                    "--form-digest",
                                    FORM,
                                    "--subjects",
                                    subjects.toString())
                            .exit())
                    .as("--days and --expires")
                    .isEqualTo(2);
            assertThat(cli(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "30",
                                    "--form-digest",
                                    "md5:abc",
                                    "--subjects",
                                    subjects.toString())
                            .exit())
                    .isEqualTo(2);
        }

        @Test
        void a_network_needs_a_secret_file() throws IOException {
            Path config = Files.writeString(tmp.resolve("gateway.yaml"), "endpoint: localhost:7051\n");

            Run refused = cli(
                    "consent",
                    "check",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--subjects",
                    subjects.toString(),
                    "--config",
                    config.toString());

            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("--secret", "PROOFTRAIL_CONSENT_SECRET");
        }

        @Test
        void the_embedded_secret_is_created_once_in_the_identity_folder() throws IOException {
            grantAll();
            Path secret = home.resolve("identity/consent-secret");
            byte[] first = Files.readAllBytes(secret);

            ok("consent", "check", "--dataset", "xrays", "--purpose", "TRAINING", "--subjects", subjects.toString());

            assertThat(Files.readAllBytes(secret)).hasSize(32).isEqualTo(first);
            Path other = tmp.resolve("other-secret");
            Files.write(other, new byte[32]);
            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
            assertThat(cli(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "xrays",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    subjects.toString(),
                                    "--secret",
                                    other.toString())
                            .exit())
                    .as("another secret makes other references")
                    .isEqualTo(1);
        }
    }

    @Nested
    class RevokingAnAttestation {
        @Test
        void prints_the_revoked_attestation_and_the_ledger_keeps_it_revoked_until_the_owner_attests_again() {
            grantAll();
            ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING");

            Run revoked = ok(
                    "consent",
                    "revoke-attestation",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--reason",
                    "forms were unsigned");

            assertThat(revoked.out())
                    .containsPattern("(?m)^dataset:\\s+xrays$")
                    .containsPattern("(?m)^status:\\s+REVOKED$")
                    .containsPattern("(?m)^version:\\s+1$")
                    .containsPattern("(?m)^reason:\\s+forms were unsigned$");
            assertThat(json(ok("consent", "attestation", "--dataset", "xrays", "--purpose", "TRAINING", "--json"))
                            .string("status"))
                    .isEqualTo("REVOKED");
            JsonOutput again = json(ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING", "--json"));
            assertThat(again.object()).containsEntry("status", "ACTIVE").containsEntry("version", 2L);
        }

        @Test
        void json_output_is_the_attestation_and_only_the_purpose_named_is_revoked() {
            grantAll();
            ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING");
            ok("consent", "attest", "--dataset", "xrays", "--purpose", "EVALUATION");

            JsonOutput revoked = json(ok(
                    "consent",
                    "revoke-attestation",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "EVALUATION",
                    "--reason",
                    "study closed",
                    "--json"));

            assertThat(revoked.object())
                    .containsEntry("dataset", "xrays")
                    .containsEntry("purpose", "EVALUATION")
                    .containsEntry("status", "REVOKED")
                    .containsEntry("reason", "study closed")
                    .containsKeys("txId", "root", "count");
            assertThat(json(ok("consent", "attestation", "--dataset", "xrays", "--purpose", "TRAINING", "--json"))
                            .string("status"))
                    .isEqualTo("ACTIVE");
        }

        @Test
        void a_second_revocation_or_a_missing_attestation_is_a_rejection_on_one_line() {
            grantAll();
            ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING");
            ok("consent", "revoke-attestation", "--dataset", "xrays", "--purpose", "TRAINING", "--reason", "once");

            Run twice = cli(
                    "consent",
                    "revoke-attestation",
                    "--dataset",
                    "xrays",
                    "--purpose",
                    "TRAINING",
                    "--reason",
                    "twice");
            Run never = cli(
                    "consent", "revoke-attestation", "--dataset", "xrays", "--purpose", "EXPORT", "--reason", "none");

            assertThat(twice.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(twice.err())
                    .isEqualTo("error: FAILED_PRECONDITION: the TRAINING attestation of xrays is already revoked"
                            + System.lineSeparator());
            assertThat(never.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(never.err())
                    .startsWith("error: NOT_FOUND: ")
                    .hasLineCount(1)
                    .doesNotContain("Exception");
            assertThat(json(ok("consent", "attestation", "--dataset", "xrays", "--purpose", "TRAINING", "--json"))
                            .string("reason"))
                    .as("the refused revocation wrote nothing")
                    .isEqualTo("once");
        }
    }

    @Nested
    class ErasureReceipts {
        private String erase() {
            grantAll();
            ok("consent", "attest", "--dataset", "xrays", "--purpose", "TRAINING");
            Run erased = ok(
                    "consent",
                    "erase",
                    "--dataset",
                    "xrays",
                    "--reason",
                    "GDPR art. 17 request",
                    "--subjects",
                    oneSubject.toString());
            Matcher receipt = Pattern.compile("erasure:\\S+").matcher(erased.out());
            assertThat(receipt.find()).as(erased.out()).isTrue();
            return receipt.group();
        }

        @Test
        void shows_a_receipt_for_people_without_the_subject() throws IOException {
            String receipt = erase();

            Run shown = ok("consent", "erasure", receipt);

            assertThat(shown.out())
                    .containsPattern("(?m)^id:\\s+" + Pattern.quote(receipt) + "$")
                    .containsPattern("(?m)^dataset:\\s+xrays$")
                    .containsPattern("(?m)^keyHash:\\s+\\S+$")
                    .containsPattern("(?m)^valueHash:\\s+\\S+$")
                    .containsPattern("(?m)^attestations:\\s+\\S+")
                    .containsPattern("(?m)^reason:\\s+GDPR art. 17 request$")
                    .containsPattern("(?m)^erasedAt:\\s+\\S+$")
                    .containsPattern("(?m)^txId:\\s+\\S+$");
            assertNoIdentifierLeft();
        }

        @Test
        void json_output_is_the_receipt() throws IOException {
            String receipt = erase();

            JsonOutput shown = json(ok("consent", "erasure", receipt, "--json"));

            assertThat(shown.object())
                    .containsEntry("id", receipt)
                    .containsEntry("dataset", "xrays")
                    .containsEntry("reason", "GDPR art. 17 request")
                    .containsKeys("collection", "keyHash", "valueHash", "attestations", "erasedBy", "erasedAt", "txId");
            assertThat(receipt).endsWith(":" + shown.string("txId"));
            assertNoIdentifierLeft();
        }

        @Test
        void an_unknown_or_malformed_receipt_id_is_a_rejection_on_one_line() {
            Run unknown = cli("consent", "erasure", "erasure:xrays:0000");
            Run malformed = cli("consent", "erasure", "xrays");

            assertThat(unknown.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(unknown.err())
                    .isEqualTo("error: NOT_FOUND: erasure receipt erasure:xrays:0000 does not exist"
                            + System.lineSeparator());
            assertThat(malformed.exit()).isEqualTo(ExitCode.MISMATCH_OR_REJECTED);
            assertThat(malformed.err()).startsWith("error: INVALID_ARGUMENT: an erasure receipt id has the form");
        }
    }

    @Nested
    class Access {
        @Test
        void the_owner_grants_lists_and_revokes() {
            Run granted = ok(
                    "access",
                    "grant",
                    "--artifact",
                    "xrays",
                    "--to",
                    "LabMSP",
                    "--role",
                    "trainer",
                    "--purpose",
                    "TRAINING",
                    "--purpose",
                    "EVALUATION",
                    "--days",
                    "30");
            assertThat(granted.out()).contains("LabMSP", "ACTIVE");

            Run grants = ok("access", "grants", "--artifact", "xrays");
            assertThat(grants.out()).contains("LabMSP", "trainer", "EVALUATION, TRAINING");
            assertThat(json(ok("access", "grants", "--artifact", "xrays", "--json"))
                            .array())
                    .hasSize(1);

            Run revoked = ok(
                    "access",
                    "revoke",
                    "--artifact",
                    "xrays",
                    "--from",
                    "LabMSP",
                    "--role",
                    "trainer",
                    "--reason",
                    "project ended",
                    "--json");
            assertThat(json(revoked).string("status")).isEqualTo("REVOKED");
        }

        @Test
        void access_is_denied_without_a_grant_allowed_with_one_and_both_are_in_the_history() {
            registerAsOtherOrg();

            Run denied = cli("access", "log", "--artifact", "their-data", "--purpose", "TRAINING", "--note", "run-1");
            assertThat(denied.exit()).as(denied.err()).isEqualTo(1);
            assertThat(denied.out()).startsWith("DENIED");

            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                ProofTrail.over(ledger.as("OtherMSP", EnumSet.of(Role.CURATOR)))
                        .grantAccess(
                                "their-data",
                                EmbeddedLedger.DEFAULT_MSP_ID,
                                null,
                                EnumSet.of(Purpose.TRAINING),
                                Instant.now().plus(Duration.ofDays(1)));
            }
            Run allowed = ok("access", "log", "--artifact", "their-data", "--purpose", "TRAINING", "--json");
            assertThat(json(allowed).string("decision")).isEqualTo("ALLOWED");

            Run history = ok("access", "history", "--org", EmbeddedLedger.DEFAULT_MSP_ID);
            assertThat(history.out()).contains("DENIED", "ALLOWED", "(run-1)");
            Run theirs = cli("access", "history", "--artifact", "their-data");
            assertThat(theirs.exit())
                    .as("another organisation's artifact log needs the auditor role")
                    .isEqualTo(1);
            assertThat(theirs.err())
                    .contains("PERMISSION_DENIED: the access log of their-data is readable by its owner");
            Run page = ok("access", "history", "--org", EmbeddedLedger.DEFAULT_MSP_ID, "--page-size", "1");
            assertThat(page.out()).contains("more: --bookmark");
            assertThat(cli("access", "history").exit())
                    .as("--artifact or --org")
                    .isEqualTo(2);
        }

        private void registerAsOtherOrg() {
            try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
                ProofTrail.over(ledger.as("OtherMSP", EnumSet.of(Role.CURATOR)))
                        .register(Registration.builder(
                                        "their-data",
                                        ArtifactKind.DATASET,
                                        Digest.sha256("their data".getBytes(StandardCharsets.UTF_8)))
                                .build());
            }
        }
    }

    @Test
    void every_consent_and_access_command_has_help() {
        for (String command : List.of(
                "consent grant",
                "consent revoke",
                "consent check",
                "consent attest",
                "consent attestation",
                "consent revoke-attestation",
                "consent prove",
                "consent verify-proof",
                "consent erase",
                "consent erasure",
                "access grant",
                "access revoke",
                "access log",
                "access grants",
                "access history")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Run help = cli(args.toArray(String[]::new));
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: prooftrail " + command);
        }
    }

    private static JsonOutput json(Run run) {
        return JsonOutput.parse(run.out().getBytes(StandardCharsets.UTF_8));
    }
}
