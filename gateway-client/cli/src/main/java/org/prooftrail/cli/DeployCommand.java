package org.prooftrail.cli;

import java.util.List;
import java.util.Map;
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
        "id",
        "model",
        "modelDigest",
        "environment",
        "endpoint",
        "status",
        "compliance",
        "acceptedRisk",
        "owner",
        "recordedAt",
        "txId",
        "retirement"
    };

    @Command(
            mixinStandardHelpOptions = true,
            name = "record",
            description = {
                "Record that a model was put into an environment. The ledger computes the model's compliance from its"
                        + " whole upstream: a TAINTED model is refused (FAILED_PRECONDITION, listing every reason), an"
                        + " AT_RISK one is refused unless --accept-risk gives the reason for going ahead, which is"
                        + " recorded on the deployment with the risks accepted. See prooftrail compliance."
            })
    static final class Record extends LedgerCommand {
        @Option(names = "--id", required = true, paramLabel = "ID")
        String id;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "the registered MODEL")
        String model;

        @Option(names = "--environment", required = true, paramLabel = "NAME", description = "e.g. production")
        String environment;

        @Option(names = "--endpoint", paramLabel = "URL")
        String endpoint;

        @Option(
                names = "--accept-risk",
                paramLabel = "REASON",
                description = "deploy an AT_RISK model anyway, for this recorded reason (never a TAINTED one)")
        String acceptRisk;

        @Override
        void prepare() {
            if (acceptRisk != null && acceptRisk.isBlank()) {
                throw UsageException.invalid("--accept-risk needs a reason");
            }
        }

        @Override
        int run(ProofTrail proofTrail) {
            JsonDocument deployment = proofTrail.recordDeployment(id, model, environment, endpoint, acceptRisk);
            print(deployment, () -> printDeployment(this, deployment.object()));
            return ExitCode.OK;
        }
    }

    /** Prints a deployment's fields, then the risks accepted with it, one line each. */
    @SuppressWarnings("unchecked")
    static void printDeployment(LedgerCommand command, Map<String, Object> deployment) {
        Text.fields(command.out(), deployment, FIELDS);
        for (Object reason : (List<Object>) deployment.getOrDefault("riskReasons", List.of())) {
            command.out().println("risk accepted: " + ComplianceCommand.reasonLine((Map<String, Object>) reason));
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
            print(deployment, () -> printDeployment(this, deployment.object()));
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
            print(deployment, () -> printDeployment(this, deployment.object()));
            return ExitCode.OK;
        }
    }
}
