package org.prooftrail.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prooftrail}: tamper-evident provenance for AI data and models, from the command line. */
@Command(
        name = "prooftrail",
        mixinStandardHelpOptions = true,
        version = "prooftrail 0.1.0",
        description = "Tamper-evident provenance for AI data and models on Hyperledger Fabric. Without --config (or"
                + " PROOFTRAIL_CONFIG, or PROOFTRAIL_GATEWAY_* variables) every command uses the embedded ledger in"
                + " $PROOFTRAIL_HOME (default ~/.prooftrail).",
        footer = {
            "",
            "Errors are one line on standard error: error: CODE: message. Exit codes: 0 ok, 1 mismatch or rejected,"
                    + " 2 usage or configuration, 3 ledger unavailable (or NOT_COMMITTED: safe to run again), 4 commit failed,"
                    + " 5 internal error."
        })
public final class ProofTrailCli {

    /**
     * The shim's loggers: the shim reports every rejected transaction with a stack trace, which the command line
     * already prints as one {@code error:} line. Held here so the level is not lost with a collected logger.
     */
    private static final Logger SHIM = Logger.getLogger("org.hyperledger.fabric");

    /**
     * The subcommands, in help order. They are added in code rather than through {@code @Command(subcommands)}
     * because picocli builds the model of every subcommand by reflection up front, which costs a fresh JVM about 0.3 s
     * of interpreted code: more than fingerprinting a few thousand small files. See {@link #commandLineFor}.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            FingerprintCommand.class,
            RegisterCommand.class,
            VerifyCommand.class,
            ShowCommand.class,
            HistoryCommand.class,
            ListCommand.class,
            StatusCommand.class,
            RunCommand.class,
            DeployCommand.class,
            LineageCommand.class,
            ComplianceCommand.class,
            VerificationsCommand.class,
            ProveCommand.class,
            CheckProofCommand.class,
            ConsentCommand.class,
            AccessCommand.class,
            FederationCommand.class,
            WatchCommand.class,
            AuditCommand.class,
            ExportCommand.class,
            LedgerVerifyCommand.class,
            MaintenanceCommand.class,
            LoadCommand.class,
            DemoCommand.class,
            IdentityCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * {@code --org NAME}: on the embedded ledger, act as the local organisation NAME ({@code hospital-b} is
     * {@code HospitalBMSP}), with its own MSP identity and certificate authority under {@code $PROOFTRAIL_HOME/identity},
     * created on first use. Global: it goes before the subcommand.
     */
    @Option(
            names = "--org",
            paramLabel = "NAME",
            defaultValue = "${env:PROOFTRAIL_ORG}",
            description =
                    "embedded ledger: act as the local organisation NAME (hospital-b is HospitalBMSP), with its own"
                            + " MSP identity and CA under $PROOFTRAIL_HOME/identity, created on first use; before the"
                            + " subcommand (default: $PROOFTRAIL_ORG, else LocalOrgMSP)")
    String org;

    private ProofTrailCli() {}

    public static void main(String[] args) {
        if (!debug()) {
            SHIM.setLevel(Level.OFF);
        }
        int exit;
        try {
            exit = commandLineFor(args).execute(args);
        } catch (RuntimeException | Error e) {
            // picocli reports what a command throws; this is for a failure of picocli itself.
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
            exit = FailureReporter.reportEscaped(err, e, debug());
        }
        System.exit(exit);
    }

    /** {@code PROOFTRAIL_DEBUG}: print the stack trace after an error line, and the shim's logs. */
    private static boolean debug() {
        return System.getenv("PROOFTRAIL_DEBUG") != null;
    }

    /** The configured command line with every subcommand, for help and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, only that subcommand is built
     * (it parses and prints its help exactly as it does among all the others); otherwise (top-level help or version,
     * {@code help}, a mistyped name) all of them.
     */
    static CommandLine commandLineFor(String[] args) {
        // The global --org NAME (or --org=NAME) may come first.
        int first = args.length > 0 && args[0].startsWith("--org=")
                ? 1
                : args.length > 0 && "--org".equals(args[0]) ? 2 : 0;
        if (args.length > first) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand != CommandLine.HelpCommand.class
                        && subcommand.getAnnotation(Command.class).name().equals(args[first])) {
                    return commandLine(List.of(subcommand));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine commandLine = new CommandLine(new ProofTrailCli());
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        // An option's value may be a subcommand's name: `compliance --id scan` asks about an artifact called "scan".
        commandLine.setAllowSubcommandsAsOptionParameters(true);
        return FailureReporter.install(commandLine, debug());
    }
}
