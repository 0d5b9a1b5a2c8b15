package org.prooftrail.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the ledger: it opens the configured one, runs, and closes it. */
abstract class LedgerCommand implements Callable<Integer> {
    @Mixin
    LedgerOptions ledgerOptions;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        prepare();
        Optional<Integer> offline = withoutLedger();
        if (offline.isPresent()) {
            return offline.get();
        }
        try (ProofTrail proofTrail = Ledgers.open(ledgerOptions)) {
            return run(proofTrail);
        }
    }

    /** Checks and reads what the command needs before the ledger is opened, so a usage error connects nowhere. */
    void prepare() throws Exception {}

    /**
     * The exit code when this invocation answers from files alone, without opening any ledger (a report from a proof
     * bundle); empty, the default, to open the ledger and {@link #run} against it.
     */
    Optional<Integer> withoutLedger() throws Exception {
        return Optional.empty();
    }

    abstract int run(ProofTrail proofTrail) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return outputOptions.json;
    }

    /** Prints a result: its JSON with {@code --json}, else the text for people. */
    void print(String json, Runnable human) {
        if (json()) {
            out().println(json);
        } else {
            human.run();
        }
        out().flush();
    }

    /** A JSON array of results, each already JSON. */
    static String array(List<String> jsons) {
        return "[" + String.join(",", jsons) + "]";
    }
}
