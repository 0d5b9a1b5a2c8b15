package org.prooftrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.InclusionCheck;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.fingerprint.FileProof;
import org.prooftrail.client.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "check-proof",
        description = "Check an inclusion proof (as prove printed it) against the artifact's registered Merkle root:"
                + " recomputed here from the file's path, size and digest, and asked of the chain"
                + " (artifact:VerifyInclusion). Exits 1 if either refuses it.")
final class CheckProofCommand extends LedgerCommand {
    @Parameters(paramLabel = "PROOF", description = "the proof file, or - for standard input")
    String proofFile;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the registered directory artifact")
    String id;

    private String text;

    @Override
    void prepare() {
        try {
            text = proofFile.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(proofFile));
        } catch (IOException e) {
            throw UsageException.cannotRead(
                    "the proof " + (proofFile.equals("-") ? "from standard input" : proofFile), e);
        }
        Json.requireNesting(text, "the proof " + (proofFile.equals("-") ? "from standard input" : proofFile));
    }

    @Override
    int run(ProofTrail proofTrail) {
        FileProof proof;
        try {
            proof = FileProof.parse(text);
        } catch (IllegalArgumentException e) {
            Map<String, Object> refused = new TreeMap<>(Map.of("id", id, "local", false, "chain", false));
            refused.put("reason", e.getMessage());
            print(Json.write(refused), () -> out().println("REFUSED the proof itself: " + e.getMessage()));
            return ExitCode.MISMATCH_OR_REJECTED;
        }
        ArtifactRecord artifact = proofTrail.get(id);
        boolean local = artifact.merkleRoot().map(proof::verify).orElse(false);
        InclusionCheck chain = proofTrail.verifyInclusion(id, proof.leafHash(), proof.inclusionProofJson());
        boolean onChain = chain.included();
        Map<String, Object> result = new TreeMap<>();
        result.put("id", id);
        result.put("file", proof.file().path());
        result.put("local", local);
        result.put("chain", onChain);
        chain.reason().ifPresent(reason -> result.put("reason", reason));
        print(Json.write(result), () -> {
            out().println((local && onChain ? "INCLUDED " : "REFUSED ")
                    + proof.file().path() + " in " + id);
            chain.reason().ifPresent(reason -> out().println("  " + reason));
        });
        return local && onChain ? ExitCode.OK : ExitCode.MISMATCH_OR_REJECTED;
    }
}
