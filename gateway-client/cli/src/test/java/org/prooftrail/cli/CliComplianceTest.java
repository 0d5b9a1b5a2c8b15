package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.protocol.Digest;

/**
 * {@code compliance}, {@code compliance scan}, {@code verifications}, {@code deploy record --accept-risk} and the
 * pre-training verification {@code run record} records, end to end on an embedded ledger in a temporary folder.
 */
class CliComplianceTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path dataset;
    private String datasetDigest;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        dataset = Files.createDirectories(tmp.resolve("xrays"));
        Files.writeString(dataset.resolve("labels.csv"), "p1,normal\np2,pneumonia\n");
        Files.writeString(dataset.resolve("p1.png"), "pixels 1");
        ok("register", dataset.toString(), "--id", "xrays", "--kind", "DATASET");
        datasetDigest = json(ok("show", "xrays", "--json")).string("digest");
        Path model = Files.writeString(tmp.resolve("model.bin"), "weights");
        ok("register", model.toString(), "--id", "model-v1", "--kind", "MODEL");
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help")) {
            // Before a "--": what follows it is positional.
            int end = all.contains("--") ? all.indexOf("--") : all.size();
            all.addAll(end, List.of("--home", home.toString()));
        }
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static JsonOutput json(Run run) {
        return JsonOutput.parse(run.out().getBytes(StandardCharsets.UTF_8));
    }

    private Run train(String input) {
        return cli("run", "record", "--id", "run-1", "--input", "xrays=" + input, "--output", "model-v1");
    }

    private Run deploy(String id, String... more) {
        List<String> args = new ArrayList<>(
                List.of("deploy", "record", "--id", id, "--model", "model-v1", "--environment", "production"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(JsonOutput document, String field) {
        return (List<Map<String, Object>>) (List<?>) document.object().get(field);
    }

    @Nested
    class Compliance {
        @Test
        void a_deployment_trained_on_a_verified_copy_is_clear_and_exits_0() {
            ok("run", "record", "--id", "run-1", "--input", "xrays=" + dataset, "--output", "model-v1");
            Run deployed = ok("deploy", "record", "--id", "prod", "--model", "model-v1", "--environment", "production");
            assertThat(deployed.out()).containsPattern("compliance: +CLEAR").doesNotContain("acceptedRisk");

            Run compliance = cli("compliance", "prod");

            assertThat(compliance.exit()).as(compliance.err()).isZero();
            assertThat(compliance.out()).isEqualTo("CLEAR deployment:prod" + System.lineSeparator());
            JsonOutput document = json(ok("compliance", "prod", "--json"));
            assertThat(document.string("status")).isEqualTo("CLEAR");
            assertThat(list(document, "reasons")).isEmpty();
        }

        @Test
        void an_unverified_input_makes_the_deployment_at_risk_refused_without_accept_risk_and_recorded_with_it() {
            assertThat(train(datasetDigest).exit()).isZero();

            Run refused = deploy("prod");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: FAILED_PRECONDITION: ")
                    .contains("AT_RISK", "UNVERIFIED_INPUT", "artifact:xrays");
            assertThat(cli("deploy", "show", "prod").err()).startsWith("error: NOT_FOUND: ");

            Run accepted = deploy("prod", "--accept-risk", "reviewed by the safety board, ticket 812");
            assertThat(accepted.exit()).as(accepted.err()).isZero();
            assertThat(accepted.out())
                    .containsPattern("compliance: +AT_RISK")
                    .containsPattern("acceptedRisk: +reviewed by the safety board, ticket 812")
                    .contains("risk accepted: AT_RISK UNVERIFIED_INPUT artifact:xrays");
            assertThat(json(ok("deploy", "show", "prod", "--json")).string("acceptedRisk"))
                    .isEqualTo("reviewed by the safety board, ticket 812");

            Run compliance = cli("compliance", "prod");
            assertThat(compliance.exit()).isEqualTo(1);
            assertThat(compliance.out().lines().toList()).first().isEqualTo("AT_RISK deployment:prod (1 reason)");
            assertThat(compliance.out())
                    .contains("accepted risk: reviewed by the safety board, ticket 812")
                    .contains("AT_RISK UNVERIFIED_INPUT artifact:xrays (transaction ")
                    .contains("-> verify the copy before training");
        }

        @Test
        void a_revoked_input_taints_the_deployment_and_a_new_deployment_is_refused_listing_the_reasons() {
            ok("run", "record", "--id", "run-1", "--input", "xrays=" + dataset, "--output", "model-v1");
            ok("deploy", "record", "--id", "prod", "--model", "model-v1", "--environment", "production");
            ok("status", "xrays", "REVOKED", "--reason", "bad labels");

            Run compliance = cli("compliance", "prod");
            Run refused = deploy("prod-2", "--accept-risk", "we know");

            assertThat(compliance.exit()).isEqualTo(1);
            assertThat(compliance.out())
                    .startsWith("TAINTED deployment:prod (1 reason)")
                    .contains("TAINTED REVOKED_ARTIFACT artifact:xrays (transaction ", "bad labels")
                    .contains("-> retire what relies on it");
            JsonOutput document = json(cli("compliance", "model-v1", "--json"));
            assertThat(document.string("status")).isEqualTo("TAINTED");
            assertThat(list(document, "reasons")).singleElement().satisfies(reason -> assertThat(reason)
                    .containsEntry("severity", "TAINTED")
                    .containsEntry("code", "REVOKED_ARTIFACT")
                    .containsEntry("node", "artifact:xrays")
                    .containsKeys("txId", "message"));
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: FAILED_PRECONDITION: model model-v1 is TAINTED")
                    .contains("REVOKED_ARTIFACT artifact:xrays");
        }

        @Test
        void an_unknown_id_is_not_found_and_an_id_named_scan_is_asked_for_with_the_id_option() {
            Run unknown = cli("compliance", "nothing");
            Run named = cli("compliance", "--id", "scan");
            Run afterDashes = cli("compliance", "--", "scan");
            Run none = cli("compliance");

            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("error: NOT_FOUND: ");
            assertThat(named.err()).startsWith("error: NOT_FOUND: ").contains("scan");
            assertThat(afterDashes.exit()).isEqualTo(1);
            assertThat(afterDashes.err()).startsWith("error: NOT_FOUND: ").contains("scan");
            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.err().lines()).singleElement().asString().startsWith("error: USAGE: ");
        }
    }

    @Nested
    class Scan {
        @Test
        void a_clean_ledger_needs_no_action_and_exits_0() {
            Run scan = cli("compliance", "scan");

            assertThat(scan.exit()).as(scan.err()).isZero();
            assertThat(scan.out()).startsWith("no items needing action within 30 days");
            JsonOutput document = json(ok("compliance", "scan", "--json"));
            assertThat(document.bool("needsAction")).isFalse();
            assertThat(list(document, "items")).isEmpty();
        }

        @Test
        void a_tainted_deployment_is_listed_with_what_to_do_and_exits_1() {
            ok("run", "record", "--id", "run-1", "--input", "xrays=" + dataset, "--output", "model-v1");
            ok("deploy", "record", "--id", "prod", "--model", "model-v1", "--environment", "production");
            ok("status", "xrays", "REVOKED", "--reason", "bad labels");
            String owner = json(ok("deploy", "show", "prod", "--json")).string("owner");

            Run scan = cli("compliance", "scan");
            Run otherOwner = cli("compliance", "scan", "--owner", "NobodyMSP");
            Run json = cli("compliance", "scan", "--owner", owner, "--json");

            assertThat(scan.exit()).isEqualTo(1);
            assertThat(scan.out())
                    .startsWith("1 item needing action within 30 days")
                    .contains("deployment  prod, owner " + owner + ": TAINTED")
                    .contains("TAINTED REVOKED_ARTIFACT artifact:xrays")
                    .contains("action: retire");
            assertThat(otherOwner.exit()).isZero();
            assertThat(otherOwner.out()).startsWith("no items needing action for NobodyMSP");
            assertThat(json.exit()).isEqualTo(1);
            assertThat(json(json).bool("needsAction")).isTrue();
            assertThat(list(json(json), "items")).singleElement().satisfies(item -> assertThat(item)
                    .containsEntry("kind", "deployment")
                    .containsEntry("id", "prod")
                    .containsEntry("status", "TAINTED"));
        }

        @Test
        void a_grant_is_listed_only_when_it_expires_within_the_window() {
            ok(
                    "access",
                    "grant",
                    "--artifact",
                    "xrays",
                    "--to",
                    "ResearchMSP",
                    "--purpose",
                    "TRAINING",
                    "--days",
                    "10");

            Run narrow = cli("compliance", "scan", "--within", "5");
            Run wide = cli("compliance", "scan", "--within", "30");
            Run bad = cli("compliance", "scan", "--within", "-1");

            assertThat(narrow.exit()).as(narrow.out() + narrow.err()).isZero();
            assertThat(wide.exit()).isEqualTo(1);
            assertThat(wide.out())
                    .startsWith("1 item needing action within 30 days")
                    .contains("grant       xrays to ResearchMSP", ": ACTIVE, expires ")
                    .contains("action: renew the grant");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).startsWith("error: INVALID_ARGUMENT: --within");
        }
    }

    @Nested
    class PreTrainingVerification {
        @Test
        void a_local_input_is_verified_on_the_ledger_before_the_run_and_listed_by_verifications_and_history() {
            Run run = train(dataset.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("verified before the run: xrays " + datasetDigest + " (transaction ");
            Run verifications = ok("verifications", "xrays");
            assertThat(verifications.out().lines())
                    .singleElement()
                    .asString()
                    .contains("MATCH    " + datasetDigest + " for TRAINING by ", "(before run run-1)");
            JsonOutput document = json(ok("verifications", "xrays", "--json"));
            assertThat(list(document, "verifications")).singleElement().satisfies(v -> assertThat(v)
                    .containsEntry("match", true)
                    .containsEntry("purpose", "TRAINING")
                    .containsEntry("note", "before run run-1"));
            assertThat(ok("history", "xrays").out())
                    .containsPattern("VERIFIED +MATCH +" + datasetDigest + " for TRAINING by \\S+ \\(.*\\), transaction"
                            + " \\S+ +\\(before run run-1\\)");
        }

        @Test
        void a_digest_input_or_the_flag_records_no_verification() {
            assertThat(train(datasetDigest).exit()).isZero();
            Run flagged = cli(
                    "run",
                    "record",
                    "--id",
                    "run-2",
                    "--input",
                    "xrays=" + dataset,
                    "--output",
                    "model-v2",
                    "--no-record-verification");

            assertThat(flagged.err()).startsWith("error: FAILED_PRECONDITION: output model-v2 is not a registered");
            assertThat(ok("verifications", "xrays").out()).isEqualTo("no verification of xrays is recorded\n");
            assertThat(ok("history", "xrays").out()).doesNotContain("VERIFIED");
        }

        @Test
        void an_altered_copy_is_recorded_as_a_mismatch_and_the_run_refused() throws IOException {
            Files.writeString(dataset.resolve("labels.csv"), "p3,normal\n", StandardOpenOption.APPEND);

            Run run = train(dataset.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out())
                    .startsWith("MISMATCH xrays: the copy " + dataset + " has digest sha256:")
                    .contains("the registered digest is " + datasetDigest)
                    .contains("the mismatch is recorded (transaction ")
                    .contains("the ledger refuses to train on it");
            assertThat(run.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: FAILED_PRECONDITION: input xrays was seen with digest");
            assertThat(ok("verifications", "xrays").out()).contains("MISMATCH", "(before run run-1)");
            assertThat(cli("run", "show", "run-1").err()).startsWith("error: NOT_FOUND: ");
        }
    }

    @Nested
    class Consent {
        @Test
        void an_erasure_shows_the_attestation_stale_with_its_reason_and_a_derived_copy_shows_consent_from()
                throws IOException {
            Path data = Files.writeString(tmp.resolve("ct.csv"), "c1\n");
            ok("register", data.toString(), "--id", "ct", "--kind", "DATASET", "--requires-consent");
            Path subjects = Files.writeString(tmp.resolve("subjects.txt"), "subject-1\nsubject-2\n");
            Path one = Files.writeString(tmp.resolve("one.txt"), "subject-2\n");
            String form = Digest.sha256("form".getBytes(StandardCharsets.UTF_8)).toString();
            ok(
                    "consent",
                    "grant",
                    "--dataset",
                    "ct",
                    "--purpose",
                    "TRAINING",
                    "--days",
                    "365",
                    "--form-digest",
                    form,
                    "--subjects",
                    subjects.toString());
            ok("consent", "attest", "--dataset", "ct", "--purpose", "TRAINING");
            Run erased =
                    ok("consent", "erase", "--dataset", "ct", "--reason", "withdrawn", "--subjects", one.toString());
            Path copy = Files.writeString(tmp.resolve("ct-copy.csv"), "c1 cleaned\n");
            ok("register", copy.toString(), "--id", "ct-clean", "--kind", "DATASET", "--parent", "ct");

            Run attestation = ok("consent", "attestation", "--dataset", "ct", "--purpose", "TRAINING");
            Run shown = ok("show", "ct-clean");

            assertThat(attestation.out())
                    .containsPattern("status: +STALE")
                    .containsPattern("staleReason: +\\S")
                    .containsPattern("staleTxId: +\\S+")
                    .containsPattern("staleAt: +\\S+");
            assertThat(erased.out()).contains("erasure:ct:");
            assertThat(shown.out()).containsPattern("consentFrom: +ct");
        }
    }

    @Test
    void watch_renders_any_event_as_key_value_pairs_with_lists_in_brackets() {
        String line = WatchCommand.readable(
                ("{\"status\":\"REVOKED\",\"id\":\"xrays\",\"affectedDeployments\":[\"prod\",\"canary\"],"
                                + "\"attestations\":[{\"version\":1,\"purpose\":\"TRAINING\"}]}")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(line)
                .isEqualTo("affectedDeployments=[prod, canary]  attestations=[{purpose=TRAINING, version=1}]  id=xrays"
                        + "  status=REVOKED");
        assertThat(WatchCommand.readable("not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("not json");
    }

    @Test
    void the_new_commands_have_help() {
        for (String[] command : List.of(
                new String[] {"compliance", "--help"},
                new String[] {"compliance", "scan", "--help"},
                new String[] {"verifications", "--help"},
                new String[] {"deploy", "record", "--help"},
                new String[] {"run", "record", "--help"})) {
            Run help = cli(command);
            assertThat(help.exit()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).startsWith("Usage: prooftrail " + command[0]);
        }
        assertThat(cli("compliance", "--help").out()).contains("--id scan", "Exit 0 when CLEAR");
        assertThat(cli("compliance", "scan", "--help").out()).contains("--within=DAYS", "--owner=MSP", "Exit 1");
        assertThat(cli("deploy", "record", "--help").out()).contains("--accept-risk=REASON");
        assertThat(cli("run", "record", "--help").out()).contains("--no-record-verification", "records nothing");
    }
}
