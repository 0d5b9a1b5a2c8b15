package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints every failure of a command line as one {@link Failure#line() error line} and returns its exit code: a
 * command line picocli cannot parse ({@code USAGE}, with the command whose {@code --help} to read), and anything a
 * command throws, errors included. With {@code debug} (the {@code PROOFTRAIL_DEBUG} environment variable) the stack
 * trace follows the line, for developers.
 */
final class FailureReporter implements IParameterExceptionHandler, IExecutionExceptionHandler, IExecutionStrategy {
    private final boolean debug;

    private FailureReporter(boolean debug) {
        this.debug = debug;
    }

    /** Installs the reporter on {@code commandLine} (and the subcommands it has now). */
    static CommandLine install(CommandLine commandLine, boolean debug) {
        FailureReporter reporter = new FailureReporter(debug);
        commandLine.setParameterExceptionHandler(reporter);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setExecutionStrategy(reporter);
        commandLine.setExitCodeExceptionMapper(e -> Failure.of(e).exitCode());
        return commandLine;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
        message = message.replaceFirst("^Error: ", "").replaceFirst("\\.$", "");
        if (message.startsWith("Missing required subcommand")
                && !where.getSubcommands().isEmpty()) {
            message += " (one of: " + String.join(", ", where.getSubcommands().keySet()) + ")";
        } else if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        return report(where.getErr(), Failure.usage(withHelp(message, where)), e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        Throwable failure = e instanceof ExecutionException && e.getCause() instanceof Error error ? error : e;
        Failure reported = Failure.of(failure);
        if (reported.code().equals(Failure.USAGE)) {
            reported = Failure.usage(withHelp(reported.message(), commandLine));
        }
        return report(commandLine.getErr(), reported, failure);
    }

    /**
     * Runs the last command as picocli does, turning an {@link Error} (a stack overflow, say), which picocli would let
     * through with its stack trace, into an exception that {@link #handleExecutionException} reports.
     */
    @Override
    public int execute(ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (Error e) {
            ParseResult last = parseResult;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            throw new ExecutionException(last.commandSpec().commandLine(), "the command failed", e);
        }
    }

    /** A failure that escaped picocli altogether, printed as any other on {@code err}; returns the exit code. */
    static int reportEscaped(PrintWriter err, Throwable failure, boolean debug) {
        return new FailureReporter(debug).report(err, Failure.of(failure), failure);
    }

    private static String withHelp(String message, CommandLine where) {
        return message + "; see " + where.getCommandSpec().qualifiedName() + " --help";
    }

    private int report(PrintWriter err, Failure failure, Throwable cause) {
        err.println(failure.line());
        if (debug) {
            cause.printStackTrace(err);
        }
        err.flush();
        return failure.exitCode();
    }
}
