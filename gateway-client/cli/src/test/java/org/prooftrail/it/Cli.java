package org.prooftrail.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.prooftrail.cli.ProofTrailCli;
import picocli.CommandLine;

/** The real {@code prooftrail} command line, run in-process. */
final class Cli {
    private Cli() {}

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... arguments) {
        CommandLine commandLine = ProofTrailCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
