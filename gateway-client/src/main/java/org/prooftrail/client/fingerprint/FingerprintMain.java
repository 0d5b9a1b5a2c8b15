package org.prooftrail.client.fingerprint;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal entry point until the {@code prooftrail} command line exists: prints the fingerprint of a path as one
 * line of JSON ({@code kind}, {@code digest}, {@code size}, and {@code merkle} when there is a tree), optionally
 * writing a directory's manifest.
 *
 * <pre>
 * java -cp ... org.prooftrail.client.fingerprint.FingerprintMain PATH [--manifest FILE] [--threads N]
 * </pre>
 */
public final class FingerprintMain {
    private FingerprintMain() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path path = null;
        Path manifestFile = null;
        Fingerprinter.Builder builder = Fingerprinter.builder();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--manifest" -> manifestFile = Path.of(value(args, ++i, "--manifest"));
                    case "--threads" -> builder.threads(Integer.parseInt(value(args, ++i, "--threads")));
                    default -> {
                        if (args[i].startsWith("--") || path != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        path = Path.of(args[i]);
                    }
                }
            }
            if (path == null) {
                throw new IllegalArgumentException("usage: FingerprintMain PATH [--manifest FILE] [--threads N]");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Fingerprint fingerprint = builder.build().fingerprint(path, manifestFile);
            if (manifestFile != null) {
                Manifest manifest = fingerprint
                        .manifest()
                        .orElseThrow(() -> new IllegalArgumentException("--manifest is for directories"));
                manifest.write(manifestFile);
            }
            out.println(CanonicalJson.string(describe(fingerprint)));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static Map<String, Object> describe(Fingerprint fingerprint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", fingerprint.kind().name());
        json.put("digest", fingerprint.digest().toString());
        json.put("size", fingerprint.size());
        fingerprint.root().ifPresent(root -> {
            Map<String, Object> merkle = new LinkedHashMap<>();
            merkle.put("root", root.toString());
            merkle.put("leaves", fingerprint.leaves());
            json.put("merkle", merkle);
        });
        return json;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
