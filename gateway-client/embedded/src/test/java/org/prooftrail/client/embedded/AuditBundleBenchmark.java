package org.prooftrail.client.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.client.ArtifactRecord;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Registration;
import org.prooftrail.client.audit.BundleVerification;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * Prints the time to bundle and to verify a 100-record lineage on the embedded ledger (bench/audit-bundle.sh): 48
 * datasets, a verification of each, the training code, the model, the run and the deployment. Figures only; no
 * assertion. Median of {@code PROOFTRAIL_BENCH_RUNS} (default 5) runs after one warm-up.
 */
public final class AuditBundleBenchmark {
    private AuditBundleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("PROOFTRAIL_BENCH_RUNS", "5"));
        Path home = Files.createTempDirectory("prooftrail-audit-bench");
        try (EmbeddedLedger ledger = EmbeddedLedger.open(home);
                ProofTrail proofTrail = ProofTrail.over(ledger)) {
            List<Map<String, String>> inputs = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                ArtifactRecord dataset = register(proofTrail, "dataset-" + i, ArtifactKind.DATASET);
                proofTrail.recordVerification(dataset.id(), dataset.digest(), Purpose.TRAINING, "before training");
                inputs.add(Map.of("id", dataset.id(), "digest", dataset.digest().toString()));
            }
            register(proofTrail, "train-code", ArtifactKind.CODE);
            register(proofTrail, "model", ArtifactKind.MODEL);
            Map<String, Object> run = new TreeMap<>();
            run.put("id", "run-1");
            run.put("inputs", inputs);
            run.put("code", "train-code");
            run.put("outputs", List.of("model"));
            proofTrail.recordRun(Json.write(run));
            proofTrail.recordDeployment("prod", "model", "production", null, "benchmark");

            EmbeddedBundle bundle = EmbeddedBundles.collect(proofTrail, ledger, "prod", 8);
            String json = bundle.toJson();
            BundleVerification check = EmbeddedBundles.verify(json, null);
            if (!check.ok() || check.records().size() != 100) {
                throw new IllegalStateException("expected 100 verified records, got "
                        + check.records().size() + " ok=" + check.ok() + " " + check.failedChecks());
            }
            long[] bundleNanos = new long[runs];
            long[] verifyNanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                json = EmbeddedBundles.collect(proofTrail, ledger, "prod", 8).toJson();
                bundleNanos[i] = System.nanoTime() - start;
                start = System.nanoTime();
                EmbeddedBundles.verify(json, null);
                verifyNanos[i] = System.nanoTime() - start;
            }
            System.out.printf(
                    "embedded ledger, 100-record lineage (%d log records, bundle %,d bytes), median of %d runs:%n"
                            + "  audit bundle  %7.1f ms%n  audit verify  %7.1f ms%n",
                    bundle.log().size(), json.length(), runs, median(bundleNanos) / 1e6, median(verifyNanos) / 1e6);
        }
    }

    private static ArtifactRecord register(ProofTrail proofTrail, String id, ArtifactKind kind) {
        Digest digest = Digest.sha256(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return proofTrail.register(Registration.builder(id, kind, digest).build());
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
