package org.prooftrail.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.client.FederatedUpdate;
import org.prooftrail.client.Federation;
import org.prooftrail.client.FederationHistory;
import org.prooftrail.client.FederationRound;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        mixinStandardHelpOptions = true,
        name = "federation",
        description = "Federated learning rounds: the coordinator opens a federation and its rounds, members submit the"
                + " digests of their updates with the local datasets they trained on, the coordinator records each"
                + " aggregation into a new global model.",
        subcommands = {
            FederationCommand.Open.class,
            FederationCommand.OpenRound.class,
            FederationCommand.Submit.class,
            FederationCommand.Aggregate.class,
            FederationCommand.Show.class,
            FederationCommand.History.class
        })
final class FederationCommand {
    private static final String FEDERATION = "FEDERATION";
    /** The digest of an update the round does not hold: the ledger names the unknown update. */
    private static final Digest UNKNOWN = Digest.sha256(new byte[0]);

    private FederationCommand() {}

    @Command(
            mixinStandardHelpOptions = true,
            name = "open",
            description = "Open a federation coordinated by this organisation over its registered global model.")
    static final class Open extends LedgerCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "the initial global model")
        String model;

        @Option(
                names = "--member",
                required = true,
                paramLabel = "MSP",
                description = "a member organisation's MSP ID (repeatable)")
        List<String> members = new ArrayList<>();

        @Option(names = "--rule", defaultValue = "fedavg", paramLabel = "NAME", description = "(default: fedavg)")
        String rule;

        @Option(
                names = "--min",
                defaultValue = "1",
                paramLabel = "N",
                description = "the fewest updates a round aggregates (default: 1)")
        int minParticipants;

        @Option(
                names = "--round-seconds",
                paramLabel = "SECONDS",
                description = "how long a round takes updates (default: one day)")
        Long roundSeconds;

        @Override
        int run(ProofTrail proofTrail) {
            Federation federation = proofTrail.openFederation(
                    id,
                    model,
                    new TreeSet<>(members),
                    rule,
                    minParticipants,
                    roundSeconds == null ? null : Duration.ofSeconds(roundSeconds));
            print(federation.json(), () -> printFederation(out(), federation));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "round",
            description = "Open round N of a federation (the coordinator only), from the current global model.")
    static final class OpenRound extends LedgerCommand {
        @Parameters(paramLabel = FEDERATION)
        String federation;

        @Option(names = "--round", required = true, paramLabel = "N")
        long round;

        @Option(
                names = "--deadline-seconds",
                paramLabel = "SECONDS",
                description = "how long this round takes updates (default: the federation's round length)")
        Long deadlineSeconds;

        @Override
        int run(ProofTrail proofTrail) {
            FederationRound opened = proofTrail.openRound(
                    federation, round, deadlineSeconds == null ? null : Duration.ofSeconds(deadlineSeconds));
            print(opened.json(), () -> printRound(out(), opened));
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "submit",
            description = "Submit this member's update in an open round: the update file's fingerprint (the file"
                    + " stays here), the local datasets trained on and the sample count.",
            footer = {
                "",
                "Each dataset given as a local PATH is fingerprinted and its check recorded on the ledger first"
                        + " (artifact:RecordVerification, purpose TRAINING), as run record does, so the federated model"
                        + " is not AT_RISK for an unverified input; --no-record-verification records none."
            })
    static final class Submit extends LedgerCommand {
        @Parameters(paramLabel = FEDERATION)
        String federation;

        @Option(names = "--round", required = true, paramLabel = "N")
        long round;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "the update's id")
        String id;

        @Option(
                names = "--update",
                required = true,
                paramLabel = "PATH|DIGEST",
                description = "the update file (fingerprinted) or its sha256: digest")
        String update;

        @Option(
                names = "--dataset",
                required = true,
                paramLabel = "ID=PATH|DIGEST",
                description = "a local dataset trained on and the copy used, or its digest (repeatable)")
        Map<String, String> datasets = new LinkedHashMap<>();

        @Option(names = "--samples", required = true, paramLabel = "N", description = "how many samples trained on")
        long samples;

        @Option(names = "--no-record-verification", description = "do not record the datasets' verification")
        boolean noRecordVerification;

        @Override
        int run(ProofTrail proofTrail) {
            Digest updateDigest = digestOf("--update", update);
            Map<String, Digest> seen = new TreeMap<>();
            datasets.forEach((dataset, source) -> {
                Digest digest = digestOf("--dataset", source);
                seen.put(dataset, digest);
                if (!source.startsWith(Digest.PREFIX) && !noRecordVerification) {
                    proofTrail.recordVerification(dataset, digest, Purpose.TRAINING, "before update " + id);
                }
            });
            FederatedUpdate submitted = proofTrail.submitUpdate(federation, round, id, updateDigest, seen, samples);
            print(submitted.json(), () -> printUpdate(out(), submitted));
            return ExitCode.OK;
        }

        private Digest digestOf(String option, String source) {
            if (source.startsWith(Digest.PREFIX)) {
                return Digest.parse(option, source);
            }
            Path path = Path.of(source);
            if (!Files.exists(path)) {
                throw UsageException.invalid(
                        option + " value " + source + " is neither a sha256: digest nor an existing path");
            }
            return Fingerprints.of(path, null, err()).digest();
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "aggregate",
            description = "Record the aggregation of an open round (the coordinator only): the new global model,"
                    + " registered first (prooftrail register ... --kind MODEL), and the updates included (default:"
                    + " every update submitted in the round); their Merkle root is computed here.")
    static final class Aggregate extends LedgerCommand {
        @Parameters(paramLabel = FEDERATION)
        String federation;

        @Option(names = "--round", required = true, paramLabel = "N")
        long round;

        @Option(names = "--model", required = true, paramLabel = "ID", description = "the new global model")
        String model;

        @Option(names = "--update", paramLabel = "ID", description = "an included update (repeatable)")
        List<String> updates = new ArrayList<>();

        @Override
        int run(ProofTrail proofTrail) {
            Map<String, Digest> submitted = new TreeMap<>();
            for (FederationRound entry :
                    proofTrail.federationHistory(federation).rounds()) {
                if (entry.round() == round) {
                    entry.submitted().forEach(u -> submitted.put(u.id(), u.digest()));
                }
            }
            Map<String, Digest> included = new TreeMap<>();
            if (updates.isEmpty()) {
                included.putAll(submitted);
            } else {
                for (String update : updates) {
                    included.put(update, submitted.getOrDefault(update, UNKNOWN));
                }
            }
            if (included.isEmpty()) {
                throw UsageException.invalid(
                        "round " + round + " of federation " + federation + " has no submitted updates to aggregate");
            }
            Digest digest = proofTrail.get(model).digest();
            FederationRound closed = proofTrail.aggregate(federation, round, model, digest, included);
            print(closed.json(), () -> printRound(out(), closed));
            return ExitCode.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show a federation and its latest round.")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = FEDERATION)
        String federation;

        @Override
        int run(ProofTrail proofTrail) {
            Federation found = proofTrail.federation(federation);
            print(found.json(), () -> {
                printFederation(out(), found);
                found.currentRound().ifPresent(round -> {
                    out().println();
                    printRound(out(), round);
                });
            });
            return ExitCode.OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "history",
            description = "Every round of a federation, oldest first, with the updates submitted in it.")
    static final class History extends LedgerCommand {
        @Parameters(paramLabel = FEDERATION)
        String federation;

        @Override
        int run(ProofTrail proofTrail) {
            FederationHistory history = proofTrail.federationHistory(federation);
            print(history.json(), () -> {
                for (FederationRound round : history.rounds()) {
                    printRound(out(), round);
                    for (FederatedUpdate update : round.submitted()) {
                        out().println("  update " + update.id() + " by " + update.member() + ": " + update.digest()
                                + ", " + update.samples() + " samples, datasets "
                                + update.datasets().stream()
                                        .map(TrainingRun.Input::id)
                                        .toList());
                    }
                }
            });
            return ExitCode.OK;
        }
    }

    static void printFederation(PrintWriter out, Federation federation) {
        Text.lines()
                .add("id", federation.id())
                .add("coordinator", federation.coordinator())
                .add("members", federation.members())
                .add("initialModel", federation.initialModel())
                .add("rule", federation.rule())
                .add("minParticipants", federation.minParticipants())
                .add("roundSeconds", federation.roundSeconds())
                .add("rounds", federation.rounds())
                .add("openedAt", federation.openedAt())
                .add("txId", federation.transactionId())
                .print(out);
    }

    static void printRound(PrintWriter out, FederationRound round) {
        Text.lines()
                .add("federation", round.federation())
                .add("round", round.round())
                .add("status", round.status())
                .add("baseModel", round.baseModel())
                .add("deadline", round.deadline())
                .add("model", round.model())
                .add("updates", round.updates())
                .add("merkleRoot", round.merkleRoot())
                .add("samples", round.samples())
                .add("txId", round.aggregateTransactionId().orElse(round.transactionId()))
                .print(out);
    }

    static void printUpdate(PrintWriter out, FederatedUpdate update) {
        Text.lines()
                .add("id", update.id())
                .add("federation", update.federation())
                .add("round", update.round())
                .add("member", update.member())
                .add("digest", update.digest())
                .add(
                        "datasets",
                        update.datasets().stream()
                                .map(d -> Text.pairs(
                                        "consentVersion", d.consentVersion(), "digest", d.digest(), "id", d.id()))
                                .toList())
                .add("samples", update.samples())
                .add("submittedAt", update.submittedAt())
                .add("txId", update.transactionId())
                .print(out);
    }
}
