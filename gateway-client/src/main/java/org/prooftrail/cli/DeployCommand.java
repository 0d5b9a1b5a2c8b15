package org.prooftrail.cli;

import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "deploy",
        description = "Deployments of models.",
        subcommands = {DeployCommand.Record.class, DeployCommand.Retire.class, DeployCommand.Show.class})
final class DeployCommand {
    private static final String[] FIELDS = {
        "id", "model", "modelDigest", "environment", "endpoint", "status", "owner", "recordedAt", "txId", "retirement"
    };

    @Command(
            mixinStandardHelpOptions = true,
            name = "record",
            description = "Record that a model was put into an environment.")
    static final class Record extends LedgerCommand {
        @Option(names = "--id", required = true, paramLabel = "ID")
        String id;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "the registered MODEL")
        String model;

        @Option(names = "--environment", required = true, paramLabel = "NAME", description = "e.g. production")
        String environment;

        @Option(names = "--endpoint", paramLabel = "URL")
        String endpoint;

        @Override
        int run(ProofTrail proofTrail) {
            JsonDocument deployment = proofTrail.recordDeployment(id, model, environment, endpoint);
            print(deployment, () -> Text.fields(out(), deployment.object(), FIELDS));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "retire",
            description = "End a deployment your organisation recorded.")
    static final class Retire extends LedgerCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        int run(ProofTrail proofTrail) {
            JsonDocument deployment = proofTrail.retireDeployment(id, reason);
            print(deployment, () -> Text.fields(out(), deployment.object(), FIELDS));
            return ExitCode.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a deployment.")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ProofTrail proofTrail) {
            JsonDocument deployment = proofTrail.getDeployment(id);
            print(deployment, () -> Text.fields(out(), deployment.object(), FIELDS));
            return ExitCode.OK;
        }
    }
}
