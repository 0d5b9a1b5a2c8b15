package org.prooftrail.client.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the time to verify a Fabric bundle of 100 records (bench/audit-bundle.sh): 100 transactions in 100 blocks of
 * an in-memory channel ({@link TestChannel}: real protos, P-256 keys, three organisations), each created by one
 * organisation and endorsed by two, plus the config block and the tip: 100 creator and 200 endorser signatures, 100
 * policy evaluations, 102 headers and one orderer signature. Median of {@code PROOFTRAIL_BENCH_RUNS} (default 5).
 */
public final class FabricBundleBenchmark {
    private FabricBundleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("PROOFTRAIL_BENCH_RUNS", "5"));
        TestChannel channel = new TestChannel();
        List<String> orgs = List.of(TestChannel.A, TestChannel.B, TestChannel.R);
        List<BundledRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            TestChannel.Org creator = channel.org(orgs.get(i % 3));
            TestChannel.Org other = channel.org(orgs.get((i + 1) % 3));
            TestChannel.Write write =
                    TestChannel.Write.of(TestChannel.key("artifact", "a" + i), "{\"id\":\"a" + i + "\"}");
            channel.commit(channel.transaction(
                    "tx" + i, creator.client(), List.of(creator.peer(), other.peer()), List.of(write)));
            records.add(TestChannel.record("a" + i, "registration", "tx" + i, i + 1L, write));
        }
        channel.commit(channel.transaction(
                "tip",
                channel.org(TestChannel.A).client(),
                List.of(
                        channel.org(TestChannel.A).peer(),
                        channel.org(TestChannel.B).peer()),
                List.of(TestChannel.Write.of(TestChannel.key("artifact", "tip"), "{}"))));
        ProofBundle bundle = channel.bundle(records);
        String json = bundle.toJson();
        BundleVerification check = BundleVerifier.verify(ProofBundle.fromJson(json), AuditTrust.bundle());
        if (!check.ok()) {
            throw new IllegalStateException("the benchmark bundle does not verify: " + check.failedChecks());
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            BundleVerifier.verify(ProofBundle.fromJson(json), AuditTrust.bundle());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "Fabric-shaped bundle, 100 records in 100 blocks (%,d bytes), median of %d runs:%n"
                        + "  audit verify  %7.1f ms (read + every check)%n",
                json.length(), runs, nanos[runs / 2] / 1e6);
    }
}
