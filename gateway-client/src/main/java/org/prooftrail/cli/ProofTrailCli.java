package org.prooftrail.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code prooftrail}: tamper-evident provenance for AI data and models, from the command line. */
@Command(
        name = "prooftrail",
        mixinStandardHelpOptions = true,
        version = "prooftrail 0.1.0",
        description = "Tamper-evident provenance for AI data and models on Hyperledger Fabric. Without --config (or"
                + " PROOFTRAIL_CONFIG, or PROOFTRAIL_GATEWAY_* variables) every command uses the embedded ledger in"
                + " $PROOFTRAIL_HOME (default ~/.prooftrail).",
        footer = {"", "Exit codes: 0 ok, 1 mismatch or rejected, 2 usage, 3 unavailable, 4 commit failed."},
        subcommands = {
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
            ProveCommand.class,
            CheckProofCommand.class,
            WatchCommand.class,
            LedgerVerifyCommand.class,
            DemoCommand.class,
            IdentityCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ProofTrailCli {

    /**
     * The shim's loggers: the shim reports every rejected transaction with a stack trace, which the command line
     * already prints as one {@code error:} line. Held here so the level is not lost with a collected logger.
     */
    private static final Logger SHIM = Logger.getLogger("org.hyperledger.fabric");

    private ProofTrailCli() {}

    public static void main(String[] args) {
        if (System.getenv("PROOFTRAIL_DEBUG") == null) {
            SHIM.setLevel(Level.OFF);
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ProofTrailCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(false);
        commandLine.setExecutionExceptionHandler(ProofTrailCli::handle);
        commandLine.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        return commandLine;
    }

    private static int handle(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        String message;
        if (e instanceof ContractRejectedException rejected) {
            code = ExitCode.MISMATCH_OR_REJECTED;
            message = rejected.code() + ": " + rejected.detail();
        } else if (e instanceof ConfigException || e instanceof UsageException) {
            code = ExitCode.USAGE;
            message = e.getMessage();
        } else if (e instanceof GatewayUnavailableException) {
            code = ExitCode.UNAVAILABLE;
            message = "UNAVAILABLE: " + e.getMessage();
        } else if (e instanceof CommitFailedException failed) {
            code = ExitCode.COMMIT_FAILED;
            message = "COMMIT_FAILED: " + failed.getMessage();
        } else if (e instanceof ProofTrailClientException) {
            code = ExitCode.UNAVAILABLE;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException io) {
            code = ExitCode.USAGE;
            message = io.getCause() != null ? io.getCause().toString() : io.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
            message = e.getMessage();
        } else {
            throw new IllegalStateException(e);
        }
        err.println("error: " + oneLine(message));
        err.flush();
        return code;
    }

    private static String oneLine(String message) {
        return message == null ? "unknown error" : message.replace('\n', ' ').strip();
    }
}
