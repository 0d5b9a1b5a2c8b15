package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/** The story every lineage test starts from: hospital-a's dataset, research's code, config and fresh model. */
class LineageContractTest {
    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity deployer = user(RESEARCH, Role.DEPLOYER);
    private final Identity deployerB = user(HOSPITAL_B, Role.DEPLOYER);

    @BeforeEach
    void registerTheStory() {
        ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("train.py", "CODE")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("hparams", "CONFIG")));
        ok(ledger.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
        ok(ledger.submit(
                curatorA,
                "access:Grant",
                Json.of(Json.object(
                        "artifact",
                        "xrays",
                        "grantee",
                        RESEARCH,
                        "purposes",
                        List.of("TRAINING"),
                        "expiresAt",
                        "2027-01-01T00:00:00Z"))));
    }

    private String run(String id, String inputDigest, String... outputs) {
        return Json.of(Json.object(
                "id", id,
                "inputs", List.of(Json.object("id", "xrays", "digest", inputDigest)),
                "code", "train.py",
                "config", "hparams",
                "parameters", Json.object("lr", "0.001", "epochs", "20"),
                "environment", Json.object("image", "pytorch:2.4"),
                "outputs", List.of(outputs)));
    }

    /** Research checks its copy of xrays (so the run's input is verified), then records run-1. */
    private Result recordRun() {
        ok(verify(trainer, "xrays"));
        return ledger.submit(trainer, "lineage:RecordRun", run("run-1", digest("xrays"), "model-v1"));
    }

    private Result verify(Identity who, String id) {
        return ledger.submit(
                who,
                "artifact:RecordVerification",
                Json.of(Json.object("id", id, "digest", digest(id), "purpose", "TRAINING")));
    }

    @Nested
    class RecordRun {
        @Test
        void records_inputs_code_config_and_outputs_with_their_edges() {
            Result result = ok(recordRun());

            assertThat(result.json())
                    .containsEntry("trainer", RESEARCH)
                    .containsEntry("outputs", List.of("model-v1"))
                    .containsEntry("parameters", Map.of("epochs", "20", "lr", "0.001"));
            assertThat(result.writeSet().puts().keySet())
                    .contains(
                            new CompositeKey("consumer", "xrays", "run-1").toString(),
                            new CompositeKey("consumer", "train.py", "run-1").toString(),
                            new CompositeKey("producer", "model-v1", "run-1").toString());
            assertThat(result.writeSet().event().orElseThrow().getEventName()).isEqualTo("RunRecorded");
            assertThat(ledger.evaluate(curatorA, "lineage:GetRun", "run-1").json())
                    .containsEntry("id", "run-1");
        }

        @Test
        void refuses_an_input_whose_digest_differs_from_the_registry() {
            Result result = ledger.submit(trainer, "lineage:RecordRun", run("run-1", digest("altered"), "model-v1"));

            assertThat(result.message())
                    .startsWith("FAILED_PRECONDITION: input xrays was seen with digest " + digest("altered"));
            assertThat(result.writeSet().isEmpty()).isTrue();
        }

        @Test
        void refuses_a_revoked_input() {
            ok(ledger.submit(curatorA, "artifact:SetStatus", "xrays", "REVOKED", "consent withdrawn"));

            assertThat(recordRun().message()).isEqualTo("FAILED_PRECONDITION: input xrays is REVOKED, not ACTIVE");
        }

        @Test
        void refuses_an_unknown_input() {
            Result result = ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id", "run-1",
                            "inputs", List.of(Json.object("id", "ghost", "digest", digest("ghost"))),
                            "outputs", List.of("model-v1"))));

            assertThat(result.message())
                    .isEqualTo("FAILED_PRECONDITION: input ghost is not a registered artifact; register it first");
        }

        @Test
        void refuses_an_output_registered_by_another_organisation() {
            ok(ledger.submit(user(HOSPITAL_B, Role.TRAINER), "artifact:Register", artifact("b-model", "MODEL")));

            Result result = ledger.submit(trainer, "lineage:RecordRun", run("run-1", digest("xrays"), "b-model"));

            assertThat(result.message()).startsWith("PERMISSION_DENIED: output b-model is registered by HospitalBMSP");
        }

        @Test
        void refuses_to_produce_a_model_twice() {
            ok(recordRun());

            Result result = ledger.submit(trainer, "lineage:RecordRun", run("run-2", digest("xrays"), "model-v1"));

            assertThat(result.message())
                    .isEqualTo("FAILED_PRECONDITION: output model-v1 was already produced by run run-1");
        }

        @Test
        void refuses_an_output_that_already_has_derivatives_so_no_cycle_can_form() {
            ok(ledger.submit(
                    trainer, "artifact:Register", artifact("distilled", "MODEL", "parents", List.of("model-v1"))));

            Result result = recordRun();

            assertThat(result.message())
                    .startsWith("FAILED_PRECONDITION: output model-v1 already has artifacts, runs"
                            + " or deployments derived from it");
        }

        @Test
        void refuses_a_code_artifact_of_the_wrong_kind() {
            Result result = ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id",
                            "run-1",
                            "inputs",
                            List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                            "code",
                            "hparams",
                            "outputs",
                            List.of("model-v1"))));

            assertThat(result.message()).isEqualTo("FAILED_PRECONDITION: code hparams is a CONFIG artifact, not CODE");
        }

        @Test
        void is_refused_to_a_curator() {
            Result result = ledger.submit(
                    user(RESEARCH, Role.CURATOR), "lineage:RecordRun", run("run-1", digest("xrays"), "model-v1"));

            assertThat(result.message())
                    .startsWith("PERMISSION_DENIED: recording a training run needs the role trainer");
        }
    }

    @Nested
    class Deployments {
        private String deployment(String id, String model) {
            return Json.of(Json.object(
                    "id", id, "model", model, "environment", "production", "endpoint", "https://triage.example/v1"));
        }

        @Test
        void needs_the_models_training_run_recorded() {
            Result result = ledger.submit(deployer, "lineage:RecordDeployment", deployment("triage-prod", "model-v1"));

            assertThat(result.message()).startsWith("FAILED_PRECONDITION: model model-v1 has no recorded training run");
        }

        @Test
        void needs_every_upstream_model_trained_too() {
            ok(ledger.submit(trainer, "artifact:Register", artifact("base", "MODEL")));
            ok(ledger.submit(trainer, "artifact:Register", artifact("tuned", "MODEL")));
            ok(ledger.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id", "tune",
                            "inputs", List.of(Json.object("id", "base", "digest", digest("base"))),
                            "outputs", List.of("tuned")))));

            Result result = ledger.submit(deployer, "lineage:RecordDeployment", deployment("d", "tuned"));

            assertThat(result.message())
                    .startsWith(
                            "FAILED_PRECONDITION: model base, upstream of tuned, has no" + " recorded training run");
        }

        @Test
        void records_and_retires_by_the_deploying_organisation_only() {
            ok(recordRun());
            Result recorded =
                    ok(ledger.submit(deployer, "lineage:RecordDeployment", deployment("triage-prod", "model-v1")));

            Result byOther = ledger.submit(deployerB, "lineage:RetireDeployment", "triage-prod", "not mine");
            Result retired = ledger.submit(deployer, "lineage:RetireDeployment", "triage-prod", "replaced by v2");
            Result twice = ledger.submit(deployer, "lineage:RetireDeployment", "triage-prod", "again");

            assertThat(recorded.json())
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("modelDigest", digest("model-v1"));
            assertThat(recorded.writeSet().validationParameters())
                    .containsKey(new CompositeKey("deploymentstate", "triage-prod").toString());
            assertThat(byOther.message()).startsWith("PERMISSION_DENIED: only ResearchMSP may retire deployment");
            assertThat(retired.json()).containsEntry("status", "RETIRED");
            assertThat(retired.writeSet().event().orElseThrow().getEventName()).isEqualTo("DeploymentRetired");
            assertThat(twice.message()).startsWith("FAILED_PRECONDITION: deployment triage-prod was already retired");
        }

        @Test
        void refuses_a_dataset() {
            Result result = ledger.submit(deployer, "lineage:RecordDeployment", deployment("d", "xrays"));

            assertThat(result.message())
                    .isEqualTo("FAILED_PRECONDITION: xrays is a DATASET artifact; only a MODEL can be deployed");
        }
    }

    @Nested
    class Graphs {
        @BeforeEach
        void trainAndDeploy() {
            ok(recordRun());
            ok(ledger.submit(
                    deployer,
                    "lineage:RecordDeployment",
                    Json.of(Json.object("id", "triage-prod", "model", "model-v1", "environment", "production"))));
        }

        @Test
        void downstream_of_a_dataset_reaches_the_run_the_model_and_the_deployment() {
            Map<String, Object> graph = ledger.evaluate(curatorA, "lineage:Downstream", "xrays", "5")
                    .json();

            assertThat(keys(graph, "nodes"))
                    .containsExactly("artifact:model-v1", "artifact:xrays", "deployment:triage-prod", "run:run-1");
            assertThat(edges(graph))
                    .containsExactlyInAnyOrder(
                            "artifact:xrays -input-> run:run-1",
                            "run:run-1 -output-> artifact:model-v1",
                            "artifact:model-v1 -deployed-> deployment:triage-prod");
            assertThat(graph).containsEntry("truncated", false).containsEntry("direction", "downstream");
        }

        @Test
        void upstream_of_a_deployment_reaches_data_code_and_config() {
            Map<String, Object> graph = ledger.evaluate(curatorA, "lineage:Upstream", "triage-prod", "")
                    .json();

            assertThat(keys(graph, "nodes"))
                    .containsExactly(
                            "artifact:hparams",
                            "artifact:model-v1",
                            "artifact:train.py",
                            "artifact:xrays",
                            "deployment:triage-prod",
                            "run:run-1");
            assertThat(edges(graph))
                    .contains("artifact:train.py -code-> run:run-1", "artifact:hparams -config-> run:run-1");
        }

        @Test
        void stops_at_the_requested_depth() {
            Map<String, Object> graph = ledger.evaluate(curatorA, "lineage:Downstream", "xrays", "1")
                    .json();

            assertThat(keys(graph, "nodes")).containsExactly("artifact:xrays", "run:run-1");
        }

        @SuppressWarnings("unchecked")
        private List<String> keys(Map<String, Object> graph, String field) {
            return ((List<Map<String, Object>>) graph.get(field))
                    .stream().map(n -> (String) n.get("key")).toList();
        }

        @SuppressWarnings("unchecked")
        private List<String> edges(Map<String, Object> graph) {
            return ((List<Map<String, Object>>) graph.get("edges"))
                    .stream()
                            .map(e -> e.get("from") + " -" + e.get("relation") + "-> " + e.get("to"))
                            .toList();
        }
    }
}
