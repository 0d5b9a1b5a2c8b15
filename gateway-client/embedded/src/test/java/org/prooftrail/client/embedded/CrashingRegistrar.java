package org.prooftrail.client.embedded;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Registers artifacts {@code <prefix>-0, <prefix>-1, ...} in the embedded ledger at {@code args[0]} until it is
 * killed, printing each id on stdout once {@code submit} has returned, that is once the ledger acknowledged it.
 */
public final class CrashingRegistrar {
    private CrashingRegistrar() {}

    public static void main(String[] args) {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(Path.of(args[0]))) {
            out.println("ready");
            for (int i = 0; ; i++) {
                final String id = args[1] + "-" + i;
                Artifacts.register(ledger, id);
                out.println(id);
            }
        }
    }
}
