package org.prooftrail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.prooftrail.chaincode.identity.Role;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.JsonDocument;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.fingerprint.Comparison;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.fingerprint.Manifest;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
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

            say("hospital-a registers its chest X-ray dataset (a directory of " + countFiles(dataset) + " files)");
            Fingerprint data = fingerprinter.fingerprint(dataset);
            data.manifest().orElseThrow().write(dataset.resolve(Manifest.DEFAULT_FILE_NAME));
            var registered =
                    hospital.register(Registration.builder("chest-xray-v3", ArtifactKind.DATASET, data.digest())
                            .merkle(data.root().orElseThrow(), data.leaves())
                            .uri("file:" + dataset)
                            .metadata("modality", "x-ray")
                            .build());
            detail("digest " + registered.digest() + ", Merkle root over " + data.leaves() + " files");
            detail("owner " + registered.owner() + ", transaction " + short8(registered.transactionId()));

            say("the research lab registers its trained model and records the training run");
            Fingerprint weights = fingerprinter.fingerprint(model);
            lab.register(Registration.builder("triage-model-v1", ArtifactKind.MODEL, weights.digest())
                    .metadata("framework", "pytorch")
                    .build());
            Map<String, Object> run = new TreeMap<>();
            run.put("id", "run-2026-03-01");
            run.put(
                    "inputs",
                    java.util.List.of(Map.of(
                            "id", "chest-xray-v3", "digest", data.digest().toString())));
            run.put("parameters", Map.of("epochs", "20", "lr", "0.001"));
            run.put("outputs", java.util.List.of("triage-model-v1"));
            lab.recordRun(JsonDocument.of(run).toString());
            detail("run run-2026-03-01: chest-xray-v3 -> triage-model-v1");

            say("the lab deploys the model");
            lab.recordDeployment("triage-prod", "triage-model-v1", "production", "https://triage.example/v1");
            detail("deployment triage-prod of triage-model-v1 in production");

            say("someone alters one file of the dataset on the file share");
            Files.writeString(
                    dataset.resolve("labels.csv"),
                    "patient-0007,normal\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);

            say("a pipeline verifies its copy before retraining");
            Fingerprint now = fingerprinter.fingerprint(dataset);
            boolean match = hospital.verify("chest-xray-v3", now.digest()).matches();
            Comparison comparison = Comparison.of(Manifest.read(dataset.resolve(Manifest.DEFAULT_FILE_NAME)), now);
            detail((match ? "OK" : "MISMATCH") + ": registered " + data.digest());
            detail("                local      " + now.digest());
            comparison.changed().forEach(file -> detail("changed: " + file));
            try {
                lab.recordRun(JsonDocument.of(Map.of(
                                "id",
                                "run-2026-03-02",
                                "inputs",
                                java.util.List.of(Map.of(
                                        "id",
                                        "chest-xray-v3",
                                        "digest",
                                        now.digest().toString())),
                                "outputs",
                                java.util.List.of("triage-model-v1")))
                        .toString());
            } catch (ContractRejectedException e) {
                detail("the ledger refuses a run on the altered copy: " + e.code());
            }

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

    private static long countFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
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
