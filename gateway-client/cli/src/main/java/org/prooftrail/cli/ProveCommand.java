package org.prooftrail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.prooftrail.client.fingerprint.FileProof;
import org.prooftrail.client.fingerprint.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "prove",
        description = "Print a Merkle inclusion proof that one file belongs to a registered directory, from the"
                + " directory's manifest. Anyone can check it with check-proof, and the chain with"
                + " artifact:VerifyInclusion, without seeing the other files.")
final class ProveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path directory;

    @Parameters(index = "1", paramLabel = "MEMBER", description = "the file's path relative to DIR, with /")
    String member;

    @Option(names = "--manifest", paramLabel = "FILE", description = "the manifest, if not next to the data")
    Path manifest;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Manifest kept = Manifest.read(Fingerprints.manifestPath(directory, manifest));
        FileProof proof = kept.prove(member.replace('\\', '/'));
        spec.commandLine().getOut().println(proof.toJson());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
