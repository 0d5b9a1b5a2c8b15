package org.prooftrail.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.protocol.ArtifactKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "register",
        description = "Fingerprint a file or directory and register it on the ledger. A directory's manifest is"
                + " written next to the data (or to --manifest); keep it: verify uses it to name changed files.")
final class RegisterCommand extends LedgerCommand {
    @Parameters(paramLabel = "PATH", description = "file or directory to register")
    Path path;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the artifact's id")
    String id;

    @Option(
            names = "--kind",
            required = true,
            paramLabel = "KIND",
            description = "DATASET, MODEL, CODE, CONFIG, REPORT or OTHER")
    ArtifactKind kind;

    @Option(names = "--uri", paramLabel = "URI", description = "where the data lives (s3://, ipfs://, file:...)")
    String uri;

    @Option(names = "--parent", paramLabel = "ID", description = "an artifact this one derives from (repeatable)")
    List<String> parents = new ArrayList<>();

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "metadata (repeatable)")
    Map<String, String> metadata = Map.of();

    @Option(names = "--manifest", paramLabel = "FILE", description = "where to write a directory's manifest")
    Path manifest;

    @Option(
            names = "--requires-consent",
            description = "a dataset of personal data: training on it needs its subjects' consent attestation")
    boolean requiresConsent;

    @Override
    int run(ProofTrail proofTrail) {
        Fingerprint fingerprint = Fingerprints.of(path, manifest, err());
        if (fingerprint.kind() == Fingerprint.Kind.DIRECTORY) {
            fingerprint.manifest().orElseThrow().write(Fingerprints.manifestPath(path, manifest));
        }
        Registration.Builder registration =
                Registration.builder(id, kind, fingerprint.digest()).size(fingerprint.size());
        fingerprint.root().ifPresent(root -> registration.merkle(root, fingerprint.leaves()));
        if (uri != null) {
            registration.uri(uri);
        }
        if (requiresConsent) {
            registration.requiresConsent();
        }
        parents.forEach(registration::parent);
        metadata.forEach(registration::metadata);
        ArtifactRecord record = proofTrail.register(registration.build());
        print(record.json(), () -> ShowCommand.printRecord(out(), record));
        return ExitCode.OK;
    }
}
