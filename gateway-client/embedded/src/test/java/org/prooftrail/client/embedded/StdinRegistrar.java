package org.prooftrail.client.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Another process writing to the embedded ledger at {@code args[0]}: opens it for writing, prints {@code ready}, then
 * registers one artifact per line read from stdin, printing its id once acknowledged, until stdin ends.
 */
public final class StdinRegistrar {
    private StdinRegistrar() {}

    public static void main(String[] args) throws IOException {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(Path.of(args[0]));
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println("ready");
            String id;
            while ((id = in.readLine()) != null) {
                Artifacts.register(ledger, id.strip());
                out.println(id.strip());
            }
        }
    }
}
