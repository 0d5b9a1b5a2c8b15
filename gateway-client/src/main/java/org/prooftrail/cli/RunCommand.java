package org.prooftrail.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.protocol.Digest;
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
                    + " the registered output models.")
    static final class Record extends LedgerCommand {
        @Option(names = "--id", required = true, paramLabel = "ID")
        String id;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "ID=PATH|DIGEST",
                description = "an input artifact and the local copy trained on, or its digest (repeatable)")
        Map<String, String> inputs = new LinkedHashMap<>();

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
            inputs.forEach((input, source) -> inputList.add(Map.of("id", input, "digest", digestOf(source))));
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
            JsonDocument recorded = proofTrail.recordRun(JsonDocument.of(run).toString());
            print(
                    recorded,
                    () -> Text.fields(
                            out(),
                            recorded.object(),
                            "id",
                            "trainer",
                            "inputs",
                            "code",
                            "config",
                            "parameters",
                            "environment",
                            "outputs",
                            "recordedAt",
                            "txId"));
            return ExitCode.OK;
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
            JsonDocument run = proofTrail.getRun(id);
            print(
                    run,
                    () -> Text.fields(
                            out(),
                            run.object(),
                            "id",
                            "trainer",
                            "inputs",
                            "code",
                            "config",
                            "parameters",
                            "environment",
                            "outputs",
                            "recordedBy",
                            "recordedAt",
                            "txId"));
            return ExitCode.OK;
        }
    }
}
