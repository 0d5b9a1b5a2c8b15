package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prooftrail --org NAME federation ...} end to end on an embedded ledger in a temporary folder: three local
 * organisations, each with its own MSP identity, run a round; every refusal is one {@code error:} line with its exit
 * code.
 */
class CliFederationTest {
    @TempDir
    Path tmp;

    private Path home;
    private Path aData;
    private Path bData;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        aData = Files.writeString(tmp.resolve("a.csv"), "x,label\n1,0\n");
        bData = Files.writeString(tmp.resolve("b.csv"), "x,label\n2,1\n");
        Path v0 = Files.writeString(tmp.resolve("v0.txt"), "0\n0\n");
        ok("hospital-a", "register", aData.toString(), "--id", "a-data", "--kind", "DATASET");
        ok("hospital-b", "register", bData.toString(), "--id", "b-data", "--kind", "DATASET");
        ok("hospital-a", "register", v0.toString(), "--id", "v0", "--kind", "MODEL");
        ok(
                "hospital-a",
                "federation",
                "open",
                "fl",
                "--model",
                "v0",
                "--member",
                "HospitalAMSP",
                "--member",
                "HospitalBMSP",
                "--min",
                "2");
        ok("hospital-a", "federation", "round", "fl", "--round", "1");
    }

    /** {@code prooftrail [--org ORG] ARGS --home HOME}. */
    private Run cli(String org, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>();
        if (org != null) {
            all.addAll(List.of("--org", org));
        }
        all.addAll(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run ok(String org, String... args) {
        Run run = cli(org, args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static JsonOutput json(Run run) {
        return JsonOutput.parse(run.out().getBytes(StandardCharsets.UTF_8));
    }

    private Run submit(String org, String id, String dataset, Path copy) throws IOException {
        Path update = Files.writeString(tmp.resolve(id + ".txt"), "weights of " + id + "\n");
        return cli(
                org,
                "federation",
                "submit",
                "fl",
                "--round",
                "1",
                "--id",
                id,
                "--update",
                update.toString(),
                "--dataset",
                dataset + "=" + copy,
                "--samples",
                "10");
    }

    private static void oneError(Run run, int exit, String code, String fragment) {
        assertThat(run.exit()).as(run.err()).isEqualTo(exit);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: " + code + ": ")
                .contains(fragment);
    }

    @Nested
    class A_round {
        @Test
        void is_run_by_each_organisation_as_itself_and_its_model_reaches_both_datasets() throws IOException {
            Run a = submit("hospital-a", "a-r1", "a-data", aData);
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).containsPattern("member: +HospitalAMSP");
            Run b = submit("hospital-b", "b-r1", "b-data", bData);
            assertThat(b.exit()).as(b.err()).isZero();
            assertThat(b.out()).containsPattern("member: +HospitalBMSP");
            Path v1 = Files.writeString(tmp.resolve("v1.txt"), "1\n1\n");
            ok("hospital-a", "register", v1.toString(), "--id", "v1", "--kind", "MODEL");

            Run aggregated =
                    ok("hospital-a", "federation", "aggregate", "fl", "--round", "1", "--model", "v1", "--json");

            assertThat(json(aggregated).string("status")).isEqualTo("AGGREGATED");
            assertThat(json(aggregated).string("updates")).isEqualTo("[a-r1, b-r1]");
            assertThat(json(ok(null, "federation", "show", "fl", "--json")).string("coordinator"))
                    .isEqualTo("HospitalAMSP");
            assertThat(ok(null, "federation", "history", "fl").out())
                    .contains("update a-r1 by HospitalAMSP", "update b-r1 by HospitalBMSP");
            assertThat(ok(null, "lineage", "v1").out()).contains("artifact a-data", "artifact b-data");
            assertThat(ok(null, "compliance", "v1").out()).startsWith("CLEAR");
            assertThat(home.resolve("identity/HospitalBMSP/signcerts/cert.pem")).exists();
            assertThat(home.resolve("identity/HospitalAMSP/cacerts/ca.pem")).exists();
        }
    }

    @Nested
    class Refusals {
        @Test
        void a_non_member_submit_is_rejected_and_exits_1() throws IOException {
            Path rData = Files.writeString(tmp.resolve("r.csv"), "x\n3\n");
            ok("research", "register", rData.toString(), "--id", "r-data", "--kind", "DATASET");

            oneError(
                    submit("research", "r-r1", "r-data", rData), 1, "PERMISSION_DENIED", "ResearchMSP is not a member");
        }

        @Test
        void a_second_submit_is_rejected_and_exits_1() throws IOException {
            assertThat(submit("hospital-b", "b-r1", "b-data", bData).exit()).isZero();

            oneError(
                    submit("hospital-b", "b-r1b", "b-data", bData),
                    1,
                    "ALREADY_EXISTS",
                    "already submitted update b-r1");
        }

        @Test
        void a_round_opened_by_a_member_is_rejected_and_exits_1() {
            oneError(
                    cli("hospital-b", "federation", "round", "fl", "--round", "2"),
                    1,
                    "PERMISSION_DENIED",
                    "only the coordinator HospitalAMSP may open a round");
        }

        @Test
        void an_aggregation_below_the_minimum_is_rejected_and_exits_1() throws IOException {
            assertThat(submit("hospital-b", "b-r1", "b-data", bData).exit()).isZero();

            oneError(
                    cli("hospital-a", "federation", "aggregate", "fl", "--round", "1", "--model", "v0"),
                    1,
                    "FAILED_PRECONDITION",
                    "aggregates at least 2 members' updates per round; 1 given");
        }

        @Test
        void an_unknown_update_is_rejected_and_exits_1() {
            oneError(
                    cli(
                            "hospital-a",
                            "federation",
                            "aggregate",
                            "fl",
                            "--round",
                            "1",
                            "--model",
                            "v0",
                            "--update",
                            "x",
                            "--update",
                            "y"),
                    1,
                    "NOT_FOUND",
                    "update x does not exist");
        }

        @Test
        void an_update_path_that_does_not_exist_is_invalid_and_exits_2() {
            oneError(
                    cli(
                            "hospital-b",
                            "federation",
                            "submit",
                            "fl",
                            "--round",
                            "1",
                            "--id",
                            "u",
                            "--update",
                            tmp.resolve("absent").toString(),
                            "--dataset",
                            "b-data=" + bData,
                            "--samples",
                            "1"),
                    2,
                    "INVALID_ARGUMENT",
                    "--update value");
        }

        @Test
        void a_missing_required_option_is_a_usage_error_and_exits_2() {
            oneError(cli("hospital-b", "federation", "submit", "fl", "--round", "1"), 2, "USAGE", "--id");
        }

        @Test
        void an_unknown_federation_is_not_found_and_exits_1() {
            oneError(cli(null, "federation", "show", "nope"), 1, "NOT_FOUND", "federation nope does not exist");
            oneError(cli(null, "federation", "history", "nope"), 1, "NOT_FOUND", "federation nope does not exist");
        }

        @Test
        void an_organisation_name_that_is_not_one_is_a_configuration_error_and_exits_2() {
            Run run = cli("Hospital B", "federation", "show", "fl");
            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.err().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: ")
                    .contains("--org");
        }
    }

    @Test
    void the_default_organisation_is_still_the_local_one() throws IOException {
        assertThat(json(ok(null, "show", "a-data", "--json")).string("owner")).isEqualTo("HospitalAMSP");
        Path mine = Files.writeString(tmp.resolve("mine.csv"), "x\n9\n");

        ok(null, "register", mine.toString(), "--id", "mine", "--kind", "DATASET");

        assertThat(json(ok(null, "show", "mine", "--json")).string("owner")).isEqualTo("LocalOrgMSP");
    }
}
