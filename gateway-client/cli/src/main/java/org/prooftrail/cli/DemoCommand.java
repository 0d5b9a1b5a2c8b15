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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prooftrail.cli.report.HtmlReport;
import org.prooftrail.cli.report.JsonReport;
import org.prooftrail.cli.report.LedgerReportReader;
import org.prooftrail.cli.report.ReportModel;
import org.prooftrail.client.AccessRecord;
import org.prooftrail.client.ComplianceReason;
import org.prooftrail.client.ComplianceReport;
import org.prooftrail.client.ComplianceScan;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.VerificationRecord;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.fingerprint.Comparison;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.fingerprint.Manifest;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = "Run a short story on a fresh embedded ledger: a hospital registers a consent-requiring dataset;"
                + " a lab's training is refused until it holds a grant and the hospital attests patients' consent;"
                + " the lab verifies its copy, trains and deploys (CLEAR); a patient is erased, the attestation"
                + " turns STALE and the deployment AT_RISK; retraining is refused until the hospital re-attests;"
                + " an altered file is caught by verify and a run on it refused; the hospital revokes the dataset,"
                + " the lab's new deployment is refused as TAINTED, compliance says why and compliance scan lists"
                + " what needs action, and it writes the audit report of that model (HTML and JSON). Then the federated"
                + " part (alone with --federated): three organisations train a model by FedAvg for three rounds,"
                + " recorded round by round; the final model's lineage reaches every member's dataset and one"
                + " patient's consent erasure makes it AT_RISK.")
final class DemoCommand implements Callable<Integer> {
    private static final String HOSPITAL = "HospitalAMSP";
    private static final String LAB = "ResearchMSP";
    private static final String DATASET = "chest-xray-v3";
    private static final String MODEL_V1 = "triage-model-v1";
    private static final String MODEL_V2 = "triage-model-v2";
    private static final String RUN_1 = "run-1";
    private static final String RUN_2 = "run-2";
    private static final String DEPLOYMENT_V1 = "triage-prod";
    private static final String DEPLOYMENT_V2 = "triage-prod-v2";

    @Option(
            names = "--workdir",
            paramLabel = "DIR",
            description = "where to put the demo's data and ledger (default: a new temporary folder)")
    Path workdir;

    @Option(
            names = "--federated",
            description = "run only the federated part (three organisations, three FedAvg rounds; under a minute)")
    boolean federatedOnly;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private int step;

    @Override
    public Integer call() throws IOException {
        out = spec.commandLine().getOut();
        Path root = workdir != null ? Files.createDirectories(workdir) : Files.createTempDirectory("prooftrail-demo");
        Path dataset = writeDataset(root.resolve("chest-xray-v3"));
        Path modelV1 = Files.writeString(root.resolve("triage-model-v1.bin"), "weights of a small triage model\n");
        Path modelV2 = Files.writeString(root.resolve("triage-model-v2.bin"), "weights of the retrained model\n");
        out.println("prooftrail demo: data and ledger in " + root);
        if (federatedOnly) {
            new FederatedDemo(out).run(root, 1);
            return ExitCode.OK;
        }
        try (EmbeddedLedger ledger = EmbeddedLedger.open(root.resolve("ledger-home"))) {
            ProofTrail hospital = ProofTrail.over(ledger.as(HOSPITAL, EnumSet.of(Role.CURATOR, Role.STEWARD)));
            ProofTrail lab = ProofTrail.over(ledger.as(LAB, EnumSet.of(Role.TRAINER, Role.DEPLOYER)));
            Fingerprinter fingerprinter = Fingerprinter.create();
            Instant now = Instant.now();

            Fingerprint data = fingerprinter.fingerprint(dataset);
            say("hospital-a registers its chest X-ray dataset (" + data.leaves()
                    + " files), marked as requiring patients' consent");
            data.manifest().orElseThrow().write(dataset.resolve(Manifest.DEFAULT_FILE_NAME));
            var registered = hospital.register(Registration.builder(DATASET, ArtifactKind.DATASET, data.digest())
                    .merkle(data.root().orElseThrow(), data.leaves())
                    .uri("file:" + dataset)
                    .metadata("modality", "x-ray")
                    .requiresConsent()
                    .build());
            detail("digest " + registered.digest() + ", owner " + registered.owner());

            say("the research lab registers its model and records the training run: refused, no grant");
            lab.register(Registration.builder(
                            MODEL_V1,
                            ArtifactKind.MODEL,
                            fingerprinter.fingerprint(modelV1).digest())
                    .metadata("framework", "pytorch")
                    .build());
            String run1 = run(RUN_1, data.digest(), MODEL_V1);
            refused(() -> lab.recordRun(run1));
            AccessRecord denied = lab.logAccess(DATASET, Purpose.TRAINING, "training " + RUN_1);
            detail("the lab's access is logged on the ledger as " + denied.decision());

            say("hospital-a grants the lab TRAINING access for a year: still refused, no consent attestation");
            hospital.grantAccess(DATASET, LAB, null, EnumSet.of(Purpose.TRAINING), now.plus(Duration.ofDays(365)));
            refused(() -> lab.recordRun(run1));

            say("hospital-a's steward records three patients' consent (pseudonymised in the hospital), attests it");
            Pseudonyms pseudonyms = Pseudonyms.createOrLoad(root.resolve("hospital-a-consent-secret"));
            Digest form = Digest.sha256("signed consent form v2".getBytes(StandardCharsets.UTF_8));
            for (String patient : List.of("patient-0001", "patient-0002", "patient-0003")) {
                hospital.grantConsent(
                        pseudonyms.of(patient),
                        DATASET,
                        EnumSet.of(Purpose.TRAINING, Purpose.EVALUATION),
                        now.plus(Duration.ofDays(730)),
                        form);
            }
            attested(hospital.attestConsent(DATASET, Purpose.TRAINING));
            detail("the patients' identifiers never left the hospital; the channel holds only hashes and the root");

            say("the lab verifies its copy, trains (run 1) and deploys model v1");
            detail("access logged as "
                    + lab.logAccess(DATASET, Purpose.TRAINING, "training " + RUN_1)
                            .decision());
            VerificationRecord verification =
                    lab.recordVerification(DATASET, data.digest(), Purpose.TRAINING, "before run " + RUN_1);
            detail("pre-training verification recorded: match " + verification.matches());
            lab.recordRun(run1);
            detail("run " + RUN_1 + ": " + DATASET + " -> " + MODEL_V1 + " (relying on consent attestation v1)");
            lab.recordDeployment(DEPLOYMENT_V1, MODEL_V1, "production", "https://triage.example/v1");
            compliance(lab, DEPLOYMENT_V1);

            say("patient-0002 withdraws and is erased: the attestation v1 is STALE, the deployment AT_RISK");
            ErasureReceipt receipt =
                    hospital.eraseConsent(pseudonyms.of("patient-0002"), DATASET, "erasure request under GDPR art. 17");
            detail("erasure receipt " + receipt.id() + "; the runs that relied on the consent:");
            out.print(
                    LineageRendering.tree(hospital.downstream(receipt.id(), 8)).indent(3));
            ConsentAttestation stale = lab.consentAttestation(DATASET, Purpose.TRAINING);
            detail("attestation v" + stale.version() + " is " + stale.status() + ": "
                    + stale.staleReason().orElse(null));
            compliance(lab, DEPLOYMENT_V1);

            say("the lab retrains (run 2, model v2): refused on the stale attestation");
            lab.register(Registration.builder(
                            MODEL_V2,
                            ArtifactKind.MODEL,
                            fingerprinter.fingerprint(modelV2).digest())
                    .metadata("framework", "pytorch")
                    .build());
            String run2 = run(RUN_2, data.digest(), MODEL_V2);
            refused(() -> lab.recordRun(run2));

            say("hospital-a re-attests without the erased patient: the retraining is admitted");
            attested(hospital.attestConsent(DATASET, Purpose.TRAINING));
            lab.recordRun(run2);
            detail("run " + RUN_2 + ": " + DATASET + " -> " + MODEL_V2 + " (relying on consent attestation v2)");

            say("someone alters one file of the dataset; the lab's check before the next run catches it");
            Files.writeString(
                    dataset.resolve("labels.csv"),
                    "patient-0007,normal\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Fingerprint altered = fingerprinter.fingerprint(dataset);
            boolean match = lab.recordVerification(DATASET, altered.digest(), Purpose.TRAINING, "before run-3")
                    .matches();
            detail((match ? "OK" : "MISMATCH") + " (recorded on the ledger): registered " + data.digest());
            detail("                                 local      " + altered.digest());
            Comparison.of(Manifest.read(dataset.resolve(Manifest.DEFAULT_FILE_NAME)), altered)
                    .changed()
                    .forEach(file -> detail("changed: " + file));
            refused(() -> lab.recordRun(run("run-3", altered.digest(), MODEL_V2)));

            say("hospital-a revokes the dataset; the lab's deployment of model v2 is refused as TAINTED");
            hospital.setStatus(DATASET, ArtifactStatus.REVOKED, "file altered after registration");
            refused(() -> lab.recordDeployment(DEPLOYMENT_V2, MODEL_V2, "production", "https://triage.example/v2"));

            say("compliance of the first deployment says why it must go");
            compliance(lab, DEPLOYMENT_V1);

            say("compliance scan: what needs action (the command exits 1 while anything does)");
            ComplianceScan scan = lab.complianceScan(LAB, 30);
            for (ComplianceScan.Item i : scan.items()) {
                detail(i.kind().wireName() + " " + i.id() + ": " + i.status() + " -> " + i.action());
            }
            say("the audit report of the final model, " + MODEL_V2 + ", for people (HTML) and scripts (JSON)");
            ReportModel report = LedgerReportReader.read(lab, MODEL_V2, 8, Instant.now());
            Path reportDir = Files.createDirectories(root.resolve("report"));
            Path html = reportDir.resolve(MODEL_V2 + ".html");
            Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
            Files.writeString(
                    reportDir.resolve(MODEL_V2 + ".json"), JsonReport.render(report) + "\n", StandardCharsets.UTF_8);
            detail("compliance " + report.compliance().orElse("UNKNOWN") + ", "
                    + report.nodes().size() + " lineage nodes, " + report.rows().size() + " records");
            detail("written to " + html + " (and .json beside it): open it in a browser");
            out.println();
            out.println("Try it yourself: ./prooftrail --help, or look at the demo's ledger: ./prooftrail compliance "
                    + DEPLOYMENT_V1 + " --home " + root.resolve("ledger-home"));
        }
        out.flush();
        new FederatedDemo(out).run(root, step + 1);
        return ExitCode.OK;
    }

    private static String run(String id, Digest input, String output) {
        return Json.write(Map.of(
                "id", id,
                "inputs", List.of(Map.of("id", DATASET, "digest", input.toString())),
                "parameters", Map.of("epochs", "20", "lr", "0.001"),
                "outputs", List.of(output)));
    }

    private void attested(ConsentAttestation attestation) {
        detail("public attestation v" + attestation.version() + ": " + attestation.count()
                + " consenting subjects, root " + attestation.root());
    }

    private void compliance(ProofTrail proofTrail, String id) {
        ComplianceReport compliance = proofTrail.compliance(id);
        detail("compliance " + id + ": " + compliance.status());
        for (ComplianceReason reason : compliance.reasons()) {
            detail("  " + ComplianceCommand.reasonLine(reason));
        }
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

    private static Path writeDataset(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        for (int i = 1; i <= 6; i++) {
            Files.writeString(
                    dir.resolve("images").resolve(String.format(Locale.ROOT, "patient-%04d.png", i)),
                    "pixels of x-ray " + i + "\n");
        }
        StringBuilder labels = new StringBuilder("patient,label\n");
        for (int i = 1; i <= 6; i++) {
            labels.append(String.format(Locale.ROOT, "patient-%04d,%s%n", i, i % 3 == 0 ? "pneumonia" : "normal"));
        }
        Files.writeString(dir.resolve("labels.csv"), labels.toString());
        Files.writeString(dir.resolve("README.txt"), "Synthetic chest X-ray dataset for the prooftrail demo\n");
        return dir;
    }
}
