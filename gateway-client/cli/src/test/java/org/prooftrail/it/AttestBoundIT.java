package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.consent.ConsentService;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ConsentReceipt;
import org.prooftrail.client.ConsentStatus;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;

/**
 * How long {@code consent:Attest} takes against the number of subjects it counts, on the native network: the
 * owner's steward grants consents (concurrently, one transaction each) up to each size in
 * {@code -Dprooftrail.attest.sizes} (default 1000,3000,6000), attests at each size, and prints the time of the
 * subject listing ({@code consent:Subjects}, paged) and of the Attest submission (endorsement, with the
 * chaincode's point read of every subject, plus ordering and commit). The per-subject cost, extrapolated to the
 * chaincode's maximum ({@link ConsentService#MAX_SUBJECTS}) from the largest size with the steepest slope seen,
 * must leave half the peer's chaincode execute timeout (30 s) unused. First run (2 cores shared with other builds):
 * 931 ms at 1,000, 1,291 ms at 3,000, 2,153 ms at 6,000, so about 25 s at 100,000: the bound was lowered to 25,000;
 * the second run (871, 1,051, 2,385 ms) extrapolated 10.8 s at 25,000. A measurement, so it
 * runs only when {@code -Dprooftrail.attest.bench=true}.
 */
class AttestBoundIT {
    /** ConsentService.MAX_SUBJECTS: the largest list one attestation may count. */
    private static final int MAX_SUBJECTS = ConsentService.MAX_SUBJECTS;

    private static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void attest_at_the_maximum_subject_count_fits_the_execute_timeout_with_margin() throws Exception {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
        Assumptions.assumeTrue(
                Boolean.getBoolean("prooftrail.attest.bench"), "a measurement: -Dprooftrail.attest.bench=true");
        int[] sizes = Arrays.stream(System.getProperty("prooftrail.attest.sizes", "1000,3000,6000")
                        .split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        FabricNetwork network = FabricNetwork.shared();
        network.issueUser("hospital-a", "bench-steward", "steward,curator");
        String run = Long.toString(System.currentTimeMillis(), 36);
        String dataset = "bench-" + run + "-consented";
        Path data = network.folder("bench").resolve("consented.csv");
        Files.writeString(data, "row\n" + run + "\n", UTF_8);
        Pseudonyms pseudonyms =
                Pseudonyms.createOrLoad(network.folder("bench-secret").resolve("secret"));
        Instant expires = Instant.now().plus(Duration.ofDays(30));
        Digest form = Digest.sha256("bench form".getBytes(UTF_8));
        List<String> report = new ArrayList<>();
        double perSubjectMillis = 0;
        try (ProofTrail steward =
                ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "bench-steward")))) {
            Cli.Run register = Cli.run(
                    "register",
                    data.toString(),
                    "--id",
                    dataset,
                    "--kind",
                    "DATASET",
                    "--requires-consent",
                    "--config",
                    network.clientConfig("hospital-a", "bench-steward").toString());
            assertThat(register.exitCode()).as(register.toString()).isZero();
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                int granted = 0;
                long firstMillis = -1;
                int firstSize = 0;
                long lastMillis = -1;
                int lastSize = 0;
                for (int size : sizes) {
                    long grantStart = System.nanoTime();
                    List<Future<ConsentReceipt>> grants = new ArrayList<>();
                    for (int i = granted; i < size; i++) {
                        String identifier = "bench-subject-" + i;
                        grants.add(pool.submit(() -> steward.grantConsent(
                                pseudonyms.of(identifier), dataset, Set.of(Purpose.TRAINING), expires, form)));
                    }
                    for (Future<ConsentReceipt> grant : grants) {
                        assertThat(grant.get().status()).isEqualTo(ConsentStatus.GRANTED);
                    }
                    long grantMillis = (System.nanoTime() - grantStart) / 1_000_000;
                    int newGrants = size - granted;
                    granted = size;

                    long attestStart = System.nanoTime();
                    ConsentAttestation attestation = steward.attestConsent(dataset, Purpose.TRAINING);
                    long attestMillis = (System.nanoTime() - attestStart) / 1_000_000;
                    assertThat(attestation.count()).isEqualTo((long) size);
                    report.add(String.format(
                            "N=%d: attest (list + submit + commit) %d ms; %d grants took %d ms (%.0f tx/s)",
                            size, attestMillis, newGrants, grantMillis, newGrants * 1000.0 / Math.max(1, grantMillis)));
                    if (firstMillis < 0) {
                        firstMillis = attestMillis;
                        firstSize = size;
                    } else {
                        // The steepest step seen so far: the conservative slope.
                        perSubjectMillis =
                                Math.max(perSubjectMillis, (attestMillis - lastMillis) / (double) (size - lastSize));
                    }
                    lastMillis = attestMillis;
                    lastSize = size;
                }
                double extrapolated = sizes.length > 1
                        ? lastMillis + perSubjectMillis * (MAX_SUBJECTS - lastSize)
                        : firstMillis * (MAX_SUBJECTS / (double) firstSize);
                report.add(String.format(
                        "per subject %.3f ms; extrapolated to N=%d: %.0f ms (execute timeout %d ms)",
                        perSubjectMillis, MAX_SUBJECTS, extrapolated, EXECUTE_TIMEOUT.toMillis()));
                report.forEach(line -> System.err.println("[prooftrail bench] consent:Attest " + line));
                assertThat(extrapolated).as(String.join("\n", report)).isLessThan(EXECUTE_TIMEOUT.toMillis() / 2.0);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
