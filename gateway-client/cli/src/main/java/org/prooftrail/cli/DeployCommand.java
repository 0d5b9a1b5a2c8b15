package org.prooftrail.cli;

import org.prooftrail.client.ComplianceReason;
import org.prooftrail.client.Deployment;
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
            Deployment deployment = proofTrail.recordDeployment(id, model, environment, endpoint, acceptRisk);
            print(deployment.json(), () -> printDeployment(this, deployment));
            return ExitCode.OK;
        }
    }

    /** Prints a deployment's fields, then the risks accepted with it, one line each. */
    static void printDeployment(LedgerCommand command, Deployment deployment) {
        Text.lines()
                .add("id", deployment.id())
                .add("model", deployment.model())
                .add("modelDigest", deployment.modelDigest())
                .add("environment", deployment.environment())
                .add("endpoint", deployment.endpoint())
                .add("status", deployment.status())
                .add("compliance", deployment.compliance())
                .add("acceptedRisk", deployment.acceptedRisk())
                .add("owner", deployment.owner())
                .add("recordedAt", deployment.recordedAt())
                .add("txId", deployment.transactionId())
                .add(
                        "retirement",
                        deployment
                                .retirement()
                                .map(retirement -> Text.pairs(
                                        "changedAt", retirement.changedAt(),
                                        "changedBy", retirement.changedBy(),
                                        "id", deployment.id(),
                                        "reason", retirement.reason(),
                                        "status", retirement.status(),
                                        "txId", retirement.transactionId())))
                .print(command.out());
        for (ComplianceReason reason : deployment.riskReasons()) {
            command.out().println("risk accepted: " + ComplianceCommand.reasonLine(reason));
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
            Deployment deployment = proofTrail.retireDeployment(id, reason);
            print(deployment.json(), () -> printDeployment(this, deployment));
            return ExitCode.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a deployment.")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(ProofTrail proofTrail) {
            Deployment deployment = proofTrail.getDeployment(id);
            print(deployment.json(), () -> printDeployment(this, deployment));
            return ExitCode.OK;
        }
    }
}
