package org.prooftrail.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.fingerprint.Fingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "fingerprint",
        description = "Compute the SHA-256 digest of a file, or the manifest digest and Merkle root of a directory,"
                + " without touching the ledger. A directory's manifest is written next to the data (or to"
                + " --manifest).")
final class FingerprintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "file or directory")
    Path path;

    @Option(names = "--manifest", paramLabel = "FILE", description = "where to write a directory's manifest")
    Path manifest;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Fingerprint fingerprint =
                Fingerprints.of(path, manifest, spec.commandLine().getErr());
        Path written = null;
        if (fingerprint.kind() == Fingerprint.Kind.DIRECTORY) {
            written = Fingerprints.manifestPath(path, manifest);
            fingerprint.manifest().orElseThrow().write(written);
        }
        Map<String, Object> json = describe(fingerprint);
        json.put("path", path.toString());
        if (written != null) {
            json.put("manifest", written.toString());
        }
        var out = spec.commandLine().getOut();
        if (output.json) {
            out.println(JsonDocument.of(json));
        } else {
            Text.fields(out, json, "path", "kind", "digest", "size", "root", "leaves", "manifest");
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
