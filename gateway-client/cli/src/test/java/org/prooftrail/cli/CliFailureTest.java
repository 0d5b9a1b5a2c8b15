package org.prooftrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every way a command can fail prints exactly one line on standard error, {@code error: CODE: message}, never a Java
 * class name nor a stack trace, nothing on standard output, and exits with the documented code.
 */
class CliFailureTest {
    /** What every failure prints. */
    private static final Pattern ERROR_LINE = Pattern.compile("^error: [A-Z_]+: .+");
    /** A Java class name, a package or a stack frame. */
    private static final Pattern JAVA_INTERNALS =
            Pattern.compile("[A-Za-z]+(Exception|Error)\\b|\\bjava\\.|\\bpicocli\\.|\\bat org\\.");

    private static final String FORM =
            Digest.sha256("form".getBytes(StandardCharsets.UTF_8)).toString();

    @TempDir
    Path tmp;

    private Path home;
    private Path data;
    private Path dir;
    private Path subjects;
    private Path noSubjects;
    private Path absent;
    private Path badConfig;

    record Run(int exit, String out, String err) {}

    /** One failure case: the command line, and the exit code, error code and message fragments it must print. */
    record Case(String name, List<String> args, int exit, String code, List<String> fragments) {}

    @BeforeEach
    void files() throws IOException {
        home = tmp.resolve("home");
        data = Files.writeString(tmp.resolve("data.csv"), "p1,normal\n");
        dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("a.txt"), "a");
        subjects = Files.writeString(tmp.resolve("subjects.txt"), "patient-1\npatient-2\n");
        noSubjects = Files.writeString(tmp.resolve("nobody.txt"), "# nobody\n\n");
        absent = tmp.resolve("absent");
        badConfig = Files.writeString(tmp.resolve("gateway.json"), "{ not json");
    }

    private Run run(CommandLine commandLine, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run cli(List<String> args) {
        return run(ProofTrailCli.commandLine(), args);
    }

    private static void assertOneCodedLine(Run run, int exit, String code, List<String> fragments) {
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as("standard error").hasSize(1);
        String line = lines.get(0);
        assertThat(line).matches(ERROR_LINE).startsWith("error: " + code + ": ").doesNotContainPattern(JAVA_INTERNALS);
        for (String fragment : fragments) {
            assertThat(line).contains(fragment);
        }
        assertThat(run.exit()).as(line).isEqualTo(exit);
        assertThat(run.out()).as("standard output").isEmpty();
    }

    private Stream<DynamicTest> check(List<Case> cases) {
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Run run = cli(c.args());
                    assertOneCodedLine(run, c.exit(), c.code(), c.fragments());
                }));
    }

    private static Case usage(String name, List<String> args, String helpOf, String... fragments) {
        List<String> all = new ArrayList<>(List.of(fragments));
        all.add("; see " + helpOf + " --help");
        return new Case(name, args, ExitCode.USAGE, "USAGE", all);
    }

    private static Case client(String name, String code, List<String> args, String... fragments) {
        return new Case(name, args, ExitCode.USAGE, code, List.of(fragments));
    }

    /** {@code args} followed by {@code --home} and the test's home: a command that opens the ledger. */
    private List<String> h(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        return all;
    }

    @Nested
    class CommandLinesPicocliCannotParse {
        @TestFactory
        Stream<DynamicTest> are_one_usage_line_naming_the_help_to_read_and_exit_2() {
            String file = data.toString();
            String theSubjects = subjects.toString();
            return check(List.of(
                    usage(
                            "an unknown option",
                            List.of("register", file, "--id", "a", "--kind", "DATASET", "--bogus"),
                            "prooftrail register",
                            "Unknown option: '--bogus'"),
                    usage(
                            "an unknown option of a nested command",
                            List.of("consent", "attest", "--dataset", "d", "--purpose", "TRAINING", "--frob"),
                            "prooftrail consent attest",
                            "Unknown option: '--frob'"),
                    usage("an unknown option before any command", List.of("--bogus"), "prooftrail", "--bogus"),
                    usage(
                            "a missing required option",
                            List.of("register", file, "--kind", "DATASET"),
                            "prooftrail register",
                            "Missing required option: '--id=ID'"),
                    usage(
                            "a missing required option of a new command",
                            List.of("consent", "revoke-attestation", "--dataset", "d", "--purpose", "TRAINING"),
                            "prooftrail consent revoke-attestation",
                            "'--reason=TEXT'"),
                    usage("a missing parameter", List.of("show"), "prooftrail show", "'ID'"),
                    usage(
                            "a missing parameter of a new command",
                            List.of("consent", "erasure"),
                            "prooftrail consent erasure",
                            "'RECEIPT_ID'"),
                    usage(
                            "an option without its value",
                            List.of("lineage", "x", "--depth"),
                            "prooftrail lineage",
                            "'--depth'"),
                    usage(
                            "a bad enum value (they are case-sensitive)",
                            List.of("register", file, "--id", "a", "--kind", "dataset"),
                            "prooftrail register",
                            "Invalid value for option '--kind'",
                            "DATASET"),
                    usage(
                            "a bad enum value of a nested command",
                            List.of("consent", "attestation", "--dataset", "d", "--purpose", "SELLING"),
                            "prooftrail consent attestation",
                            "'--purpose'",
                            "SELLING"),
                    usage(
                            "a bad enum value as a positional parameter",
                            List.of("status", "x", "RETIRED", "--reason", "r"),
                            "prooftrail status",
                            "RETIRED"),
                    usage(
                            "a number that is not one",
                            List.of("list", "--page-size", "abc"),
                            "prooftrail list",
                            "'abc' is not an int"),
                    usage(
                            "a number out of range",
                            List.of("lineage", "x", "--depth", "99999999999"),
                            "prooftrail lineage",
                            "'--depth'"),
                    usage(
                            "a KEY=VALUE option without =",
                            List.of("register", file, "--id", "a", "--kind", "DATASET", "--meta", "novalue"),
                            "prooftrail register",
                            "KEY=VALUE"),
                    usage(
                            "an unknown command, with suggestions",
                            List.of("regster"),
                            "prooftrail",
                            "'regster'",
                            "did you mean register"),
                    usage(
                            "an unknown nested command",
                            List.of("consent", "grnt"),
                            "prooftrail consent",
                            "'grnt'",
                            "did you mean grant"),
                    usage("no command at all", List.of(), "prooftrail", "Missing required subcommand", "register"),
                    usage(
                            "a command group without its command",
                            List.of("consent"),
                            "prooftrail consent",
                            "Missing required subcommand",
                            "revoke-attestation",
                            "erasure"),
                    usage("another group without its command", List.of("run"), "prooftrail run", "record, show"),
                    usage("the access group alone", List.of("access"), "prooftrail access", "subcommand"),
                    usage("the ledger group alone", List.of("ledger"), "prooftrail ledger", "verify"),
                    usage(
                            "mutually exclusive options",
                            List.of(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "3",
                                    "--expires",
                                    "2099-01-01",
                                    "--form-digest",
                                    FORM,
                                    "--subjects",
                                    theSubjects),
                            "prooftrail consent grant",
                            "mutually exclusive"),
                    usage(
                            "a missing one of several options",
                            List.of(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--form-digest",
                                    FORM,
                                    "--subjects",
                                    theSubjects),
                            "prooftrail consent grant",
                            "--expires",
                            "--days"),
                    usage(
                            "one argument too many",
                            List.of("show", "a", "b"),
                            "prooftrail show",
                            "Unmatched argument at index 2: 'b'"),
                    usage("help on an unknown command", List.of("help", "nope"), "prooftrail", "'nope'")));
        }

        @Test
        void a_usage_line_is_the_same_when_only_the_named_command_is_built() {
            List<String> args = List.of("consent", "grant", "--bogus");

            Run alone = run(ProofTrailCli.commandLineFor(args.toArray(String[]::new)), args);
            Run among = cli(args);

            assertThat(alone).isEqualTo(among);
            assertOneCodedLine(alone, ExitCode.USAGE, "USAGE", List.of("see prooftrail consent grant --help"));
        }
    }

    @Nested
    class ChecksBeforeTheLedger {
        @TestFactory
        Stream<DynamicTest> give_each_failure_its_code_and_exit_2() throws IOException {
            Path proofDirectory = Files.createDirectories(tmp.resolve("proof-dir"));
            Path shortSecret = Files.write(tmp.resolve("short-secret"), new byte[8]);
            Files.setPosixFilePermissions(shortSecret, PosixFilePermissions.fromString("rw-------"));
            Path openSecret = Files.write(tmp.resolve("open-secret"), new byte[32]);
            Files.setPosixFilePermissions(openSecret, PosixFilePermissions.fromString("rw-r--r--"));
            Path manifestless = Files.createDirectories(tmp.resolve("manifestless"));
            Path garbled = Files.createDirectories(tmp.resolve("garbled"));
            Files.writeString(garbled.resolve(".prooftrail-manifest.json"), "{\"formatVersion\": ");
            Path deep = Files.createDirectories(tmp.resolve("deep"));
            Files.writeString(deep.resolve(".prooftrail-manifest.json"), "[".repeat(100_000) + "]".repeat(100_000));
            Path deepProof = Files.writeString(tmp.resolve("deep-proof.json"), "{\"a\":".repeat(50_000) + "1");
            Path pemless = Files.writeString(
                    tmp.resolve("pemless.json"),
                    "{\"endpoint\":\"localhost:7051\",\"mspId\":\"Org1MSP\",\"tlsCaCertificate\":\"ca.pem\","
                            + "\"certificate\":\"cert.pem\",\"privateKey\":\"key.pem\"}");
            String theSubjects = subjects.toString();
            return check(List.of(
                    client(
                            "verify of a path that does not exist",
                            "NOT_FOUND",
                            h("verify", absent.toString(), "--id", "x"),
                            absent + " does not exist"),
                    new Case(
                            "verify --record without --purpose",
                            h("verify", data.toString(), "--id", "x", "--record"),
                            ExitCode.USAGE,
                            "USAGE",
                            List.of("--record needs --purpose; see prooftrail verify --help")),
                    client(
                            "fingerprint of a path that does not exist",
                            "NOT_FOUND",
                            List.of("fingerprint", absent.toString()),
                            "does not exist"),
                    client(
                            "fingerprint --sha256 of a directory",
                            "INVALID_ARGUMENT",
                            List.of("fingerprint", dir.toString(), "--sha256"),
                            "--sha256 is for a file"),
                    client(
                            "prove without a manifest",
                            "NOT_FOUND",
                            List.of("prove", manifestless.toString(), "a.txt"),
                            "cannot read manifest",
                            "no such file or directory"),
                    client(
                            "prove with a manifest that is not JSON",
                            "INVALID_ARGUMENT",
                            List.of("prove", garbled.toString(), "a.txt"),
                            ".prooftrail-manifest.json"),
                    client(
                            "prove with a manifest nested 100,000 levels deep",
                            "INVALID_ARGUMENT",
                            List.of("prove", deep.toString(), "a.txt"),
                            "nested deeper than 64 levels"),
                    client(
                            "check-proof of a proof file nested 50,000 levels deep",
                            "INVALID_ARGUMENT",
                            h("check-proof", deepProof.toString(), "--id", "x"),
                            "the proof " + deepProof + " is JSON nested deeper than 64 levels (at offset 320)"),
                    client(
                            "consent verify-proof of a proof file nested 50,000 levels deep",
                            "INVALID_ARGUMENT",
                            h(
                                    "consent",
                                    "verify-proof",
                                    deepProof.toString(),
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING"),
                            "the proof " + deepProof + " is JSON nested deeper than 64 levels"),
                    client(
                            "check-proof of a proof file that does not exist",
                            "NOT_FOUND",
                            h("check-proof", absent.toString(), "--id", "x"),
                            "cannot read the proof " + absent + ": no such file or directory"),
                    client(
                            "check-proof of a directory",
                            "INVALID_ARGUMENT",
                            h("check-proof", proofDirectory.toString(), "--id", "x"),
                            "cannot read the proof " + proofDirectory),
                    client(
                            "consent verify-proof of a proof file that does not exist",
                            "NOT_FOUND",
                            h("consent", "verify-proof", absent.toString(), "--dataset", "d", "--purpose", "TRAINING"),
                            "cannot read the proof"),
                    client(
                            "consent subjects file that does not exist",
                            "NOT_FOUND",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    absent.toString()),
                            "cannot read the subjects from " + absent + ": no such file or directory"),
                    client(
                            "consent subjects file without subjects",
                            "INVALID_ARGUMENT",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    noSubjects.toString()),
                            "no subject identifiers in"),
                    new Case(
                            "a subject on the command line",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    theSubjects,
                                    "patient-9"),
                            ExitCode.USAGE,
                            "USAGE",
                            List.of("takes no arguments", "see prooftrail consent check --help")),
                    client(
                            "consent prove of several subjects",
                            "INVALID_ARGUMENT",
                            h("consent", "prove", "--dataset", "d", "--purpose", "TRAINING", "--subjects", theSubjects),
                            "proves one subject"),
                    client(
                            "an --expires that is no date",
                            "INVALID_ARGUMENT",
                            h(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--expires",
                                    "next tuesday",
                                    "--form-digest",
                                    FORM,
                                    "--subjects",
                                    theSubjects),
                            "--expires next tuesday is neither"),
                    client(
                            "--days 0",
                            "INVALID_ARGUMENT",
                            h(
                                    "access",
                                    "grant",
                                    "--artifact",
                                    "a",
                                    "--to",
                                    "LabMSP",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "0"),
                            "--days must be at least 1"),
                    client(
                            "a --form-digest that is no digest",
                            "INVALID_ARGUMENT",
                            h(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "3",
                                    "--form-digest",
                                    "md5:abc",
                                    "--subjects",
                                    theSubjects),
                            "--form-digest must be sha256:"),
                    client(
                            "a --form file that does not exist",
                            "NOT_FOUND",
                            h(
                                    "consent",
                                    "grant",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--days",
                                    "3",
                                    "--form",
                                    absent.toString(),
                                    "--subjects",
                                    theSubjects),
                            "does not exist"),
                    client(
                            "a network without the consent secret",
                            "FAILED_PRECONDITION",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    theSubjects,
                                    "--config",
                                    badConfig.toString()),
                            "--secret FILE or PROOFTRAIL_CONSENT_SECRET"),
                    client(
                            "a consent secret that is too short",
                            "FAILED_PRECONDITION",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    theSubjects,
                                    "--secret",
                                    shortSecret.toString()),
                            "the consent secret has 8 bytes"),
                    client(
                            "a consent secret that its group and others may read",
                            "FAILED_PRECONDITION",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    theSubjects,
                                    "--secret",
                                    openSecret.toString()),
                            "consent secret " + openSecret + " is accessible by its group or others (rw-r--r--);"
                                    + " it must be its owner's only: chmod 600 " + openSecret),
                    client(
                            "a consent secret file that does not exist",
                            "NOT_FOUND",
                            h(
                                    "consent",
                                    "check",
                                    "--dataset",
                                    "d",
                                    "--purpose",
                                    "TRAINING",
                                    "--subjects",
                                    theSubjects,
                                    "--secret",
                                    absent.toString()),
                            "cannot read the consent secret " + absent + ": no such file or directory"),
                    client(
                            "a run input that is neither a digest nor a path",
                            "INVALID_ARGUMENT",
                            h("run", "record", "--id", "r", "--input", "d=" + absent, "--output", "m"),
                            "is neither a sha256: digest nor an existing path"),
                    client(
                            "a gateway config that does not exist",
                            "NOT_FOUND",
                            List.of("show", "x", "--config", absent.toString()),
                            "does not exist"),
                    client(
                            "a gateway config that is not JSON",
                            "FAILED_PRECONDITION",
                            List.of("show", "x", "--config", badConfig.toString()),
                            "is not valid JSON"),
                    client(
                            "a gateway config naming files that do not exist",
                            "FAILED_PRECONDITION",
                            List.of("show", "x", "--config", pemless.toString()),
                            ".pem"),
                    client(
                            "ledger verify on a network",
                            "FAILED_PRECONDITION",
                            List.of("ledger", "verify", "--config", badConfig.toString()),
                            "ledger verify checks the embedded ledger"),
                    client(
                            "a CA certificate file that does not exist",
                            "NOT_FOUND",
                            List.of(
                                    "identity",
                                    "issue",
                                    "--ca-cert",
                                    absent.toString(),
                                    "--ca-key",
                                    absent.toString(),
                                    "--msp-id",
                                    "HospitalAMSP",
                                    "--name",
                                    "carol",
                                    "--out",
                                    tmp.resolve("msp").toString()),
                            "cannot read " + absent + ": no such file or directory"),
                    client(
                            "a load concurrency of 0",
                            "INVALID_ARGUMENT",
                            h("load", "--concurrency", "1,0"),
                            "--concurrency levels must be from 1 to 1024, not 0"),
                    client(
                            "a load id prefix that is no id",
                            "INVALID_ARGUMENT",
                            h("load", "--id-prefix", "bad prefix"),
                            "--id-prefix"),
                    client(
                            "a load workload that does not exist",
                            "INVALID_ARGUMENT",
                            h("load", "--workload", "transfer"),
                            "--workload must be register or basic, not transfer"),
                    client(
                            "the basic sample's workload without a Fabric network",
                            "INVALID_ARGUMENT",
                            h("load", "--workload", "basic", "--tx-count", "1", "--warmup", "0"),
                            "--workload basic needs a Fabric network (--config)")));
        }
    }

    @Nested
    class TheLedger {
        @Test
        void a_rejection_keeps_the_contracts_code_and_exits_1() {
            Run missing = cli(h("show", "nope"));

            assertOneCodedLine(
                    missing, ExitCode.MISMATCH_OR_REJECTED, "NOT_FOUND", List.of("artifact nope does not exist"));
        }

        @Test
        void a_corrupt_embedded_ledger_is_unavailable_and_exits_3() throws IOException {
            Run registered = cli(h("register", data.toString(), "--id", "d", "--kind", "DATASET"));
            assertThat(registered.exit()).as(registered.err()).isZero();
            Path log = home.resolve("ledger/transactions.log");
            byte[] bytes = Files.readAllBytes(log);
            bytes[bytes.length / 2] ^= 1;
            Files.write(log, bytes);

            Run refused = cli(h("show", "d"));

            assertOneCodedLine(refused, ExitCode.UNAVAILABLE, "UNAVAILABLE", List.of("is corrupt"));
        }
    }

    @Command(name = "throwing")
    static final class Throwing implements Callable<Integer> {
        private final Throwable failure;

        Throwing(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Exception exception) {
                throw exception;
            }
            throw (Error) failure;
        }
    }

    private Run throwing(Throwable failure, boolean debug) {
        CommandLine commandLine = ProofTrailCli.commandLine().addSubcommand(new Throwing(failure));
        FailureReporter.install(commandLine, debug);
        return run(commandLine, List.of("throwing"));
    }

    private DynamicTest thrown(String name, Throwable failure, int exit, String code, String... fragments) {
        return DynamicTest.dynamicTest(name, () -> {
            Run run = throwing(failure, false);
            assertOneCodedLine(run, exit, code, List.of(fragments));
        });
    }

    @Nested
    class WhatACommandThrows {
        @TestFactory
        Stream<DynamicTest> is_reported_by_its_type() {
            return Stream.of(
                    thrown(
                            "a rejection by the contract",
                            new ContractRejectedException(ErrorCode.PERMISSION_DENIED, "not yours", "tx1", null),
                            ExitCode.MISMATCH_OR_REJECTED,
                            "PERMISSION_DENIED",
                            "not yours"),
                    thrown(
                            "a failed commit",
                            new CommitFailedException("MVCC_READ_CONFLICT", true, "tx2", null),
                            ExitCode.COMMIT_FAILED,
                            "COMMIT_FAILED",
                            "tx2",
                            "MVCC_READ_CONFLICT"),
                    thrown(
                            "an unreachable gateway",
                            new GatewayUnavailableException("peer0 at localhost:7051 did not answer", null, null),
                            ExitCode.UNAVAILABLE,
                            "UNAVAILABLE",
                            "peer0 at localhost:7051 did not answer"),
                    thrown(
                            "a transaction proved not committed after its commit status did not come",
                            new TransactionNotCommittedException(
                                    "transaction tx3 was not committed: it is in no block up to height 120; submitting"
                                            + " the same request again is safe",
                                    "tx3",
                                    115,
                                    120,
                                    null),
                            ExitCode.UNAVAILABLE,
                            "NOT_COMMITTED",
                            "tx3",
                            "safe"),
                    thrown(
                            "another client failure",
                            new ProofTrailClientException("the ledger returned a result that is not JSON", null, null),
                            ExitCode.UNAVAILABLE,
                            "UNAVAILABLE",
                            "not JSON"),
                    thrown(
                            "a bad configuration",
                            new ConfigException("gateway config: mspId is required"),
                            ExitCode.USAGE,
                            "FAILED_PRECONDITION",
                            "mspId is required"),
                    thrown(
                            "an unreadable file, with the exception's name in the message",
                            new UncheckedIOException(
                                    "cannot read x: java.nio.file.AccessDeniedException: /data/x",
                                    new AccessDeniedException("/data/x")),
                            ExitCode.USAGE,
                            "PERMISSION_DENIED",
                            "cannot read x: /data/x: permission denied"),
                    thrown(
                            "a missing file, thrown as it is",
                            new NoSuchFileException("/data/y"),
                            ExitCode.USAGE,
                            "NOT_FOUND",
                            "/data/y: no such file or directory"),
                    thrown(
                            "another input/output failure",
                            new IOException("device not ready"),
                            ExitCode.USAGE,
                            "INVALID_ARGUMENT",
                            "device not ready"),
                    thrown(
                            "a bad value, over several lines",
                            new IllegalArgumentException("the manifest\nis\r\nbroken"),
                            ExitCode.USAGE,
                            "INVALID_ARGUMENT",
                            "the manifest is broken"),
                    thrown(
                            "a protocol check run here",
                            ProofTrailException.invalid("id must not contain spaces"),
                            ExitCode.USAGE,
                            "INVALID_ARGUMENT",
                            "id must not contain spaces"),
                    thrown(
                            "a usage mistake",
                            new UsageException("--a needs --b"),
                            ExitCode.USAGE,
                            "USAGE",
                            "--a needs --b; see prooftrail throwing --help"),
                    thrown(
                            "a defect",
                            new NullPointerException(),
                            ExitCode.INTERNAL,
                            "INTERNAL",
                            "failed unexpectedly (null pointer)",
                            "PROOFTRAIL_DEBUG=1"),
                    thrown(
                            "a defect quoting another exception",
                            new IllegalStateException("worker died:\njava.lang.RuntimeException: boom"),
                            ExitCode.INTERNAL,
                            "INTERNAL",
                            "illegal state: worker died: boom"),
                    thrown(
                            "a stack overflow",
                            new StackOverflowError(),
                            ExitCode.INTERNAL,
                            "INTERNAL",
                            "stack overflow"),
                    thrown(
                            "running out of memory",
                            new OutOfMemoryError("Java heap space"),
                            ExitCode.INTERNAL,
                            "INTERNAL",
                            "out of memory: Java heap space"));
        }

        @Test
        void prooftrail_debug_adds_the_stack_trace_after_the_line() {
            Run run = throwing(new IllegalStateException("boom"), true);

            List<String> lines = run.err().lines().toList();
            assertThat(lines.get(0)).startsWith("error: INTERNAL: ").contains("boom");
            assertThat(lines.subList(1, lines.size()))
                    .anyMatch(line -> line.contains("IllegalStateException"))
                    .anyMatch(line -> line.contains("at org.prooftrail.cli.CliFailureTest"));
            assertThat(run.exit()).isEqualTo(ExitCode.INTERNAL);
        }
    }

    @Nested
    class Help {
        @Test
        void still_prints_help_on_standard_output_and_exits_0() {
            for (List<String> args : List.of(
                    List.of("--help"),
                    List.of("register", "--help"),
                    List.of("consent", "--help"),
                    List.of("consent", "grant", "--help"),
                    List.of("consent", "revoke-attestation", "--help"),
                    List.of("consent", "erasure", "--help"),
                    List.of("run", "record", "--help"),
                    List.of("help", "consent"))) {
                Run help = cli(args);

                assertThat(help.exit()).as(String.join(" ", args)).isZero();
                assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: prooftrail");
                assertThat(help.err()).as(String.join(" ", args)).isEmpty();
            }
        }

        @Test
        void documents_the_error_line_and_every_exit_code() {
            assertThat(cli(List.of("--help")).out())
                    .contains("error: CODE: message")
                    .contains("5 internal error");
        }
    }
}
