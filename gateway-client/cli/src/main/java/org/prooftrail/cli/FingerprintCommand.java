package org.prooftrail.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "fingerprint",
        description = "Compute the digest of a file (its SHA-256 up to one 8 MiB chunk; for a larger file the digest of"
                + " its chunk manifest, with the chunk root), or the manifest digest and Merkle root of a directory,"
                + " without touching the ledger. A directory's manifest is written next to the data (or to"
                + " --manifest).")
final class FingerprintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "file or directory")
    Path path;

    @Option(names = "--manifest", paramLabel = "FILE", description = "where to write a directory's manifest")
    Path manifest;

    @Option(
            names = "--sha256",
            description = "also print the plain SHA-256 of a file, as sha256sum does (for a file larger than one"
                    + " chunk, an extra sequential pass over it)")
    boolean sha256;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (sha256 && Files.isDirectory(path)) {
            throw UsageException.invalid("--sha256 is for a file; a directory has no single SHA-256");
        }
        Fingerprint fingerprint =
                Fingerprints.of(path, manifest, sha256, spec.commandLine().getErr());
        Path written = null;
        if (fingerprint.kind() == Fingerprint.Kind.DIRECTORY) {
            written = Fingerprints.manifestPath(path, manifest);
            fingerprint.manifest().orElseThrow().write(written);
        }
        Map<String, Object> json = describe(fingerprint);
        json.put("path", path.toString());
        if (sha256) {
            json.put("sha256", fingerprint.sha256().orElseThrow().toString());
        }
        if (written != null) {
            json.put("manifest", written.toString());
        }
        var out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.write(json));
        } else {
            Text.Lines lines = Text.lines();
            for (String key : List.of("path", "kind", "digest", "sha256", "size", "root", "leaves", "manifest")) {
                lines.add(key, json.get(key));
            }
            lines.print(out);
        }
        out.flush();
        return ExitCode.OK;
    }

    static Map<String, Object> describe(Fingerprint fingerprint) {
        Map<String, Object> json = new TreeMap<>();
        json.put("kind", fingerprint.kind().name());
        json.put("digest", fingerprint.digest().toString());
        json.put("size", fingerprint.size());
        fingerprint.root().ifPresent(root -> {
            json.put("root", root.toString());
            json.put("leaves", fingerprint.leaves());
        });
        return json;
    }
}
