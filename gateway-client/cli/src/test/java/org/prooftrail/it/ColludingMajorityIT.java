package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.client.AccessGrant;
import org.prooftrail.client.AttestationStatus;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.HistoryEntry;
import org.prooftrail.client.LedgerTransport;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.gateway.ChosenEndorsers;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * Two organisations that together are the channel's majority (hospital-b and research) run a modified chaincode and
 * try every forgery against hospital-a's records that the majority policy alone would let through: rewrite or delete
 * its artifact record, give themselves a grant "from" it, attest consent or log an erasure for its datasets, record a
 * run (with a consent-use edge) on its data without it, and delete or rewrite the access-log entries and consent-use
 * edges about its dataset. Each one commits as {@code ENDORSEMENT_POLICY_FAILURE}: the keys carry key-level policies
 * naming hospital-a, which Fabric checks instead of the majority. Hospital-a's records and {@code history} are
 * unchanged at the end. The honest story first (a grant, consent, a run and an access by research through the plain
 * gateway) shows that the gateway gathers hospital-a's endorsement by itself where the new policies need it. The
 * last test shows the limit: a bare claim on keys that do not exist yet (a run record naming hospital-a's data,
 * without its guard) commits, since Fabric has no policy for new keys, changes nothing of hospital-a's, and
 * {@code lineage:GetRun} shows it as {@code unendorsed} by hospital-a.
 *
 * <p>The modified chaincode ({@link VariantChaincode}) has two changes: {@code artifact:RecordVerification} applies
 * raw writes and deletions given in its argument ({@link #FORGERY}), as a chaincode written by the colluders would,
 * and the training gate of {@code lineage:RecordRun} admits everything, claiming consent version 1 for a consent
 * dataset, while the run is written exactly as the real chaincode writes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ColludingMajorityIT {
    private static final String POLICY_FAILURE = "ENDORSEMENT_POLICY_FAILURE";
    private static final String FORGERY_TYPE = "org/prooftrail/chaincode/contract/Forgery";

    /** Raw writes as colluders would make them: {"forge": [{"op": put|delete|replace, "key"|"prefix": [...], ...}]}. */
    private static final String FORGERY = """
            package org.prooftrail.chaincode.contract;

            import com.owlike.genson.Genson;
            import java.nio.charset.StandardCharsets;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import org.hyperledger.fabric.shim.ChaincodeStub;
            import org.hyperledger.fabric.shim.ledger.CompositeKey;
            import org.hyperledger.fabric.shim.ledger.KeyValue;
            import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

            final class Forgery {
                private Forgery() {}

                @SuppressWarnings("unchecked")
                static String apply(ChaincodeStub stub, String json) {
                    Map<String, Object> request = new Genson().deserialize(json, Map.class);
                    int written = 0;
                    for (Object item : (List<Object>) request.get("forge")) {
                        Map<String, Object> op = (Map<String, Object>) item;
                        List<String> keys = new ArrayList<>();
                        if (op.containsKey("key")) {
                            keys.add(compositeKey((List<Object>) op.get("key")).toString());
                        } else {
                            try (QueryResultsIterator<KeyValue> range =
                                    stub.getStateByPartialCompositeKey(compositeKey((List<Object>) op.get("prefix")))) {
                                for (KeyValue entry : range) {
                                    keys.add(entry.getKey());
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        for (String key : keys) {
                            switch (op.get("op").toString()) {
                                case "put" -> stub.putState(key, bytes(op.get("value")));
                                case "delete" -> stub.delState(key);
                                case "replace" -> stub.putState(key, bytes(new String(stub.getState(key),
                                        StandardCharsets.UTF_8).replace(op.get("from").toString(),
                                        op.get("to").toString())));
                                default -> throw new IllegalArgumentException("unknown op " + op.get("op"));
                            }
                            written++;
                        }
                    }
                    return "{\\"written\\":" + written + "}";
                }

                private static CompositeKey compositeKey(List<Object> parts) {
                    String[] attributes = new String[parts.size() - 1];
                    for (int i = 1; i < parts.size(); i++) {
                        attributes[i - 1] = parts.get(i).toString();
                    }
                    return new CompositeKey(parts.get(0).toString(), attributes);
                }

                private static byte[] bytes(Object value) {
                    return value.toString().getBytes(StandardCharsets.UTF_8);
                }
            }
            """;

    private static final VariantChaincode.Patch FORGING_CONTRACT = new VariantChaincode.Patch(
            "org/prooftrail/chaincode/contract/ArtifactContract",
            "RecordVerification applies raw forgeries",
            "return Invocation.respond(ctx, s -> s.artifacts().recordVerification(verificationJson));",
            "return verificationJson.startsWith(\"{\\\"forge\\\"\") ? Forgery.apply(ctx.getStub(), verificationJson)"
                    + " : Invocation.respond(ctx, s -> s.artifacts().recordVerification(verificationJson));");

    private static final VariantChaincode.Patch NO_TRAINING_GATE = new VariantChaincode.Patch(
            "org/prooftrail/chaincode/lineage/LineageService",
            "no training gate in RecordRun, consent version 1 claimed",
            "OptionalLong version = gate.admit(caller, artifact, input);",
            "OptionalLong version = Boolean.TRUE.equals(artifact.getRequiresConsent()) ? OptionalLong.of(1)"
                    + " : OptionalLong.empty();");

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Set<String> swapped = new LinkedHashSet<>();
    private FabricNetwork network;
    private Path variant;
    private ProofTrail hospitalA;
    private ProofTrail research;
    private LedgerTransport colluders;
    private String dataset;
    private String plain;
    private String model;
    private String honestRun;
    private Digest registered;
    private String historyBefore;
    private String accessLogBefore;

    @BeforeAll
    void honestStory() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        variant = VariantChaincode.build(
                network.repository(),
                network.chaincodeJar(),
                network.folder("colluding-variant"),
                List.of(FORGING_CONTRACT, NO_TRAINING_GATE),
                Map.of(FORGERY_TYPE, FORGERY));
        hospitalA = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("hospital-a", "Admin")));
        research = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig("research", "Admin")));
        dataset = "cm-" + run + "-consented";
        plain = "cm-" + run + "-plain";
        model = "cm-" + run + "-model";
        honestRun = "cm-" + run + "-run";
        registered = Digest.sha256(("the original " + run).getBytes(UTF_8));
        hospitalA.register(Registration.builder(dataset, ArtifactKind.DATASET, registered)
                .requiresConsent()
                .build());
        hospitalA.register(Registration.builder(plain, ArtifactKind.DATASET, Digest.sha256(plain.getBytes(UTF_8)))
                .build());
        research.register(Registration.builder(model, ArtifactKind.MODEL, Digest.sha256(model.getBytes(UTF_8)))
                .build());
        Instant later = Instant.now().plus(Duration.ofDays(30));
        Pseudonyms pseudonyms =
                Pseudonyms.createOrLoad(network.folder("colluding-consent").resolve("consent-secret"));
        hospitalA.grantConsent(
                pseudonyms.of("patient-" + run),
                dataset,
                Set.of(Purpose.TRAINING),
                later,
                Digest.sha256("form".getBytes(UTF_8)));
        hospitalA.attestConsent(dataset, Purpose.TRAINING);
        // Honest cross-organisation flows: each writes hospital-a's guard, and the gateway adds its peer.
        hospitalA.grantAccess(dataset, "ResearchMSP", null, Set.of(Purpose.TRAINING, Purpose.READ), later);
        research.recordRun(runJson(honestRun, dataset, registered, model));
        research.logAccess(dataset, Purpose.READ, "honest read");
        historyBefore = history();
        accessLogBefore = hospitalA.accessLog(dataset, null, 50, "").json();
        assertThat(historyBefore).doesNotContain("UNEXPECTED_CHANGE");
        assertThat(accessLogBefore).contains("ALLOWED");

        swapped.addAll(List.of("hospital-b", "research"));
        network.runChaincode(variant, "hospital-b", "research");
        colluders = ChosenEndorsers.connect(network.gatewayConfig("research", "Admin"), "HospitalBMSP", "ResearchMSP");
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void restore() throws Exception {
        try {
            if (!swapped.isEmpty()) {
                network.restoreChaincode(swapped);
            }
        } finally {
            for (AutoCloseable closeable : new AutoCloseable[] {hospitalA, research}) {
                if (closeable != null) {
                    closeable.close();
                }
            }
        }
    }

    /** hospital-a's view of the dataset's history, as JSON. */
    private String history() {
        return hospitalA.history(dataset).stream()
                .map(HistoryEntry::json)
                .toList()
                .toString();
    }

    private static String runJson(String id, String input, Digest digest, String output) {
        Map<String, Object> run = new TreeMap<>();
        run.put("id", id);
        run.put("inputs", List.of(Map.of("id", input, "digest", digest.toString())));
        run.put("outputs", List.of(output));
        return Json.write(run);
    }

    private static Map<String, Object> op(String op, String keyOrPrefix, List<String> parts, Object... more) {
        Map<String, Object> map = new TreeMap<>();
        map.put("op", op);
        map.put(keyOrPrefix, parts);
        for (int i = 0; i < more.length; i += 2) {
            map.put(more[i].toString(), more[i + 1]);
        }
        return map;
    }

    /** Submits a forgery endorsed by the colluders only and expects Fabric to invalidate it. */
    private void assertForgeryInvalid(Object... ops) {
        String argument = Json.write(Map.of("forge", List.of(ops)));
        assertThatThrownBy(
                        () -> colluders.submit(Transaction.ARTIFACT_RECORD_VERIFICATION, List.of(argument), Map.of()))
                .isInstanceOfSatisfying(CommitFailedException.class, e -> {
                    assertThat(e.validationCode()).isEqualTo(POLICY_FAILURE);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    @Order(1)
    void the_modified_chaincode_commits_what_only_the_majority_policy_guards() {
        // The control: the same forging path commits a write to a key that names no owner, so the failures below
        // come from hospital-a's key-level policies and not from a broken variant.
        String argument = Json.write(
                Map.of("forge", List.of(op("put", "key", List.of("cmcontrol", run), "value", "colluders were here"))));

        assertThat(colluders
                        .submit(Transaction.ARTIFACT_RECORD_VERIFICATION, List.of(argument), Map.of())
                        .transactionId())
                .isNotEmpty();
    }

    @Test
    @Order(2)
    void cannot_rewrite_or_delete_hospital_as_artifact_record() {
        Digest forged = Digest.sha256(("forged " + run).getBytes(UTF_8));

        assertForgeryInvalid(op(
                "replace",
                "key",
                List.of("artifact", dataset),
                "from",
                registered.toString(),
                "to",
                forged.toString()));
        assertForgeryInvalid(op(
                "replace",
                "key",
                List.of("artifact", dataset),
                "from",
                "\"requiresConsent\":true",
                "to",
                "\"requiresConsent\":false"));
        assertForgeryInvalid(op("delete", "key", List.of("artifact", dataset)));
        assertForgeryInvalid(op("delete", "prefix", List.of("artifactdigest", registered.toString())));
    }

    @Test
    @Order(3)
    void cannot_create_a_grant_from_hospital_a() {
        String grant = "[{\"artifact\":\"" + plain + "\",\"expiresAt\":\"2099-01-01T00:00:00Z\",\"grantedAt\":"
                + "\"2026-01-01T00:00:00Z\",\"grantedBy\":\"forged\",\"grantee\":\"HospitalBMSP\",\"owner\":"
                + "\"HospitalAMSP\",\"purposes\":[\"EXPORT\",\"TRAINING\"],\"role\":\"*\",\"status\":\"ACTIVE\","
                + "\"txId\":\"forged\"}]";

        assertForgeryInvalid(op("put", "key", List.of("accessgrants", plain), "value", grant));
        assertForgeryInvalid(
                op("replace", "key", List.of("accessgrants", dataset), "from", "ResearchMSP", "to", "HospitalBMSP"));
    }

    @Test
    @Order(4)
    void cannot_create_consent_attestations_or_erasure_receipts_for_hospital_as_datasets() {
        String attestation = "{\"count\":1000,\"dataset\":\"" + plain + "\",\"owner\":\"HospitalAMSP\",\"purpose\":"
                + "\"TRAINING\",\"status\":\"ACTIVE\",\"version\":1}";

        assertForgeryInvalid(op("put", "key", List.of("consentattestation", plain, "TRAINING"), "value", attestation));
        assertForgeryInvalid(op("put", "key", List.of("erasurelog", plain), "value", "{\"count\":1}"));
        assertForgeryInvalid(op(
                "replace",
                "key",
                List.of("consentattestation", dataset, "TRAINING"),
                "from",
                "ACTIVE",
                "to",
                "REVOKED"));
        assertForgeryInvalid(op("delete", "key", List.of("erasurelog", dataset)));
    }

    @Test
    @Order(5)
    void cannot_record_a_run_and_consent_use_claiming_hospital_as_data_without_it() {
        String forgedRun = "cm-" + run + "-forged-run";
        String fresh = "cm-" + run + "-model-2";
        String fresher = "cm-" + run + "-model-3";
        for (String output : List.of(fresh, fresher)) {
            research.register(Registration.builder(output, ArtifactKind.MODEL, Digest.sha256(output.getBytes(UTF_8)))
                    .build());
        }
        // On hospital-a's plain dataset, for which research holds no grant at all.
        String onPlain = runJson(forgedRun, plain, Digest.sha256(plain.getBytes(UTF_8)), fresh);
        // On hospital-a's consent dataset, claiming consent version 1 (a consent-use edge) without hospital-a.
        String onConsented = runJson(forgedRun, dataset, registered, fresher);

        for (String json : List.of(onPlain, onConsented)) {
            assertThatThrownBy(() -> colluders.submit(Transaction.LINEAGE_RECORD_RUN, List.of(json), Map.of()))
                    .isInstanceOfSatisfying(CommitFailedException.class, e -> {
                        assertThat(e.validationCode()).isEqualTo(POLICY_FAILURE);
                        assertThat(e.retryable()).isFalse();
                    });
        }
        assertThatThrownBy(() -> research.getRun(forgedRun))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    @Order(6)
    void cannot_delete_or_rewrite_access_log_entries_or_consent_use_edges_about_hospital_as_dataset() {
        assertForgeryInvalid(op("delete", "prefix", List.of("accesslog", dataset)));
        assertForgeryInvalid(op("replace", "prefix", List.of("accesslog", dataset), "from", "ALLOWED", "to", "DENIED"));
        assertForgeryInvalid(op("delete", "prefix", List.of("accesslogorg", "ResearchMSP")));
        assertForgeryInvalid(op("delete", "key", List.of("consentuse", dataset, "TRAINING", honestRun)));
        assertForgeryInvalid(op("put", "key", List.of("consentuse", dataset, "TRAINING", honestRun), "value", "99"));
        assertForgeryInvalid(op("delete", "key", List.of("run", honestRun)));
        assertForgeryInvalid(op("delete", "key", List.of("consumer", dataset, honestRun)));
    }

    @Test
    @Order(7)
    void hospital_as_records_and_history_are_unchanged() {
        assertThat(hospitalA.get(dataset).digest()).isEqualTo(registered);
        assertThat(hospitalA.get(dataset).owner()).isEqualTo("HospitalAMSP");
        assertThat(history()).isEqualTo(historyBefore);
        assertThat(hospitalA.accessLog(dataset, null, 50, "").json()).isEqualTo(accessLogBefore);
        assertThat(hospitalA.accessGrants(plain)).isEmpty();
        assertThat(hospitalA.accessGrants(dataset))
                .extracting(AccessGrant::grantee)
                .contains("ResearchMSP")
                .doesNotContain("HospitalBMSP");
        assertThatThrownBy(() -> hospitalA.consentAttestation(plain, Purpose.TRAINING))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(research.getRun(honestRun).json()).contains(dataset);
        assertThat(hospitalA.consentAttestation(dataset, Purpose.TRAINING).status())
                .isEqualTo(AttestationStatus.ACTIVE);
    }

    @Test
    @Order(8)
    void a_bare_claim_on_new_keys_commits_but_shows_as_unendorsed_by_hospital_a_and_changes_nothing_of_its() {
        // What no key policy can refuse: new keys (a run record and its edges) that merely claim hospital-a's data,
        // written without the guard. Fabric has no policy for keys that do not exist yet; the claim is exposed.
        String claimed = "cm-" + run + "-claimed-run";
        String record = research.getRun(honestRun).json().replace(honestRun, claimed);
        String argument = Json.write(Map.of(
                "forge",
                List.of(
                        op("put", "key", List.of("run", claimed), "value", record),
                        op("put", "key", List.of("consumer", dataset, claimed), "value", "INPUT"),
                        op("put", "key", List.of("consentuse", dataset, "TRAINING", claimed), "value", "1"))));

        assertThat(colluders
                        .submit(Transaction.ARTIFACT_RECORD_VERIFICATION, List.of(argument), Map.of())
                        .transactionId())
                .isNotEmpty();

        assertThat(research.getRun(claimed).json())
                .contains("\"unendorsed\":[")
                .contains("{\"artifact\":\"" + dataset + "\",\"owner\":\"HospitalAMSP\"}");
        assertThat(research.getRun(claimed).unendorsed()).contains(new TrainingRun.Unendorsed(dataset, "HospitalAMSP"));
        assertThat(research.getRun(honestRun).unendorsed()).isEmpty();
        assertThat(research.getRun(honestRun).json()).doesNotContain("unendorsed");
        assertThat(history()).isEqualTo(historyBefore);
        assertThat(hospitalA.accessLog(dataset, null, 50, "").json()).isEqualTo(accessLogBefore);
    }
}
