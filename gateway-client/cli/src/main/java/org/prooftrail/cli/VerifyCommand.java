package org.prooftrail.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.fingerprint.Comparison;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Manifest;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "verify",
        description = "Check a local file or directory against its registered fingerprint. Exits 1 on a mismatch and"
                + " names each changed, added or missing file (using the manifest kept next to the data, if it is"
                + " the registered one). --record also records the check on the ledger.")
final class VerifyCommand extends LedgerCommand {
    @Parameters(paramLabel = "PATH")
    Path path;

    @Option(names = "--id", required = true, paramLabel = "ID")
    String id;

    @Option(names = "--manifest", paramLabel = "FILE", description = "the directory's manifest, if not next to it")
    Path manifest;

    @Option(names = "--record", description = "record this verification on the ledger (needs --purpose)")
    boolean record;

    @Option(names = "--purpose", paramLabel = "P", description = "READ, TRAINING, EVALUATION, INFERENCE, EXPORT, AUDIT")
    Purpose purpose;

    @Override
    void prepare() {
        if (record && purpose == null) {
            throw new UsageException("--record needs --purpose");
        }
    }

    @Override
    int run(ProofTrail proofTrail) {
        Fingerprint local = Fingerprints.of(path, manifest, err());
        ArtifactRecord registered = proofTrail.get(id);
        boolean match = registered.digest().equals(local.digest());
        Map<String, Object> result = new TreeMap<>();
        result.put("id", id);
        result.put("match", match);
        result.put("expected", registered.digest().toString());
        result.put("actual", local.digest().toString());
        result.put("status", registered.status().name());
        List<String> notes = new ArrayList<>();
        if (!match && local.kind() == Fingerprint.Kind.DIRECTORY) {
            explainDirectory(registered, local, result, notes);
        }
        if (record) {
            result.put(
                    "recordedTxId",
                    proofTrail
                            .recordVerification(id, local.digest(), purpose, null)
                            .transactionId());
        }
        print(Json.write(result), () -> {
            out().println((match ? "OK " : "MISMATCH ") + id + " (" + registered.status() + ")");
            if (!match) {
                out().println("  registered: " + registered.digest());
                out().println("  local:      " + local.digest());
            }
            notes.forEach(note -> out().println("  " + note));
            if (result.containsKey("recordedTxId")) {
                out().println("  recorded in transaction " + result.get("recordedTxId"));
            }
        });
        return match ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
    }

    private void explainDirectory(
            ArtifactRecord registered, Fingerprint local, Map<String, Object> result, List<String> notes) {
        Path manifestFile = Fingerprints.manifestPath(path, manifest);
        if (!Files.isRegularFile(manifestFile)) {
            notes.add("no manifest at " + manifestFile + ", so the changed files cannot be named");
            return;
        }
        Manifest kept = Manifest.read(manifestFile);
        if (!kept.digest().equals(registered.digest())) {
            notes.add("the manifest at " + manifestFile + " is not the registered one (it was altered too), so the"
                    + " changed files cannot be named");
            return;
        }
        Comparison comparison = Comparison.of(kept, local);
        result.put("changed", comparison.changed());
        result.put("added", comparison.added());
        result.put("missing", comparison.missing());
        comparison.changed().forEach(file -> notes.add("changed: " + file));
        comparison.added().forEach(file -> notes.add("added:   " + file));
        comparison.missing().forEach(file -> notes.add("missing: " + file));
    }
}
