package org.prooftrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prooftrail.chaincode.identity.Role;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.fingerprint.Comparison;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.fingerprint.Manifest;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Run a short story on a fresh embedded ledger: a hospital registers a dataset, a lab trains and"
                + " deploys a model on it, one file of the dataset is altered, verify catches it, the hospital"
                + " revokes the dataset, and lineage shows the model and deployment it reaches.")
final class DemoCommand implements Callable<Integer> {
    private static final String HOSPITAL = "HospitalAMSP";
    private static final String LAB = "ResearchMSP";

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "where to put the demo's data and ledger (default: a new temporary folder)")
    Path workdir;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private int step;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        Path root = workdir != null ? Files.createDirectories(workdir) : Files.createTempDirectory("prooftrail-demo");
        Path dataset = writeDataset(root.resolve("chest-xray-v3"));
        Path model = Files.writeString(root.resolve("triage-model-v1.bin"), "weights of a small triage model\n");
        out.println("prooftrail demo: data and ledger in " + root);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(root.resolve("ledger-home"))) {
            ProofTrail hospital = ProofTrail.over(ledger.as(HOSPITAL, EnumSet.of(Role.CURATOR, Role.STEWARD)));
            ProofTrail lab = ProofTrail.over(ledger.as(LAB, EnumSet.of(Role.TRAINER, Role.DEPLOYER)));
            Fingerprinter fingerprinter = Fingerprinter.create();

            Fingerprint data = fingerprinter.fingerprint(dataset);
            say("hospital-a registers its chest X-ray dataset (a directory of " + data.leaves()
                    + " files), marked as requiring patients' consent");
            data.manifest().orElseThrow().write(dataset.resolve(Manifest.DEFAULT_FILE_NAME));
            var registered =
                    hospital.register(Registration.builder("chest-xray-v3", ArtifactKind.DATASET, data.digest())
                            .merkle(data.root().orElseThrow(), data.leaves())
                            .uri("file:" + dataset)
                            .metadata("modality", "x-ray")
                            .requiresConsent()
                            .build());
            detail("digest " + registered.digest() + ", Merkle root "
                    + data.root().orElseThrow());
            detail("owner " + registered.owner() + ", transaction " + short8(registered.transactionId()));

            say("the research lab registers its trained model and tries to record the training run");
            Fingerprint weights = fingerprinter.fingerprint(model);
            lab.register(Registration.builder("triage-model-v1", ArtifactKind.MODEL, weights.digest())
                    .metadata("framework", "pytorch")
                    .build());
            String run = JsonDocument.of(Map.of(
                            "id", "run-2026-03-01",
                            "inputs",
                                    List.of(Map.of(
                                            "id",
                                            "chest-xray-v3",
                                            "digest",
                                            data.digest().toString())),
                            "parameters", Map.of("epochs", "20", "lr", "0.001"),
                            "outputs", List.of("triage-model-v1")))
                    .toString();
            refused(() -> lab.recordRun(run));
            JsonDocument denied = lab.logAccess("chest-xray-v3", Purpose.TRAINING, "training run-2026-03-01");
            detail("the lab's access is logged on the ledger as " + denied.string("decision"));

            say("hospital-a grants the lab TRAINING access for a year");
            hospital.grantAccess(
                    "chest-xray-v3",
                    LAB,
                    null,
                    EnumSet.of(Purpose.TRAINING),
                    Instant.now().plus(Duration.ofDays(365)));
            refused(() -> lab.recordRun(run));

            say("hospital-a's steward records three patients' consent (pseudonymised in the hospital) and attests it");
            Pseudonyms pseudonyms = Pseudonyms.createOrLoad(root.resolve("hospital-a-consent-secret"));
            Digest form = Digest.sha256("signed consent form v2".getBytes(StandardCharsets.UTF_8));
            for (String patient : List.of("patient-0001", "patient-0002", "patient-0003")) {
                hospital.grantConsent(
                        pseudonyms.of(patient),
                        "chest-xray-v3",
                        EnumSet.of(Purpose.TRAINING, Purpose.EVALUATION),
                        Instant.now().plus(Duration.ofDays(730)),
                        form);
            }
            JsonDocument attestation = hospital.attestConsent("chest-xray-v3", Purpose.TRAINING);
            detail("public attestation v" + attestation.object().get("version") + ": "
                    + attestation.object().get("count") + " consenting subjects, root " + attestation.string("root"));
            detail("the patients' identifiers never left the hospital; the channel holds only hashes and the root");

            say("the lab's access is now allowed, and the training run is recorded");
            detail("access logged as "
                    + lab.logAccess("chest-xray-v3", Purpose.TRAINING, "training run-2026-03-01")
                            .string("decision"));
            lab.recordVerification(
                    "chest-xray-v3", data.digest(), Purpose.TRAINING, "the lab's copy, checked before training");
            detail("the lab's check of its copy is recorded: the pre-training verification a deployment needs");
            lab.recordRun(run);
            detail("run run-2026-03-01: chest-xray-v3 -> triage-model-v1 (relying on consent attestation v"
                    + attestation.object().get("version") + ")");

            say("the lab deploys the model");
            lab.recordDeployment("triage-prod", "triage-model-v1", "production", "https://triage.example/v1");
            detail("deployment triage-prod of triage-model-v1 in production");

            say("patient-0002 withdraws and asks to be erased; the hospital purges the consent record");
            JsonDocument receipt = hospital.eraseConsent(
                    pseudonyms.of("patient-0002"), "chest-xray-v3", "erasure request under GDPR art. 17");
            detail("erasure receipt " + receipt.string("id"));
            detail("what remains public: the hash of the purged record, " + receipt.string("valueHash"));
            detail("affected by the erasure:");
            out.print(LineageRendering.tree(
                            hospital.downstream(receipt.string("id"), 8).object())
                    .indent(3));

            say("someone alters one file of the dataset on the file share");
            Files.writeString(
                    dataset.resolve("labels.csv"),
                    "patient-0007,normal\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);

            say("a pipeline verifies its copy before retraining");
            Fingerprint now = fingerprinter.fingerprint(dataset);
            boolean match = hospital.verify("chest-xray-v3", now.digest()).matches();
            Comparison comparison = Comparison.of(Manifest.read(dataset.resolve(Manifest.DEFAULT_FILE_NAME)), now);
            detail((match ? "OK" : "MISMATCH") + ": registered " + data.digest());
            detail("                local      " + now.digest());
            comparison.changed().forEach(file -> detail("changed: " + file));
            refused(() -> lab.recordRun(JsonDocument.of(Map.of(
                            "id", "run-2026-03-02",
                            "inputs",
                                    List.of(Map.of(
                                            "id",
                                            "chest-xray-v3",
                                            "digest",
                                            now.digest().toString())),
                            "outputs", List.of("triage-model-v1")))
                    .toString()));

            say("hospital-a revokes the dataset");
            hospital.setStatus("chest-xray-v3", ArtifactStatus.REVOKED, "file altered after registration");
            detail("chest-xray-v3 is now " + hospital.get("chest-xray-v3").status());

            say("impact: everything downstream of the dataset");
            out.print(LineageRendering.tree(
                    hospital.downstream("chest-xray-v3", 8).object()));
            out.println();
            out.println("Try it yourself: ./prooftrail --help (the demo's ledger is in " + root.resolve("ledger-home")
                    + "; use --home to look at it)");
        }
        out.flush();
        return ExitCode.OK;
    }

    private void refused(Runnable attempt) {
        try {
            attempt.run();
            detail("(unexpectedly accepted)");
        } catch (ContractRejectedException e) {
            detail("refused by the ledger: " + e.code() + ": " + e.detail());
        }
    }

    private void say(String text) {
        out.println();
        out.println(++step + ". " + text);
    }

    private void detail(String text) {
        out.println("   " + text);
    }

    private static String short8(String txId) {
        return txId.length() > 12 ? txId.substring(0, 12) + "…" : txId;
    }

    private static Path writeDataset(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        for (int i = 1; i <= 6; i++) {
            Files.writeString(
                    dir.resolve("images").resolve(String.format("patient-%04d.png", i)), "pixels of x-ray " + i + "\n");
        }
        StringBuilder labels = new StringBuilder("patient,label\n");
        for (int i = 1; i <= 6; i++) {
            labels.append(String.format("patient-%04d,%s%n", i, i % 3 == 0 ? "pneumonia" : "normal"));
        }
        Files.writeString(dir.resolve("labels.csv"), labels.toString());
        Files.writeString(dir.resolve("README.txt"), "Synthetic chest X-ray dataset for the prooftrail demo\n");
        return dir;
    }
}
