package org.prooftrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.prooftrail.client.ComplianceReason;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.FederatedUpdate;
import org.prooftrail.client.FederationRound;
import org.prooftrail.client.LineageGraph;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * The demo's federated part: three local organisations of one embedded ledger (each with its own MSP identity, as
 * {@code --org} selects) train a logistic regression together by FedAvg for three rounds. Each round every member
 * trains on its own synthetic patients, fingerprints its update file and submits it; the coordinator averages the
 * updates weighted by sample count, writes and registers the new global model and records the aggregation. Then the
 * final model's lineage reaches every member's dataset, and one patient's consent erasure at hospital-a makes the
 * federated model AT_RISK.
 */
final class FederatedDemo {
    static final String FEDERATION = "fl-triage";
    static final int ROUNDS = 3;
    private static final int LOCAL_EPOCHS = 25;
    private static final double LEARNING_RATE = 0.5;

    /** A member: its local organisation name, its dataset, how many patients and how they differ. */
    private record Member(String org, String dataset, long seed, int patients, double shift, boolean coordinator) {}

    private static final List<Member> MEMBERS = List.of(
            new Member("hospital-a", "a-admissions", 11, 400, 0.6, true),
            new Member("hospital-b", "b-admissions", 12, 250, -0.5, false),
            new Member("research", "r-cohort", 13, 600, 0.1, false));

    private final PrintWriter out;
    private final Fingerprinter fingerprinter = Fingerprinter.create();
    /** Each member's view of the ledger (closed with the ledger), its data and its dataset's digest. */
    private final Map<String, ProofTrail> orgs = new TreeMap<>();

    private final Map<String, List<LogisticModel.Sample>> data = new TreeMap<>();
    private final Map<String, Digest> datasetDigests = new TreeMap<>();
    private final List<LogisticModel.Sample> heldOut = LogisticModel.synthetic(99, 1000, 0);
    private Path root;
    private Pseudonyms pseudonyms;
    private int step;

    FederatedDemo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the story in {@code root}, numbering its steps from {@code firstStep}; returns the seconds it took. */
    @SuppressWarnings("PMD.CloseResource") // the members' views of the ledger: closing the ledger closes them
    double run(Path workdir, int firstStep) throws IOException {
        long started = System.nanoTime();
        this.root = workdir;
        this.step = firstStep;
        Path home = root.resolve("federation-home");
        try (EmbeddedLedger ledger = EmbeddedLedger.open(home, MEMBERS.get(0).org())) {
            say("federated learning: hospital-a, hospital-b and research are local organisations of one embedded"
                    + " ledger, each with its own MSP identity and CA in " + home.resolve("identity"));
            registerData(ledger);
            ProofTrail coordinator = orgs.get(MEMBERS.get(0).org());
            double[] global = LogisticModel.zero();
            String globalId = FEDERATION + "-global-v0";
            register(coordinator, globalId, global);
            coordinator.openFederation(
                    FEDERATION,
                    globalId,
                    new TreeSet<>(List.of("HospitalAMSP", "HospitalBMSP", "ResearchMSP")),
                    "fedavg",
                    MEMBERS.size(),
                    Duration.ofHours(1));
            say("hospital-a opens federation " + FEDERATION + " (fedavg, every member in every round) over " + globalId
                    + "; held-out accuracy " + percent(LogisticModel.accuracy(global, heldOut)));
            verifyDatasets();
            for (int round = 1; round <= ROUNDS; round++) {
                global = round(coordinator, round, global);
            }
            globalId = FEDERATION + "-global-v" + ROUNDS;
            lineage(coordinator, globalId);
            erase(coordinator, globalId);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        detail(String.format(Locale.ROOT, "the federated part took %.1f s", seconds));
        out.println();
        out.println("Look at it yourself: ./prooftrail --org hospital-b federation history " + FEDERATION + " --home "
                + home);
        out.flush();
        return seconds;
    }

    /** Each member registers its dataset as itself; hospital-a's requires consent, which it attests. */
    @SuppressWarnings("PMD.CloseResource") // views of the ledger: closing the ledger closes them
    private void registerData(EmbeddedLedger ledger) throws IOException {
        for (Member member : MEMBERS) {
            EmbeddedLedger view = member.coordinator() ? ledger : ledger.asOrganisation(member.org());
            orgs.put(member.org(), ProofTrail.over(view));
            List<LogisticModel.Sample> samples =
                    LogisticModel.synthetic(member.seed(), member.patients(), member.shift());
            data.put(member.org(), samples);
            Path file = Files.createDirectories(root.resolve(member.org())).resolve(member.dataset() + ".csv");
            Files.writeString(file, LogisticModel.csv(samples), StandardCharsets.UTF_8);
            Digest digest = fingerprinter.fingerprint(file).digest();
            datasetDigests.put(member.dataset(), digest);
            Registration.Builder registration = Registration.builder(member.dataset(), ArtifactKind.DATASET, digest)
                    .uri("file:" + file);
            if (member.coordinator()) {
                registration.requiresConsent();
            }
            orgs.get(member.org()).register(registration.build());
            detail(view.mspId() + " registers " + member.dataset() + " (" + member.patients() + " synthetic patients"
                    + (member.coordinator() ? ", requires consent" : "") + ")");
        }
        ProofTrail coordinator = orgs.get(MEMBERS.get(0).org());
        pseudonyms = Pseudonyms.createOrLoad(root.resolve("hospital-a-consent-secret"));
        Digest form = Digest.sha256("federated study consent form".getBytes(StandardCharsets.UTF_8));
        String dataset = MEMBERS.get(0).dataset();
        for (String patient : List.of("patient-a-001", "patient-a-002", "patient-a-003")) {
            coordinator.grantConsent(
                    pseudonyms.of(patient),
                    dataset,
                    EnumSet.of(Purpose.TRAINING),
                    Instant.now().plus(Duration.ofDays(365)),
                    form);
        }
        var attestation = coordinator.attestConsent(dataset, Purpose.TRAINING);
        detail("hospital-a attests " + attestation.count() + " patients' consent for TRAINING on " + dataset);
    }

    /** Each member checks its copy before training: the pre-training verification compliance looks for. */
    private void verifyDatasets() {
        for (Member member : MEMBERS) {
            orgs.get(member.org())
                    .recordVerification(
                            member.dataset(),
                            datasetDigests.get(member.dataset()),
                            Purpose.TRAINING,
                            "before federated training");
        }
    }

    /** One round: members train and submit, the coordinator averages, registers and aggregates. */
    private double[] round(ProofTrail coordinator, int round, double... start) throws IOException {
        coordinator.openRound(FEDERATION, round, null);
        List<double[]> weights = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        Map<String, Digest> updates = new TreeMap<>();
        for (Member member : MEMBERS) {
            double[] local = LogisticModel.train(start, data.get(member.org()), LOCAL_EPOCHS, LEARNING_RATE);
            FederatedUpdate update = submit(member, round, local);
            weights.add(local);
            counts.add(update.samples());
            updates.put(update.id(), update.digest());
        }
        double[] global = LogisticModel.average(weights, counts);
        String globalId = FEDERATION + "-global-v" + round;
        Digest digest = register(coordinator, globalId, global);
        FederationRound closed = coordinator.aggregate(FEDERATION, round, globalId, digest, updates);
        say("round " + round + ": 3 updates submitted, aggregated into " + globalId + " ("
                + closed.samples().orElse(0L) + " samples, Merkle root "
                + closed.merkleRoot()
                        .map(Digest::hex)
                        .map(h -> h.substring(0, 12))
                        .orElse("") + "...):"
                + " held-out accuracy " + percent(LogisticModel.accuracy(global, heldOut)));
        return global;
    }

    /** A member writes its update file, fingerprints it and submits it as itself. */
    private FederatedUpdate submit(Member member, int round, double... local) throws IOException {
        Path file = root.resolve(member.org()).resolve("update-r" + round + ".txt");
        Files.writeString(file, LogisticModel.text(local), StandardCharsets.UTF_8);
        return orgs.get(member.org())
                .submitUpdate(
                        FEDERATION,
                        round,
                        member.org() + "-r" + round,
                        fingerprinter.fingerprint(file).digest(),
                        Map.of(member.dataset(), datasetDigests.get(member.dataset())),
                        member.patients());
    }

    private void lineage(ProofTrail coordinator, String globalId) {
        say("lineage of " + globalId + ": every member's dataset, through every round");
        LineageGraph upstream = coordinator.upstream(globalId, 32);
        out.print(LineageRendering.tree(upstream).indent(3));
        List<String> reached = new ArrayList<>();
        for (LineageGraph.Node node : upstream.nodes()) {
            if (node.kind().filter(ArtifactKind.DATASET.name()::equals).isPresent()) {
                reached.add(node.id() + " (" + node.owner().orElse("?") + ")");
            }
        }
        detail("datasets reached: " + String.join(", ", reached));
        compliance(coordinator, globalId);
    }

    private void erase(ProofTrail coordinator, String globalId) {
        say("patient-a-002 withdraws and is erased at hospital-a: the federated model is AT_RISK");
        var receipt = coordinator.eraseConsent(
                pseudonyms.of("patient-a-002"), MEMBERS.get(0).dataset(), "erasure request, GDPR art. 17");
        detail("erasure receipt " + receipt.id() + " reaches "
                + coordinator.downstream(receipt.id(), 32).nodes().stream()
                        .filter(n -> n.id().startsWith(FEDERATION + "-global"))
                        .map(LineageGraph.Node::id)
                        .toList());
        compliance(coordinator, globalId);
    }

    private Digest register(ProofTrail coordinator, String id, double... weights) throws IOException {
        Path file = Files.createDirectories(root.resolve("hospital-a")).resolve(id + ".txt");
        Files.writeString(file, LogisticModel.text(weights), StandardCharsets.UTF_8);
        Digest digest = fingerprinter.fingerprint(file).digest();
        coordinator.register(Registration.builder(id, ArtifactKind.MODEL, digest)
                .uri("file:" + file)
                .metadata("framework", "prooftrail-fedavg-logistic")
                .build());
        return digest;
    }

    private void compliance(ProofTrail proofTrail, String id) {
        ComplianceReport compliance = proofTrail.compliance(id);
        detail("compliance " + id + ": " + compliance.status());
        for (ComplianceReason reason : compliance.reasons()) {
            detail("  " + ComplianceCommand.reasonLine(reason));
        }
    }

    private static String percent(double accuracy) {
        return String.format(Locale.ROOT, "%.1f%%", accuracy * 100);
    }

    private void say(String text) {
        out.println();
        out.println(step++ + ". " + text);
    }

    private void detail(String text) {
        out.println("   " + text);
    }
}
