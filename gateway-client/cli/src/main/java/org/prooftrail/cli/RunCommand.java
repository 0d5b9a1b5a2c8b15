package org.prooftrail.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.VerificationRecord;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "run",
        description = "Training runs.",
        subcommands = {RunCommand.Record.class, RunCommand.Show.class})
final class RunCommand {

    @Command(
            mixinStandardHelpOptions = true,
            name = "record",
            description = "Record a training run: the inputs with the digests the trainer saw (give a local path to"
                    + " fingerprint, or a sha256: digest), the code and config artifacts, parameters, environment and"
                    + " the registered output models.",
            footer = {
                "",
                "For each input given as a local PATH, the fingerprint is first recorded on the ledger as a pre-training"
                        + " verification (artifact:RecordVerification, purpose TRAINING, note \"before run ID\"), so"
                        + " the model's deployments are not AT_RISK for an unverified input. A copy that does not match"
                        + " the registered digest is recorded as a MISMATCH and the ledger then refuses the run."
                        + " An input given as a sha256: digest records nothing (verify it with verify --record)."
                        + " --no-record-verification records no verification."
            })
    static final class Record extends LedgerCommand {
        @Option(names = "--id", required = true, paramLabel = "ID")
        String id;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "ID=PATH|DIGEST",
                description = "an input artifact and the local copy trained on (fingerprinted, and its verification"
                        + " recorded), or its digest (repeatable)")
        Map<String, String> inputs = new LinkedHashMap<>();

        @Option(
                names = "--no-record-verification",
                description = "do not record a pre-training verification of the inputs given as local paths")
        boolean noRecordVerification;

        @Option(names = "--code", paramLabel = "ID", description = "the registered CODE artifact")
        String code;

        @Option(names = "--run-config", paramLabel = "ID", description = "the registered CONFIG artifact")
        String configArtifact;

        @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a hyper-parameter (repeatable)")
        Map<String, String> parameters = new TreeMap<>();

        @Option(names = "--env", paramLabel = "KEY=VALUE", description = "an environment fact (repeatable)")
        Map<String, String> environment = new TreeMap<>();

        @Option(
                names = "--output",
                required = true,
                paramLabel = "ID",
                description = "a registered model the run produced (repeatable)")
        List<String> outputs = new ArrayList<>();

        @Override
        int run(ProofTrail proofTrail) {
            List<Object> inputList = new ArrayList<>();
            List<VerificationRecord> verifications = new ArrayList<>();
            inputs.forEach((input, source) -> {
                String digest = digestOf(source);
                inputList.add(Map.of("id", input, "digest", digest));
                if (!source.startsWith(Digest.PREFIX) && !noRecordVerification) {
                    verifications.add(verify(proofTrail, input, source, digest));
                }
            });
            Map<String, Object> run = new TreeMap<>();
            run.put("id", id);
            run.put("inputs", inputList);
            if (code != null) {
                run.put("code", code);
            }
            if (configArtifact != null) {
                run.put("config", configArtifact);
            }
            run.put("parameters", parameters);
            run.put("environment", environment);
            run.put("outputs", outputs);
            TrainingRun recorded = proofTrail.recordRun(Json.write(run));
            print(recorded.json(), () -> {
                for (VerificationRecord verification : verifications) {
                    out().println("verified before the run: " + verification.id() + " " + verification.digestSeen()
                            + " (transaction " + verification.transactionId() + ")");
                }
                printRun(out(), recorded, false);
            });
            return ExitCode.OK;
        }

        /**
         * Records the trainer's check of its copy; a mismatch is recorded too and said at once, since the ledger
         * will refuse the run that follows with its own error line.
         */
        private VerificationRecord verify(ProofTrail proofTrail, String input, String source, String digest) {
            VerificationRecord verification = proofTrail.recordVerification(
                    input, Digest.parse("--input", digest), Purpose.TRAINING, "before run " + id);
            if (!verification.matches() && !json()) {
                out().println("MISMATCH " + input + ": the copy " + source + " has digest " + digest
                        + ", the registered digest is " + verification.expected()
                        + "; the mismatch is recorded (transaction " + verification.transactionId()
                        + ") and the ledger refuses to train on it (verify " + source + " --id " + input
                        + " names the files that changed)");
                out().flush();
            }
            return verification;
        }

        private String digestOf(String source) {
            if (source.startsWith(Digest.PREFIX)) {
                return source;
            }
            Path path = Path.of(source);
            if (!Files.exists(path)) {
                throw UsageException.invalid(
                        "--input value " + source + " is neither a sha256: digest nor an existing path");
            }
            return Fingerprints.of(path, null, err()).digest().toString();
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a recorded training run.")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ProofTrail proofTrail) {
            TrainingRun run = proofTrail.getRun(id);
            print(run.json(), () -> printRun(out(), run, true));
            return ExitCode.OK;
        }
    }

    /** A run's fields, one a line; {@code recordedBy} only where it was always shown ({@code run show}). */
    static void printRun(PrintWriter out, TrainingRun run, boolean withRecordedBy) {
        Text.Lines lines = Text.lines()
                .add("id", run.id())
                .add("trainer", run.trainer())
                .add(
                        "inputs",
                        run.inputs().stream()
                                .map(input -> Text.pairs(
                                        "consentVersion", input.consentVersion(),
                                        "digest", input.digest(),
                                        "id", input.id()))
                                .toList())
                .add("code", run.code())
                .add("config", run.config())
                .add("parameters", run.parameters())
                .add("environment", run.environment())
                .add("outputs", run.outputs());
        if (withRecordedBy) {
            lines.add("recordedBy", run.recordedBy());
        }
        lines.add("recordedAt", run.recordedAt())
                .add("txId", run.transactionId())
                .print(out);
    }
}
