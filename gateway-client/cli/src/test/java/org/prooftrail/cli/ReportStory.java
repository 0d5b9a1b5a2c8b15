package org.prooftrail.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.embedded.EmbeddedLedger;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Role;

/**
 * A small ledger for the report and export tests, written through the library on an embedded ledger: a dataset
 * (with hostile metadata) and training code registered by a lab, a run that trains a model on them, a matching and a
 * mismatching verification of the dataset (hostile note), and the code deprecated with a hostile reason.
 */
final class ReportStory {
    static final String LAB = "ResearchMSP";
    static final String DATASET = "scans";
    static final String CODE = "train-code";
    static final String MODEL = "model-a";
    static final String RUN = "run-a";
    /** Text that would run, link or break a table if a report did not escape it. */
    static final String HOSTILE = "<script>alert(1)</script> | **bold** [x](http://evil.example/x) \"q\" 'a' &amp;";

    static final Digest DATASET_DIGEST = digest("scans v1");
    static final Digest CODE_DIGEST = digest("train.py v1");
    static final Digest MODEL_DIGEST = digest("model-a weights");

    /** The lineage nodes of {@link #MODEL} and the records in them. */
    static final int MODEL_NODES = 4;

    static final int MODEL_RECORDS = 7;

    private ReportStory() {}

    static void write(Path home) {
        try (EmbeddedLedger ledger = EmbeddedLedger.open(home)) {
            ProofTrail lab = ProofTrail.over(
                    ledger.as(LAB, EnumSet.of(Role.CURATOR, Role.TRAINER, Role.DEPLOYER, Role.STEWARD)));
            lab.register(Registration.builder(DATASET, ArtifactKind.DATASET, DATASET_DIGEST)
                    .uri("s3://lab-bucket/scans")
                    .metadata("note", HOSTILE)
                    .build());
            lab.register(Registration.builder(CODE, ArtifactKind.CODE, CODE_DIGEST)
                    .uri("git+https://git.example/lab/train.git")
                    .build());
            lab.register(Registration.builder(MODEL, ArtifactKind.MODEL, MODEL_DIGEST)
                    .build());
            lab.recordVerification(DATASET, DATASET_DIGEST, Purpose.TRAINING, HOSTILE);
            lab.recordRun(Json.write(Map.of(
                    "id", RUN,
                    "inputs", List.of(Map.of("id", DATASET, "digest", DATASET_DIGEST.toString())),
                    "code", CODE,
                    "parameters", Map.of("epochs", "3"),
                    "outputs", List.of(MODEL))));
            lab.recordVerification(DATASET, digest("an altered copy"), Purpose.TRAINING, "second check");
            lab.setStatus(CODE, ArtifactStatus.DEPRECATED, HOSTILE);
        }
    }

    static Digest digest(String text) {
        return Digest.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
