package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_B;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.plain;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.transientOf;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.withRoleAttribute;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * Every kind of bad input is refused with a coded message that names what is wrong, never the shim's opaque
 * "Unexpected error" or a stack trace, and nothing is written. Each case starts from the same small ledger:
 * hospital-a's datasets {@code xrays}, {@code shards} (with a Merkle root of 4 leaves) and the revoked
 * {@code tainted}; research's {@code train.py} (CODE), {@code hparams} (CONFIG) and {@code model-v1} (MODEL).
 */
class BadInputTest {
    private static final Identity CURATOR_A = user(HOSPITAL_A, Role.CURATOR);
    private static final Identity CURATOR_B = user(HOSPITAL_B, Role.CURATOR);
    private static final Identity TRAINER = user(RESEARCH, Role.TRAINER);
    private static final Identity DEPLOYER = user(RESEARCH, Role.DEPLOYER);
    private static final Identity AUDITOR = user(HOSPITAL_B, Role.AUDITOR);
    private static final Identity NO_ROLE = plain(HOSPITAL_A, "client");
    private static final Identity SUPERUSER = withRoleAttribute(HOSPITAL_A, "superuser");
    private static final Identity STEWARD_A = user(HOSPITAL_A, Role.STEWARD);
    private static final Identity STEWARD_B = user(HOSPITAL_B, Role.STEWARD);
    private static final String SUBJECT = "5f".repeat(32);

    private static final String INVALID = "INVALID_ARGUMENT";
    private static final String NOT_FOUND = "NOT_FOUND";
    private static final String EXISTS = "ALREADY_EXISTS";
    private static final String DENIED = "PERMISSION_DENIED";
    private static final String PRECONDITION = "FAILED_PRECONDITION";

    private final ChaincodeHarness ledger = new ChaincodeHarness();

    @BeforeEach
    void registerTheLedger() {
        ok(ledger.submit(CURATOR_A, "artifact:Register", artifact("xrays", "DATASET")));
        ok(ledger.submit(
                CURATOR_A,
                "artifact:Register",
                artifact("shards", "DATASET", "merkle", Json.object("root", digest("root"), "leaves", 4))));
        ok(ledger.submit(CURATOR_A, "artifact:Register", artifact("tainted", "DATASET")));
        ok(ledger.submit(CURATOR_A, "artifact:SetStatus", "tainted", "REVOKED", "consent withdrawn"));
        ok(ledger.submit(TRAINER, "artifact:Register", artifact("train.py", "CODE")));
        ok(ledger.submit(TRAINER, "artifact:Register", artifact("hparams", "CONFIG")));
        ok(ledger.submit(TRAINER, "artifact:Register", artifact("model-v1", "MODEL")));
        ok(ledger.submit(
                CURATOR_A,
                "access:Grant",
                Json.of(Json.object(
                        "artifact",
                        "xrays",
                        "grantee",
                        "ResearchMSP",
                        "purposes",
                        List.of("TRAINING"),
                        "expiresAt",
                        "2027-01-01T00:00:00Z"))));
    }

    private static void ok(Result result) {
        assertThat(result.ok()).as(result.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void is_refused_with_a_coded_actionable_message_and_nothing_written(
            String description,
            Identity caller,
            String function,
            List<String> args,
            String code,
            String fragment,
            Map<String, byte[]> transientMap) {
        Result result = ledger.evaluate(caller, transientMap, function, args.toArray(String[]::new));

        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.message())
                .as(description)
                .startsWith(code + ": ")
                .contains(fragment)
                .doesNotContain("Unexpected error")
                .doesNotContain("at org.")
                .doesNotContain("Exception");
        assertThat(result.writeSet().isEmpty())
                .as("write set of " + description)
                .isTrue();
    }

    static Stream<Arguments> badInputs() {
        List<Arguments> rows = new ArrayList<>();

        // malformed JSON
        rows.add(register(
                "truncated JSON", "{\"id\":\"new\",\"kind\":\"DATASET\"", INVALID, "artifact is not valid JSON"));
        rows.add(register("an array instead of an object", "[\"new\"]", INVALID, "artifact must be a JSON object"));
        rows.add(register("a number instead of an object", "42", INVALID, "artifact must be a JSON object"));
        rows.add(register("a string instead of an object", "\"new\"", INVALID, "artifact must be a JSON object"));
        rows.add(register("an empty string", "", INVALID, "artifact is required: a JSON object"));
        rows.add(register("blank text", "   ", INVALID, "artifact is required: a JSON object"));
        rows.add(register(
                "trailing garbage after the object",
                Json.of(newArtifact()) + " garbage",
                INVALID,
                "artifact is not valid JSON"));
        rows.add(register(
                "two objects one after the other",
                Json.of(newArtifact()) + Json.of(newArtifact()),
                INVALID,
                "artifact is not valid JSON"));
        rows.add(register(
                "an argument larger than 64 KiB",
                Json.of(with("uri", "s3://" + "x".repeat(70_000))),
                INVALID,
                "artifact is larger than 65536 bytes"));

        // required fields
        rows.add(register("a missing id", Json.of(without("id")), INVALID, "artifact.id is required"));
        rows.add(register("a missing kind", Json.of(without("kind")), INVALID, "artifact.kind is required"));
        rows.add(register("a missing digest", Json.of(without("digest")), INVALID, "artifact.digest is required"));
        rows.add(register("an id that is a number", Json.of(with("id", 7)), INVALID, "artifact.id must be a string"));

        // kind
        rows.add(register(
                "an unknown kind", Json.of(with("kind", "WEIGHTS")), INVALID, "artifact.kind must be one of DATASET"));
        rows.add(register(
                "a lower-case kind",
                Json.of(with("kind", "dataset")),
                INVALID,
                "artifact.kind must be one of DATASET"));

        // digests
        String hex = digest("new").substring("sha256:".length());
        rows.add(register(
                "an upper-case hex digest",
                Json.of(with("digest", "sha256:" + hex.toUpperCase(java.util.Locale.ROOT))),
                INVALID,
                "artifact.digest must be sha256: followed by 64 lowercase hex digits"));
        rows.add(register(
                "a digest of 63 hex digits",
                Json.of(with("digest", "sha256:" + hex.substring(1))),
                INVALID,
                "artifact.digest must be sha256:"));
        rows.add(register(
                "a digest without its prefix",
                Json.of(with("digest", hex)),
                INVALID,
                "artifact.digest must be sha256:"));
        rows.add(register(
                "an md5 digest",
                Json.of(with("digest", "md5:" + hex.substring(0, 32))),
                INVALID,
                "artifact.digest must be sha256:"));

        // ids
        rows.add(register(
                "an id with a control character",
                Json.of(with("id", "chest\u0001xray")),
                INVALID,
                "artifact.id 'chest\\u0001xray' must start with a letter or digit"));
        rows.add(register(
                "an id with NUL", Json.of(with("id", "chest\u0000xray")), INVALID, "artifact.id 'chest\\u0000xray'"));
        rows.add(register(
                "an id with a space", Json.of(with("id", "chest xray")), INVALID, "artifact.id 'chest xray' must"));
        rows.add(register(
                "an id of 129 characters",
                Json.of(with("id", "a".repeat(129))),
                INVALID,
                "artifact.id is longer than 128 characters"));
        rows.add(register(
                "an id starting with '-'",
                Json.of(with("id", "-chest")),
                INVALID,
                "artifact.id '-chest' must start with a letter or digit"));
        rows.add(row(
                "Get of an id with a tab",
                CURATOR_A,
                "artifact:Get",
                List.of("x\tray"),
                INVALID,
                "id 'x\\u0009ray' must start"));

        // size, uri, merkle
        rows.add(register("a negative size", Json.of(with("size", -1)), INVALID, "artifact.size must not be negative"));
        rows.add(register(
                "a size that is not a number",
                Json.of(with("size", "1 GB")),
                INVALID,
                "artifact.size must be a whole number"));
        rows.add(register(
                "a fractional size", Json.of(with("size", 1.5)), INVALID, "artifact.size must be a whole number"));
        rows.add(register(
                "a uri with whitespace",
                Json.of(with("uri", "s3://bucket/chest xray")),
                INVALID,
                "artifact.uri must not contain whitespace"));
        rows.add(register(
                "a merkle without root",
                Json.of(with("merkle", Json.object("leaves", 4))),
                INVALID,
                "artifact.merkle.root is required"));
        rows.add(register(
                "a merkle of 0 leaves",
                Json.of(with("merkle", Json.object("root", digest("root"), "leaves", 0))),
                INVALID,
                "artifact.merkle.leaves must be between 1 and"));
        rows.add(register(
                "a merkle whose leaves are a string",
                Json.of(with("merkle", Json.object("root", digest("root"), "leaves", "four"))),
                INVALID,
                "artifact.merkle.leaves must be a whole number"));
        rows.add(register(
                "a merkle that is not an object",
                Json.of(with("merkle", digest("root"))),
                INVALID,
                "artifact.merkle must be a JSON object"));

        // unknown fields
        rows.add(register(
                "a misspelt field (digets)",
                Json.of(with("digets", digest("new"))),
                INVALID,
                "artifact has an unknown field 'digets'"));
        rows.add(register(
                "a misspelt field inside merkle",
                Json.of(with("merkle", Json.object("root", digest("root"), "leaves", 4, "leafs", 4))),
                INVALID,
                "artifact.merkle has an unknown field 'leafs'"));

        // parents
        rows.add(register(
                "parents that are not a list",
                Json.of(with("parents", "xrays")),
                INVALID,
                "artifact.parents must be a JSON array"));
        rows.add(register(
                "a parent that is not a string",
                Json.of(with("parents", List.of(1))),
                INVALID,
                "artifact.parents[0] must be a string"));
        rows.add(register(
                "a consentFrom field (the chaincode derives it from the parents)",
                Json.of(with("consentFrom", List.of())),
                INVALID,
                "artifact has an unknown field 'consentFrom'"));
        rows.add(row(
                "Register derived from another organisation's artifact without a DERIVE grant",
                TRAINER,
                "artifact:Register",
                List.of(Json.of(with("parents", List.of("xrays")))),
                PRECONDITION,
                "ResearchMSP holds no active DERIVE grant on HospitalAMSP's dataset xrays"));
        rows.add(row(
                "Register of another organisation's registered digest under a new id",
                TRAINER,
                "artifact:Register",
                List.of(Json.of(with("digest", digest("xrays")))),
                PRECONDITION,
                "is already registered as xrays by HospitalAMSP"));
        rows.add(register(
                "an unknown parent",
                Json.of(with("parents", List.of("ghost"))),
                NOT_FOUND,
                "parent artifact ghost of new does not exist"));
        rows.add(register(
                "a revoked parent",
                Json.of(with("parents", List.of("tainted"))),
                PRECONDITION,
                "parent artifact tainted of new is REVOKED"));
        rows.add(register(
                "an artifact naming itself as parent",
                Json.of(with("parents", List.of("new"))),
                INVALID,
                "artifact new cannot be its own parent"));
        rows.add(register(
                "a parent named twice",
                Json.of(with("parents", List.of("xrays", "xrays"))),
                INVALID,
                "artifact.parents names xrays twice"));

        // metadata
        Map<String, Object> many = new LinkedHashMap<>();
        IntStream.range(0, 33).forEach(i -> many.put("k" + i, "v"));
        rows.add(register(
                "metadata with 33 entries",
                Json.of(with("metadata", many)),
                INVALID,
                "artifact.metadata has 33 entries, at most 32"));
        rows.add(register(
                "a metadata value of 1025 characters",
                Json.of(with("metadata", Json.object("note", "n".repeat(1025)))),
                INVALID,
                "artifact.metadata.note is longer than 1024 characters"));
        rows.add(register(
                "a metadata key with a space",
                Json.of(with("metadata", Json.object("body part", "chest"))),
                INVALID,
                "artifact.metadata key 'body part'"));
        rows.add(register(
                "a metadata value that is a number",
                Json.of(with("metadata", Json.object("subjects", 1200))),
                INVALID,
                "artifact.metadata.subjects must be a string"));
        rows.add(register(
                "metadata that is a list",
                Json.of(with("metadata", List.of("a"))),
                INVALID,
                "artifact.metadata must be a JSON object of strings"));

        // registration conflicts and roles
        rows.add(row(
                "a second registration with a different digest",
                CURATOR_A,
                "artifact:Register",
                List.of(Json.of(Json.object("id", "xrays", "kind", "DATASET", "digest", digest("altered")))),
                EXISTS,
                "artifact xrays is already registered with digest " + digest("xrays")));
        rows.add(row(
                "registering without a prooftrail.role",
                NO_ROLE,
                "artifact:Register",
                List.of(Json.of(newArtifact())),
                DENIED,
                "registering an artifact needs the role curator, trainer"));
        rows.add(row(
                "a certificate with an unknown role",
                SUPERUSER,
                "artifact:Register",
                List.of(Json.of(newArtifact())),
                DENIED,
                "names superuser, which is not a prooftrail role"));
        rows.add(row(
                "an auditor registering",
                AUDITOR,
                "artifact:Register",
                List.of(Json.of(newArtifact())),
                DENIED,
                "registering an artifact needs the role curator, trainer"));

        // arity and routing
        rows.add(row(
                "Register with JSON nested 30,000 levels deep",
                CURATOR_A,
                "artifact:Register",
                List.of("[".repeat(30_000) + "]".repeat(30_000)),
                INVALID,
                "is not valid JSON: nested deeper than 64 levels at position 64"));
        rows.add(row(
                "List with a query nested 65 levels deep inside a string-free object",
                CURATOR_A,
                "artifact:List",
                List.of("{\"a\":".repeat(65) + "1" + "}".repeat(65)),
                INVALID,
                "nested deeper than 64 levels"));
        rows.add(row(
                "Grant consent with a transient entry nested 10,000 levels deep",
                STEWARD_A,
                "consent:Grant",
                List.of(),
                INVALID,
                "transient consent is not valid JSON: nested deeper than 64 levels",
                Map.of("consent", ("{\"s\":".repeat(10_000)).getBytes(StandardCharsets.UTF_8))));
        rows.add(row("Get without arguments", CURATOR_A, "artifact:Get", List.of(), INVALID, "artifact:Get takes 1"));
        rows.add(row(
                "Verify with one argument",
                CURATOR_A,
                "artifact:Verify",
                List.of("xrays"),
                INVALID,
                "artifact:Verify takes 2 arguments, not 1"));
        rows.add(row(
                "SetStatus with four arguments",
                CURATOR_A,
                "artifact:SetStatus",
                List.of("xrays", "REVOKED", "tainted", "extra"),
                INVALID,
                "artifact:SetStatus takes 3 arguments, not 4"));
        rows.add(row(
                "an unknown function",
                CURATOR_A,
                "artifact:Delete",
                List.of("xrays"),
                INVALID,
                "artifact:Delete is not a function of the artifact contract"));
        rows.add(row("Get of an unknown id", CURATOR_A, "artifact:Get", List.of("ghost"), NOT_FOUND, "artifact ghost"));
        rows.add(row(
                "Verify with a bad digest",
                CURATOR_A,
                "artifact:Verify",
                List.of("xrays", "sha1:abc"),
                INVALID,
                "digest must be sha256:"));

        // SetStatus
        rows.add(setStatus("SetStatus to ACTIVE", CURATOR_A, "xrays", "ACTIVE", "x", INVALID, "never returns to"));
        rows.add(setStatus(
                "SetStatus to DELETED",
                CURATOR_A,
                "xrays",
                "DELETED",
                "x",
                INVALID,
                "status must be one of ACTIVE, DEPRECATED, REVOKED, not 'DELETED'"));
        rows.add(setStatus("SetStatus with an empty reason", CURATOR_A, "xrays", "REVOKED", "", INVALID, "reason"));
        rows.add(setStatus(
                "SetStatus by another organisation",
                CURATOR_B,
                "xrays",
                "REVOKED",
                "x",
                DENIED,
                "only HospitalAMSP may change the status of xrays"));
        rows.add(setStatus(
                "SetStatus on an unknown id",
                CURATOR_A,
                "ghost",
                "REVOKED",
                "x",
                NOT_FOUND,
                "artifact ghost does not exist"));
        rows.add(setStatus(
                "SetStatus from REVOKED to DEPRECATED",
                CURATOR_A,
                "tainted",
                "DEPRECATED",
                "x",
                PRECONDITION,
                "artifact tainted is REVOKED and cannot become DEPRECATED"));

        // List
        rows.add(list("List with pageSize 0", Json.object("pageSize", 0), "query.pageSize must be between 1 and 500"));
        rows.add(list(
                "List with pageSize 501", Json.object("pageSize", 501), "query.pageSize must be between 1 and 500"));
        rows.add(list("List with pageSize \"ten\"", Json.object("pageSize", "ten"), "query.pageSize must be a whole"));
        rows.add(list(
                "List with kind \"dataset\"", Json.object("kind", "dataset"), "query.kind must be one of DATASET"));
        rows.add(list(
                "List with a bookmark that is not base64url",
                Json.object("bookmark", "not a bookmark!"),
                "bookmark is not one that a previous page returned"));
        rows.add(list(
                "List with another query's bookmark",
                Json.object(
                        "kind",
                        "MODEL",
                        "bookmark",
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString("\u0000artifact\u0000xrays\u0000".getBytes(StandardCharsets.UTF_8))),
                "bookmark belongs to a different query"));
        rows.add(list("List with an unknown filter", Json.object("status", "ACTIVE"), "unknown field 'status'"));

        // Upstream and Downstream
        for (String depth : List.of("0", "33", "-1")) {
            rows.add(row(
                    "Upstream with depth " + depth,
                    CURATOR_A,
                    "lineage:Upstream",
                    List.of("xrays", depth),
                    INVALID,
                    "depth must be from 1 to 32, not " + depth));
        }
        rows.add(row(
                "Upstream with depth \"two\"",
                CURATOR_A,
                "lineage:Upstream",
                List.of("xrays", "two"),
                INVALID,
                "depth must be a whole number from 1 to 32, not 'two'"));
        rows.add(row(
                "Downstream with depth 33",
                CURATOR_A,
                "lineage:Downstream",
                List.of("xrays", "33"),
                INVALID,
                "depth must be from 1 to 32"));
        rows.add(row(
                "Downstream with depth \"two\"",
                CURATOR_A,
                "lineage:Downstream",
                List.of("xrays", "two"),
                INVALID,
                "depth must be a whole number"));
        rows.add(row(
                "Upstream of an unknown id",
                CURATOR_A,
                "lineage:Upstream",
                List.of("ghost", "3"),
                NOT_FOUND,
                "(attestation:DATASET:PURPOSE) or erasure receipt (erasure:DATASET:TXID) ghost exists"));

        // RecordRun
        Map<String, Object> input = Json.object("id", "xrays", "digest", digest("xrays"));
        rows.add(recordRun("RecordRun with no inputs", run(List.of(), List.of("model-v1")), INVALID, "run.inputs"));
        rows.add(recordRun("RecordRun with no outputs", run(List.of(input), List.of()), INVALID, "run.outputs"));
        rows.add(recordRun(
                "RecordRun whose output is an input",
                run(List.of(input), List.of("xrays")),
                INVALID,
                "run.outputs names xrays, which the run also consumes"));
        rows.add(recordRun(
                "RecordRun with a duplicate input",
                run(List.of(input, input), List.of("model-v1")),
                INVALID,
                "run.inputs names xrays twice"));
        rows.add(recordRun(
                "RecordRun with an unknown input",
                run(List.of(Json.object("id", "ghost", "digest", digest("ghost"))), List.of("model-v1")),
                PRECONDITION,
                "input ghost is not a registered artifact"));
        rows.add(recordRun(
                "RecordRun with a digest mismatch",
                run(List.of(Json.object("id", "xrays", "digest", digest("altered"))), List.of("model-v1")),
                PRECONDITION,
                "input xrays was seen with digest " + digest("altered")));
        rows.add(recordRun(
                "RecordRun with an input without digest",
                run(List.of(Json.object("id", "xrays")), List.of("model-v1")),
                INVALID,
                "run.inputs[0].digest is required"));
        rows.add(recordRun(
                "RecordRun whose code is a dataset",
                Json.of(Json.object(
                        "id", "run-1", "inputs", List.of(input), "code", "shards", "outputs", List.of("model-v1"))),
                PRECONDITION,
                "code shards is a DATASET artifact, not CODE"));
        rows.add(row(
                "RecordRun by a curator",
                CURATOR_A,
                "lineage:RecordRun",
                List.of(run(List.of(input), List.of("model-v1"))),
                DENIED,
                "recording a training run needs the role trainer"));

        // deployments
        rows.add(row(
                "RecordDeployment of a dataset",
                DEPLOYER,
                "lineage:RecordDeployment",
                List.of(Json.of(Json.object("id", "dep-1", "model", "xrays", "environment", "production"))),
                PRECONDITION,
                "xrays is a DATASET artifact; only a MODEL can be deployed"));
        rows.add(row(
                "RecordDeployment of a model without a recorded run",
                DEPLOYER,
                "lineage:RecordDeployment",
                List.of(Json.of(Json.object("id", "dep-1", "model", "model-v1", "environment", "production"))),
                PRECONDITION,
                "model model-v1 has no recorded training run"));
        rows.add(row(
                "RecordDeployment without environment",
                DEPLOYER,
                "lineage:RecordDeployment",
                List.of(Json.of(Json.object("id", "dep-1", "model", "model-v1"))),
                INVALID,
                "deployment.environment is required"));
        rows.add(row(
                "RetireDeployment of an unknown id",
                DEPLOYER,
                "lineage:RetireDeployment",
                List.of("ghost", "replaced"),
                NOT_FOUND,
                "deployment ghost does not exist"));
        rows.add(row(
                "GetRun of an unknown id",
                CURATOR_A,
                "lineage:GetRun",
                List.of("ghost"),
                NOT_FOUND,
                "run ghost does not exist"));

        // the deployment gate's input
        Map<String, Object> deployment = Json.object("id", "dep-1", "model", "model-v1", "environment", "production");
        for (Object[] bad : new Object[][] {
            {"an empty acceptRisk", "", "deployment.acceptRisk must state why the risk is accepted"},
            {"a blank acceptRisk", "   ", "deployment.acceptRisk must state why the risk is accepted"},
            {"a numeric acceptRisk", 42, "deployment.acceptRisk must be a string"},
            {"a boolean acceptRisk", true, "deployment.acceptRisk must be a string"},
            {"an acceptRisk with a control character", "ok\u0001", "deployment.acceptRisk contains a control character"
            },
            {"an acceptRisk longer than 1024 characters", "x".repeat(1025), "deployment.acceptRisk is longer than 1024"}
        }) {
            Map<String, Object> json = new LinkedHashMap<>(deployment);
            json.put("acceptRisk", bad[1]);
            rows.add(row(
                    "RecordDeployment with " + bad[0],
                    DEPLOYER,
                    "lineage:RecordDeployment",
                    List.of(Json.of(json)),
                    INVALID,
                    (String) bad[2]));
        }
        Map<String, Object> misspelt = new LinkedHashMap<>(deployment);
        misspelt.put("acceptedRisk", "typo");
        rows.add(row(
                "RecordDeployment with a misspelt acceptRisk",
                DEPLOYER,
                "lineage:RecordDeployment",
                List.of(Json.of(misspelt)),
                INVALID,
                "deployment has an unknown field 'acceptedRisk'"));
        for (String reserved : List.of("attestation:x:TRAINING", "erasure:x:tx", "run:x", "deployment:x")) {
            Map<String, Object> json = new LinkedHashMap<>(deployment);
            json.put("id", reserved);
            rows.add(row(
                    "RecordDeployment with the reserved id " + reserved,
                    DEPLOYER,
                    "lineage:RecordDeployment",
                    List.of(Json.of(json)),
                    INVALID,
                    "deployment.id '" + reserved + "' starts with"));
            rows.add(register(
                    "the reserved id " + reserved,
                    Json.of(Json.object("id", reserved, "kind", "DATASET", "digest", digest("new"))),
                    INVALID,
                    "artifact.id '" + reserved + "' starts with"));
            rows.add(recordRun(
                    "RecordRun with the reserved id " + reserved,
                    Json.of(Json.object(
                            "id",
                            reserved,
                            "inputs",
                            List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                            "outputs",
                            List.of("model-v1"))),
                    INVALID,
                    "run.id '" + reserved + "' starts with"));
        }

        // Compliance
        rows.add(row(
                "Compliance of an empty id", AUDITOR, "lineage:Compliance", List.of(""), INVALID, "id is required"));
        rows.add(row(
                "Compliance of a malformed id",
                AUDITOR,
                "lineage:Compliance",
                List.of("two words"),
                INVALID,
                "id 'two words' must start with a letter or digit"));
        rows.add(row(
                "Compliance of an unknown id",
                AUDITOR,
                "lineage:Compliance",
                List.of("ghost"),
                NOT_FOUND,
                "no artifact, run, deployment"));
        rows.add(row(
                "Compliance of an unknown attestation",
                AUDITOR,
                "lineage:Compliance",
                List.of("attestation:xrays:TRAINING"),
                NOT_FOUND,
                "attestation:xrays:TRAINING exists"));
        rows.add(row(
                "Compliance without its argument",
                AUDITOR,
                "lineage:Compliance",
                List.of(),
                INVALID,
                "lineage:Compliance takes 1 argument, not 0"));

        // ComplianceScan
        for (Object[] bad : new Object[][] {
            {"withinDays -1", Json.object("withinDays", -1), "scan.withinDays must be from 0 to 3650, not -1"},
            {"withinDays 3651", Json.object("withinDays", 3651), "scan.withinDays must be from 0 to 3650, not 3651"},
            {"withinDays as text", Json.object("withinDays", "ten"), "scan.withinDays must be a whole number"},
            {"a fractional withinDays", Json.object("withinDays", 1.5), "scan.withinDays must be a whole number"},
            {"a malformed owner", Json.object("owner", "Hospital A"), "scan.owner 'Hospital A' must start"},
            {"a numeric owner", Json.object("owner", 7), "scan.owner must be a string"},
            {"an unknown field", Json.object("within", 3), "scan has an unknown field 'within'"}
        }) {
            rows.add(row(
                    "ComplianceScan with " + bad[0],
                    AUDITOR,
                    "lineage:ComplianceScan",
                    List.of(Json.of(bad[1])),
                    INVALID,
                    (String) bad[2]));
        }
        rows.add(row(
                "ComplianceScan with truncated JSON",
                AUDITOR,
                "lineage:ComplianceScan",
                List.of("{\"withinDays\":"),
                INVALID,
                "scan is not valid JSON"));
        rows.add(row(
                "ComplianceScan with an array",
                AUDITOR,
                "lineage:ComplianceScan",
                List.of("[30]"),
                INVALID,
                "scan must be a JSON object"));

        // Verifications
        rows.add(row(
                "Verifications of an empty id",
                AUDITOR,
                "artifact:Verifications",
                List.of(""),
                INVALID,
                "id is required"));
        rows.add(row(
                "Verifications of a malformed id",
                AUDITOR,
                "artifact:Verifications",
                List.of("x\ny"),
                INVALID,
                "must start with a letter or digit"));
        rows.add(row(
                "Verifications of an unknown artifact",
                AUDITOR,
                "artifact:Verifications",
                List.of("ghost"),
                NOT_FOUND,
                "artifact ghost does not exist"));

        // the access log's readers
        rows.add(row(
                "access:Logs of another organisation's artifact without the auditor role",
                CURATOR_B,
                "access:Logs",
                List.of(Json.of(Json.object("artifact", "xrays"))),
                DENIED,
                "the access log of xrays is readable by its owner HospitalAMSP and by auditors"));
        rows.add(row(
                "access:Logs of another organisation's accesses without the auditor role",
                CURATOR_B,
                "access:Logs",
                List.of(Json.of(Json.object("org", RESEARCH))),
                DENIED,
                "readable by ResearchMSP and by auditors"));

        // RecordVerification
        rows.add(row(
                "RecordVerification with a bad purpose",
                AUDITOR,
                "artifact:RecordVerification",
                List.of(Json.of(Json.object("id", "xrays", "digest", digest("xrays"), "purpose", "FUN"))),
                INVALID,
                "verification.purpose must be one of READ"));
        rows.add(row(
                "RecordVerification of an unknown id",
                AUDITOR,
                "artifact:RecordVerification",
                List.of(Json.of(Json.object("id", "ghost", "digest", digest("ghost"), "purpose", "AUDIT"))),
                NOT_FOUND,
                "artifact ghost does not exist"));

        // VerifyInclusion
        rows.add(verifyInclusion("a malformed proof", "{\"leafIndex\":", INVALID, "proof is not valid JSON"));
        rows.add(verifyInclusion(
                "leafIndex equal to treeSize",
                Json.of(Json.object("leafIndex", 4, "treeSize", 4, "path", List.of())),
                INVALID,
                "proof.leafIndex must be at least 0 and below proof.treeSize"));
        rows.add(verifyInclusion(
                "a path of 65 entries",
                Json.of(Json.object("leafIndex", 0, "treeSize", 4, "path", Collections.nCopies(65, digest("x")))),
                INVALID,
                "proof.path has more than 64 entries"));
        rows.add(verifyInclusion(
                "a path entry that is not a digest",
                Json.of(Json.object("leafIndex", 0, "treeSize", 4, "path", List.of("abc"))),
                INVALID,
                "proof.path[0] must be sha256:"));
        rows.add(row(
                "VerifyInclusion against an artifact without a Merkle root",
                CURATOR_A,
                "artifact:VerifyInclusion",
                List.of("xrays", digest("leaf"), Json.of(Json.object("leafIndex", 0, "treeSize", 1))),
                PRECONDITION,
                "artifact xrays was registered without a Merkle root"));

        // consent and access
        rows.add(row(
                "consent:Grant with the subject in a plain argument",
                STEWARD_A,
                "consent:Grant",
                List.of(SUBJECT),
                INVALID,
                "consent:Grant takes 0"));
        rows.add(consentGrant(
                "an expired date", consent("expiresAt", "2026-01-01T00:00:00Z"), INVALID, "consent.expiresAt"));
        rows.add(consentGrant(
                "an expiry past 2262, which would overflow a sort key",
                consent("expiresAt", "9999-12-31T23:59:59Z"),
                INVALID,
                "consent.expiresAt 9999-12-31T23:59:59Z is outside the times the ledger stores, 2000-01-01T00:00:00Z"
                        + " up to 2262-01-01T00:00:00Z"));
        rows.add(consentGrant(
                "a raw identifier as subject",
                consent("subject", "patient-4711"),
                INVALID,
                "subject must be a pseudonymous reference"));
        rows.add(consentGrant("an unknown purpose", consent("purposes", List.of("MARKETING")), INVALID, "MARKETING"));
        rows.add(row(
                "consent:Grant by a member of the owner who is not a steward",
                CURATOR_A,
                "consent:Grant",
                List.of(),
                DENIED,
                "consent management",
                transientOf("consent", Json.of(consent()))));
        rows.add(row(
                "consent:Grant by a steward of another organisation",
                STEWARD_B,
                "consent:Grant",
                List.of(),
                DENIED,
                "only HospitalAMSP may record consent for xrays",
                transientOf("consent", Json.of(consent()))));
        rows.add(row(
                "consent:Grant without the transient entry",
                STEWARD_A,
                "consent:Grant",
                List.of(),
                INVALID,
                "the transient map has no 'consent' entry"));
        rows.add(row(
                "consent:Grant with malformed transient JSON",
                STEWARD_A,
                "consent:Grant",
                List.of(),
                INVALID,
                "transient consent is not valid JSON",
                transientOf("consent", "{\"subject\":")));
        rows.add(consentGrant(
                "an unknown field in the transient entry",
                consent("patientName", "Jane Doe"),
                INVALID,
                "unknown field 'patientName'"));
        rows.add(row(
                "consent:Attest with a misspelt subject list field",
                STEWARD_A,
                "consent:Attest",
                List.of("xrays", "TRAINING"),
                INVALID,
                "unknown field 'subject'",
                transientOf("subjects", Json.of(Json.object("subject", List.of(SUBJECT))))));
        rows.add(row(
                "consent:Attest for an unknown dataset",
                STEWARD_A,
                "consent:Attest",
                List.of("ghost", "TRAINING"),
                NOT_FOUND,
                "dataset ghost does not exist",
                transientOf("subjects", Json.of(Json.object("subjects", List.of())))));
        rows.add(row(
                "consent:Check of an unknown purpose",
                STEWARD_A,
                "consent:Check",
                List.of("xrays", "MARKETING"),
                INVALID,
                "MARKETING",
                transientOf("consent", Json.of(Json.object("subject", SUBJECT)))));
        rows.add(row(
                "consent:GetErasure of an unknown receipt",
                AUDITOR,
                "consent:GetErasure",
                List.of("erasure:xrays:" + "0".repeat(64)),
                NOT_FOUND,
                "erasure receipt"));
        rows.add(row(
                "consent:VerifyInclusion without an attestation",
                AUDITOR,
                "consent:VerifyInclusion",
                List.of("xrays", "TRAINING", digest("leaf"), Json.of(Json.object("leafIndex", 0, "treeSize", 1))),
                NOT_FOUND,
                "dataset xrays has no consent attestation for TRAINING"));
        rows.add(register(
                "requiresConsent on a MODEL",
                Json.of(Json.object("id", "new", "kind", "MODEL", "digest", digest("new"), "requiresConsent", true)),
                INVALID,
                "requiresConsent applies to a DATASET, not a MODEL"));
        rows.add(accessGrant(
                "an unknown purpose", CURATOR_A, Json.object("purposes", List.of("MARKETING")), INVALID, "MARKETING"));
        rows.add(accessGrant(
                "an expired date",
                CURATOR_A,
                Json.object("expiresAt", "2026-01-01T00:00:00Z"),
                INVALID,
                "grant.expiresAt 2026-01-01T00:00:00Z is not after"));
        rows.add(accessGrant(
                "an expiry past 2262, which would overflow the grant expiry index key",
                CURATOR_A,
                Json.object("expiresAt", "2300-01-01T00:00:00Z"),
                INVALID,
                "grant.expiresAt 2300-01-01T00:00:00Z is outside the times the ledger stores, 2000-01-01T00:00:00Z"
                        + " up to 2262-01-01T00:00:00Z"));
        rows.add(accessGrant(
                "an unknown role", CURATOR_A, Json.object("role", "janitor"), INVALID, "is not a prooftrail role"));
        rows.add(accessGrant(
                "a caller of another organisation",
                CURATOR_B,
                Json.object(),
                DENIED,
                "only HospitalAMSP may grant access to xrays"));
        rows.add(row(
                "access:Logs with both an artifact and an organisation",
                AUDITOR,
                "access:Logs",
                List.of(Json.of(Json.object("artifact", "xrays", "org", RESEARCH))),
                INVALID,
                "exactly one of artifact or org"));
        rows.add(row(
                "access:Logs with pageSize 0",
                AUDITOR,
                "access:Logs",
                List.of(Json.of(Json.object("artifact", "xrays", "pageSize", 0))),
                INVALID,
                "query.pageSize must be between 1 and 500"));
        rows.add(row(
                "access:Revoke of an unknown grant",
                CURATOR_A,
                "access:Revoke",
                List.of("xrays", HOSPITAL_B, "", "no reason"),
                NOT_FOUND,
                "no grant of xrays to HospitalBMSP exists"));
        rows.add(row(
                "access:Log for an unknown purpose",
                TRAINER,
                "access:Log",
                List.of(Json.of(Json.object("artifact", "xrays", "purpose", "MARKETING"))),
                INVALID,
                "MARKETING"));

        federationRows(rows);
        return rows.stream();
    }

    /** {@code federation:*}: every function's malformed input, and what the ledger it starts from lacks. */
    private static void federationRows(List<Arguments> rows) {
        String open = "federation:Open";
        rows.add(federation(
                "Open with truncated JSON", open, "{\"id\":\"fl\"", INVALID, "federation is not valid JSON"));
        rows.add(federation(
                "Open without members",
                open,
                openJson("members", List.of()),
                INVALID,
                "federation.members must list between 1 and"));
        rows.add(federation(
                "Open naming a member twice",
                open,
                openJson("members", List.of("A", "A")),
                INVALID,
                "federation.members names A twice"));
        rows.add(federation(
                "Open with an invalid member",
                open,
                openJson("members", List.of("bad msp")),
                INVALID,
                "federation.members[0]"));
        rows.add(federation(
                "Open with a minimum of 0",
                open,
                openJson("minParticipants", 0),
                INVALID,
                "federation.minParticipants must be from 1 to"));
        rows.add(federation(
                "Open with a text minimum",
                open,
                openJson("minParticipants", "two"),
                INVALID,
                "federation.minParticipants must be a whole number"));
        rows.add(federation(
                "Open for inference",
                open,
                openJson("purpose", "INFERENCE"),
                INVALID,
                "federation.purpose must be TRAINING"));
        rows.add(federation(
                "Open with a round of 0 seconds",
                open,
                openJson("roundSeconds", 0),
                INVALID,
                "federation.roundSeconds must be from 1 to"));
        rows.add(federation("Open with an unknown field", open, openJson("extra", "x"), INVALID, "extra"));
        rows.add(federation(
                "Open without a rule", open, openJson("rule", null), INVALID, "federation.rule is required"));
        rows.add(federation(
                "Open over an unregistered model",
                open,
                openJson("model", "ghost"),
                PRECONDITION,
                "federation.model ghost is not a registered artifact"));
        rows.add(federation(
                "Open over a dataset",
                open,
                openJson("model", "xrays"),
                PRECONDITION,
                "federation.model xrays is a DATASET artifact, not a MODEL"));
        rows.add(row(
                "Open by a curator",
                CURATOR_A,
                open,
                List.of(openJson()),
                DENIED,
                "opening a federation needs the role trainer"));

        String round = "federation:OpenRound";
        rows.add(federation(
                "OpenRound of round 0",
                round,
                Json.of(Json.object("federation", "fl", "round", 0)),
                INVALID,
                "round.round must be from 1 to"));
        rows.add(federation(
                "OpenRound without a round",
                round,
                Json.of(Json.object("federation", "fl")),
                INVALID,
                "round.round is required"));
        rows.add(federation(
                "OpenRound with a negative deadline",
                round,
                Json.of(Json.object("federation", "fl", "round", 1, "deadlineSeconds", -5)),
                INVALID,
                "round.deadlineSeconds must be from 1 to"));
        rows.add(federation(
                "OpenRound of an unknown federation",
                round,
                Json.of(Json.object("federation", "fl", "round", 1)),
                NOT_FOUND,
                "federation fl does not exist"));

        String submit = "federation:SubmitUpdate";
        rows.add(federation(
                "SubmitUpdate with a bad digest", submit, updateJson("digest", "md5:00"), INVALID, "update.digest"));
        rows.add(federation(
                "SubmitUpdate without datasets",
                submit,
                updateJson("datasets", List.of()),
                INVALID,
                "update.datasets must list between 1 and"));
        rows.add(federation(
                "SubmitUpdate naming a dataset twice",
                submit,
                updateJson(
                        "datasets",
                        List.of(
                                Json.object("id", "xrays", "digest", digest("xrays")),
                                Json.object("id", "xrays", "digest", digest("xrays")))),
                INVALID,
                "update.datasets names xrays twice"));
        rows.add(federation(
                "SubmitUpdate with a dataset without digest",
                submit,
                updateJson("datasets", List.of(Json.object("id", "xrays"))),
                INVALID,
                "update.datasets[0].digest is required"));
        rows.add(federation(
                "SubmitUpdate with no samples",
                submit,
                updateJson("samples", 0),
                INVALID,
                "update.samples must be from 1 to"));
        rows.add(federation(
                "SubmitUpdate with a reserved id",
                submit,
                updateJson("id", "aggregation:x"),
                INVALID,
                "starts with aggregation:"));
        rows.add(federation(
                "SubmitUpdate to an unknown federation",
                submit,
                updateJson(),
                NOT_FOUND,
                "federation fl does not exist"));

        String aggregate = "federation:Aggregate";
        rows.add(federation(
                "Aggregate of no updates",
                aggregate,
                aggregateJson("updates", List.of()),
                INVALID,
                "aggregation.updates must list between 1 and"));
        rows.add(federation(
                "Aggregate naming an update twice",
                aggregate,
                aggregateJson("updates", List.of("u", "u")),
                INVALID,
                "aggregation.updates names u twice"));
        rows.add(federation(
                "Aggregate with a bad Merkle root",
                aggregate,
                aggregateJson("merkleRoot", "root"),
                INVALID,
                "aggregation.merkleRoot"));
        rows.add(federation(
                "Aggregate without a model",
                aggregate,
                aggregateJson("model", null),
                INVALID,
                "aggregation.model is required"));
        rows.add(federation(
                "Aggregate in an unknown federation",
                aggregate,
                aggregateJson(),
                NOT_FOUND,
                "federation fl does not exist"));

        rows.add(row(
                "Get of an invalid id",
                CURATOR_A,
                "federation:Get",
                List.of("bad id"),
                INVALID,
                "id 'bad id' must start with"));
        rows.add(row(
                "Get of an unknown federation",
                CURATOR_A,
                "federation:Get",
                List.of("fl"),
                NOT_FOUND,
                "federation fl does not exist"));
        rows.add(row(
                "Get with two arguments",
                CURATOR_A,
                "federation:Get",
                List.of("fl", "x"),
                INVALID,
                "federation:Get takes 1 argument, not 2"));
        rows.add(
                row("History of an empty id", CURATOR_A, "federation:History", List.of(""), INVALID, "id is required"));
        rows.add(row(
                "History of an unknown federation",
                CURATOR_A,
                "federation:History",
                List.of("fl"),
                NOT_FOUND,
                "federation fl does not exist"));
        rows.add(row(
                "Upstream of an unknown aggregation",
                CURATOR_A,
                "lineage:Upstream",
                List.of("aggregation:fl:1", "1"),
                NOT_FOUND,
                "aggregation (aggregation:FEDERATION:ROUND)"));
    }

    private static Arguments federation(
            String description, String function, String json, String code, String fragment) {
        return row(description, TRAINER, function, List.of(json), code, fragment);
    }

    /** A valid opening of federation {@code fl} over research's {@code model-v1}, with {@code replaced} fields. */
    private static String openJson(Object... replaced) {
        Map<String, Object> federation = Json.object(
                "id",
                "fl",
                "model",
                "model-v1",
                "members",
                List.of(HOSPITAL_A, RESEARCH),
                "rule",
                "fedavg",
                "minParticipants",
                1,
                "purpose",
                "TRAINING");
        return Json.of(replace(federation, replaced));
    }

    private static String updateJson(Object... replaced) {
        Map<String, Object> update = Json.object(
                "federation",
                "fl",
                "round",
                1,
                "id",
                "u-1",
                "digest",
                digest("u-1"),
                "datasets",
                List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                "samples",
                10);
        return Json.of(replace(update, replaced));
    }

    private static String aggregateJson(Object... replaced) {
        Map<String, Object> aggregation = Json.object(
                "federation",
                "fl",
                "round",
                1,
                "model",
                "model-v1",
                "digest",
                digest("model-v1"),
                "updates",
                List.of("u-1"),
                "merkleRoot",
                digest("root"));
        return Json.of(replace(aggregation, replaced));
    }

    private static Map<String, Object> replace(Map<String, Object> map, Object... replaced) {
        for (int i = 0; i < replaced.length; i += 2) {
            if (replaced[i + 1] == null) {
                map.remove((String) replaced[i]);
            } else {
                map.put((String) replaced[i], replaced[i + 1]);
            }
        }
        return map;
    }

    private static Arguments row(
            String description, Identity caller, String function, List<String> args, String code, String fragment) {
        return row(description, caller, function, args, code, fragment, Map.of());
    }

    private static Arguments row(
            String description,
            Identity caller,
            String function,
            List<String> args,
            String code,
            String fragment,
            Map<String, byte[]> transientMap) {
        return Arguments.of(description, caller, function, args, code, fragment, transientMap);
    }

    /** A valid consent of {@link #SUBJECT} to TRAINING on {@code xrays}, with fields replaced or added. */
    private static Map<String, Object> consent(Object... replaced) {
        Map<String, Object> map = Json.object(
                "subject",
                SUBJECT,
                "dataset",
                "xrays",
                "purposes",
                List.of("TRAINING"),
                "expiresAt",
                "2027-01-01T00:00:00Z",
                "formDigest",
                digest("form"));
        map.putAll(Json.object(replaced));
        return map;
    }

    private static Arguments consentGrant(
            String description, Map<String, Object> consent, String code, String fragment) {
        return row(
                "consent:Grant with " + description,
                STEWARD_A,
                "consent:Grant",
                List.of(),
                code,
                fragment,
                transientOf("consent", Json.of(consent)));
    }

    private static Arguments accessGrant(
            String description, Identity caller, Map<String, Object> replaced, String code, String fragment) {
        Map<String, Object> grant = Json.object(
                "artifact",
                "xrays",
                "grantee",
                HOSPITAL_B,
                "purposes",
                List.of("READ"),
                "expiresAt",
                "2027-01-01T00:00:00Z");
        grant.putAll(replaced);
        return row("access:Grant with " + description, caller, "access:Grant", List.of(Json.of(grant)), code, fragment);
    }

    private static Arguments register(String description, String json, String code, String fragment) {
        return row("Register with " + description, CURATOR_A, "artifact:Register", List.of(json), code, fragment);
    }

    private static Arguments setStatus(
            String description,
            Identity caller,
            String id,
            String status,
            String reason,
            String code,
            String fragment) {
        return row(description, caller, "artifact:SetStatus", List.of(id, status, reason), code, fragment);
    }

    private static Arguments list(String description, Map<String, Object> query, String fragment) {
        return row(description, CURATOR_A, "artifact:List", List.of(Json.of(query)), INVALID, fragment);
    }

    private static Arguments recordRun(String description, String json, String code, String fragment) {
        return row(description, TRAINER, "lineage:RecordRun", List.of(json), code, fragment);
    }

    private static Arguments verifyInclusion(String description, String proof, String code, String fragment) {
        return row(
                "VerifyInclusion with " + description,
                CURATOR_A,
                "artifact:VerifyInclusion",
                List.of("shards", digest("leaf"), proof),
                code,
                fragment);
    }

    private static String run(List<Map<String, Object>> inputs, List<String> outputs) {
        return Json.of(Json.object("id", "run-1", "inputs", inputs, "outputs", outputs));
    }

    /** A valid registration of a fresh dataset {@code new}. */
    private static Map<String, Object> newArtifact() {
        return Json.object("id", "new", "kind", "DATASET", "digest", digest("new"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> map = newArtifact();
        map.put(field, value);
        return map;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> map = newArtifact();
        map.remove(field);
        return map;
    }
}
