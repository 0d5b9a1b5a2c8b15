package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * Every endorsing peer must produce the same bytes for the same transaction. Two ledgers that start empty and run
 * the same transactions (the harness derives transaction ids and timestamps from a counter, so they are the same
 * too) must write byte-identical write sets and return byte-identical payloads.
 */
class DeterminismTest {
    private static final Identity CURATOR = user(HOSPITAL_A, Role.CURATOR);
    private static final Identity TRAINER = user(RESEARCH, Role.TRAINER);
    private static final Identity DEPLOYER = user(RESEARCH, Role.DEPLOYER);
    private static final Identity AUDITOR = user(RESEARCH, Role.AUDITOR);

    /** What one transaction produced, as bytes. */
    private record Outcome(String function, boolean ok, byte[] writeSet, String payload) {}

    private static List<Outcome> story(ChaincodeHarness ledger) {
        List<Outcome> outcomes = new ArrayList<>();
        run(
                outcomes,
                ledger,
                CURATOR,
                "artifact:Register",
                artifact(
                        "xrays",
                        "DATASET",
                        "size",
                        123456,
                        "uri",
                        "s3://hospital-a/xrays",
                        "metadata",
                        Json.object("site", "north", "modality", "x-ray", "consent", "broad")));
        run(
                outcomes,
                ledger,
                CURATOR,
                "artifact:Register",
                artifact(
                        "xrays-clean",
                        "DATASET",
                        "parents",
                        List.of("xrays"),
                        "merkle",
                        Json.object("root", digest("root"), "leaves", 12),
                        "metadata",
                        Json.object("z", "last", "a", "first")));
        run(outcomes, ledger, CURATOR, "artifact:Register", artifact("xrays-old", "DATASET"));
        run(outcomes, ledger, CURATOR, "artifact:SetStatus", "xrays-old", "DEPRECATED", "superseded by xrays");
        run(outcomes, ledger, TRAINER, "artifact:Register", artifact("train.py", "CODE"));
        run(outcomes, ledger, TRAINER, "artifact:Register", artifact("hparams", "CONFIG"));
        run(outcomes, ledger, TRAINER, "artifact:Register", artifact("model-v1", "MODEL"));
        for (String dataset : List.of("xrays", "xrays-clean")) {
            run(
                    outcomes,
                    ledger,
                    CURATOR,
                    "access:Grant",
                    Json.of(Json.object(
                            "artifact",
                            dataset,
                            "grantee",
                            "ResearchMSP",
                            "purposes",
                            List.of("TRAINING"),
                            "expiresAt",
                            "2027-01-01T00:00:00Z")));
        }
        for (String input : List.of("xrays", "xrays-clean")) {
            run(
                    outcomes,
                    ledger,
                    TRAINER,
                    "artifact:RecordVerification",
                    Json.of(Json.object("id", input, "digest", digest(input), "purpose", "TRAINING")));
        }
        run(
                outcomes,
                ledger,
                TRAINER,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id", "run-1",
                        "inputs",
                                List.of(
                                        Json.object("id", "xrays-clean", "digest", digest("xrays-clean")),
                                        Json.object("id", "xrays", "digest", digest("xrays"))),
                        "code", "train.py",
                        "config", "hparams",
                        "parameters", Json.object("lr", "0.001", "epochs", "20", "batch", "64"),
                        "environment", Json.object("image", "pytorch:2.4", "gpu", "a100"),
                        "outputs", List.of("model-v1"))));
        run(
                outcomes,
                ledger,
                DEPLOYER,
                "lineage:RecordDeployment",
                Json.of(Json.object(
                        "id",
                        "triage-prod",
                        "model",
                        "model-v1",
                        "environment",
                        "production",
                        "endpoint",
                        "https://triage")));
        run(
                outcomes,
                ledger,
                AUDITOR,
                "artifact:RecordVerification",
                Json.of(Json.object(
                        "id", "xrays", "digest", digest("xrays"), "purpose", "AUDIT", "note", "before the audit")));
        run(outcomes, ledger, CURATOR, "artifact:List", Json.of(Json.object("pageSize", 3)));
        run(outcomes, ledger, CURATOR, "artifact:List", Json.of(Json.object("owner", HOSPITAL_A)));
        run(outcomes, ledger, CURATOR, "artifact:History", "xrays-old");
        run(outcomes, ledger, CURATOR, "lineage:Downstream", "xrays", "8");
        run(outcomes, ledger, CURATOR, "lineage:Upstream", "triage-prod", "8");
        run(outcomes, ledger, CURATOR, "artifact:SetStatus", "xrays", "DEPRECATED", "superseded by xrays-clean");
        run(outcomes, ledger, CURATOR, "lineage:Compliance", "triage-prod");
        run(outcomes, ledger, CURATOR, "lineage:ComplianceScan", Json.of(Json.object("withinDays", 400)));
        run(outcomes, ledger, CURATOR, "artifact:Verifications", "xrays");
        run(
                outcomes,
                ledger,
                TRAINER,
                "access:Log",
                Json.of(Json.object("artifact", "xrays", "purpose", "TRAINING", "note", "epoch 12 of 20")));
        run(outcomes, ledger, AUDITOR, "access:Logs", Json.of(Json.object("org", "ResearchMSP", "pageSize", 5)));
        return outcomes;
    }

    private static void run(
            List<Outcome> outcomes, ChaincodeHarness ledger, Identity caller, String function, String... args) {
        Result result = ledger.submit(caller, function, args);
        assertThat(result.ok()).as(function + " " + result).isTrue();
        outcomes.add(new Outcome(function, result.ok(), result.writeSet().toBytes(), result.payload()));
    }

    @Nested
    class TwoPeers {
        @Test
        void write_byte_identical_write_sets_and_return_byte_identical_payloads() {
            List<Outcome> first = story(new ChaincodeHarness());
            List<Outcome> second = story(new ChaincodeHarness());

            assertThat(second).hasSameSizeAs(first);
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.get(i).writeSet())
                        .as("write set of " + first.get(i).function())
                        .isEqualTo(first.get(i).writeSet());
                assertThat(second.get(i).payload())
                        .as("payload of " + first.get(i).function())
                        .isEqualTo(first.get(i).payload());
            }
        }

        @Test
        void write_something_for_every_submit_so_the_comparison_means_something() {
            List<Outcome> outcomes = story(new ChaincodeHarness());

            assertThat(outcomes.subList(0, 10))
                    .allSatisfy(o -> assertThat(o.writeSet()).isNotEmpty());
            assertThat(outcomes.get(0).payload()).contains("\"metadata\":{\"consent\":\"broad\",\"modality\"");
        }
    }

    /**
     * A peer whose JVM runs under a locale with other digits (or Turkish casing) must still write what every other
     * peer writes: keys hold formatted times and JSON holds numbers.
     */
    @Nested
    class UnderAnotherDefaultLocale {
        @ParameterizedTest
        @ValueSource(strings = {"ar", "th-TH-u-nu-thai", "hi-IN-u-nu-deva", "tr-TR"})
        void write_byte_identical_write_sets_and_payloads(String tag) {
            List<Outcome> expected = story(new ChaincodeHarness());
            Locale original = Locale.getDefault();
            Locale originalFormat = Locale.getDefault(Locale.Category.FORMAT);
            List<Outcome> actual;
            try {
                Locale.setDefault(Locale.forLanguageTag(tag));
                assertThat(String.format("%d", 17) + "I".toLowerCase())
                        .as("the locale changes default formatting or casing")
                        .isNotEqualTo("17i");
                actual = story(new ChaincodeHarness());
            } finally {
                Locale.setDefault(original);
                Locale.setDefault(Locale.Category.FORMAT, originalFormat);
            }

            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).writeSet())
                        .as("write set of " + expected.get(i).function() + " under " + tag)
                        .isEqualTo(expected.get(i).writeSet());
                assertThat(actual.get(i).payload())
                        .as("payload of " + expected.get(i).function() + " under " + tag)
                        .isEqualTo(expected.get(i).payload());
            }
        }
    }

    @Nested
    class MetadataKeyOrder {
        private final String inOrder = "{\"id\":\"xrays\",\"kind\":\"DATASET\",\"digest\":\"" + digest("xrays")
                + "\",\"metadata\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}}";
        private final String reversed = "{\"metadata\":{\"c\":\"3\",\"b\":\"2\",\"a\":\"1\"},\"digest\":\""
                + digest("xrays") + "\",\"kind\":\"DATASET\",\"id\":\"xrays\"}";

        @Test
        void does_not_change_the_bytes_written_or_returned() {
            Result first = new ChaincodeHarness().submit(CURATOR, "artifact:Register", inOrder);
            Result second = new ChaincodeHarness().submit(CURATOR, "artifact:Register", reversed);

            assertThat(first.ok()).as(first.toString()).isTrue();
            assertThat(second.writeSet().toBytes()).isEqualTo(first.writeSet().toBytes());
            assertThat(second.writeSet()).isEqualTo(first.writeSet());
            assertThat(second.payload()).isEqualTo(first.payload()).contains("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
        }

        @Test
        void of_run_parameters_does_not_change_the_bytes_either() {
            ChaincodeHarness one = storyUpToTraining();
            ChaincodeHarness two = storyUpToTraining();
            String base = "\"id\":\"run-1\",\"inputs\":[{\"id\":\"xrays\",\"digest\":\"" + digest("xrays")
                    + "\"}],\"outputs\":[\"model-v1\"]";

            Result first = one.submit(
                    TRAINER, "lineage:RecordRun", "{" + base + ",\"parameters\":{\"lr\":\"0.1\",\"epochs\":\"3\"}}");
            Result second = two.submit(
                    TRAINER, "lineage:RecordRun", "{\"parameters\":{\"epochs\":\"3\",\"lr\":\"0.1\"}," + base + "}");

            assertThat(first.ok()).as(first.toString()).isTrue();
            assertThat(second.writeSet()).isEqualTo(first.writeSet());
            assertThat(second.payload()).isEqualTo(first.payload());
        }

        private ChaincodeHarness storyUpToTraining() {
            ChaincodeHarness ledger = new ChaincodeHarness();
            assertThat(ledger.submit(CURATOR, "artifact:Register", artifact("xrays", "DATASET"))
                            .ok())
                    .isTrue();
            assertThat(ledger.submit(TRAINER, "artifact:Register", artifact("model-v1", "MODEL"))
                            .ok())
                    .isTrue();
            assertThat(ledger.submit(
                                    CURATOR,
                                    "access:Grant",
                                    Json.of(Json.object(
                                            "artifact",
                                            "xrays",
                                            "grantee",
                                            "ResearchMSP",
                                            "purposes",
                                            List.of("TRAINING"),
                                            "expiresAt",
                                            "2027-01-01T00:00:00Z")))
                            .ok())
                    .isTrue();
            return ledger;
        }
    }
}
