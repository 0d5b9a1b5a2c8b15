package org.prooftrail.it;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.prooftrail.client.AccessDecision;
import org.prooftrail.client.AccessGrant;
import org.prooftrail.client.AccessRecord;
import org.prooftrail.client.ConsentAttestation;
import org.prooftrail.client.ConsentCheck;
import org.prooftrail.client.ConsentReceipt;
import org.prooftrail.client.ConsentStatus;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.ErasureReceipt;
import org.prooftrail.client.ProofTrail;
import org.prooftrail.client.Pseudonyms;
import org.prooftrail.client.Registration;
import org.prooftrail.client.SubjectRef;
import org.prooftrail.client.TrainingRun;
import org.prooftrail.client.gateway.FabricGatewayTransport;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * Consent and access on the real network of {@code network/network.sh}: a consent record reaches only the owner's
 * peer (never a block, never another organisation's peer), the training gate needs both an access grant and a
 * consent attestation, erasure purges the record and leaves a receipt that lineage follows to the run, model and
 * deployment that relied on it, no block holds a subject's consent (its reference, purposes or expiry), and bad input is refused with its code and nothing committed. The steps build on
 * each other, in order, on one consent-requiring dataset of hospital-a.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentIT {
    private static final String OWNER = "HospitalAMSP";
    private static final String COLLECTION = "consent_HospitalAMSP";
    private static final String STEWARD = "cit-steward";

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String identifier = "PATIENT-CONSENT-IT-" + randomHex(8);
    private final String dataset = "cit-" + run + "-ward-notes";
    private final String model = "cit-" + run + "-model";
    private final String trainingRun = "cit-" + run + "-run";
    private final String deployment = "cit-" + run + "-prod";
    private final List<ProofTrail> ledgers = new ArrayList<>();

    private FabricNetwork network;
    private Pseudonyms pseudonyms;
    private SubjectRef subject;
    private Digest datasetDigest;
    private ProofTrail steward;
    private ProofTrail curatorOnly;
    private ProofTrail trainer;
    private ProofTrail deployer;
    private ProofTrail researchAdmin;
    private String grantTxId;
    private String receiptId;
    private final List<String> refusedIdentifiers = new ArrayList<>();
    /** What only evaluations returned of the subject's consent: no block may hold them. */
    private final List<String> privateAnswers = new ArrayList<>();

    private Instant accessExpiry;

    @BeforeAll
    void network() throws Exception {
        if (!FabricNetwork.available()) {
            return;
        }
        network = FabricNetwork.shared();
        network.issueUser("hospital-a", STEWARD, "steward,curator");
        network.issueUser("hospital-a", "cit-curator", "curator");
        network.issueUser("research", "cit-trainer", "trainer");
        network.issueUser("research", "cit-deployer", "deployer");
        steward = connect("hospital-a", STEWARD);
        curatorOnly = connect("hospital-a", "cit-curator");
        trainer = connect("research", "cit-trainer");
        deployer = connect("research", "cit-deployer");
        researchAdmin = connect("research", "Admin");
        pseudonyms = Pseudonyms.createOrLoad(network.folder("consent").resolve("consent-secret"));
        subject = pseudonyms.of(identifier);
    }

    @BeforeEach
    void requireFabric() {
        Assumptions.assumeTrue(FabricNetwork.available(), FabricNetwork.NO_BINARIES);
    }

    @AfterAll
    void close() {
        ledgers.forEach(ProofTrail::close);
    }

    private ProofTrail connect(String org, String user) throws Exception {
        ProofTrail ledger = ProofTrail.over(FabricGatewayTransport.connect(network.gatewayConfig(org, user)));
        ledgers.add(ledger);
        return ledger;
    }

    @Test
    @Order(1)
    void a_steward_registers_a_consent_requiring_dataset_and_grants_a_subjects_consent_privately() throws Exception {
        Path data = network.folder("ward").resolve("ward-notes.csv");
        Files.writeString(data, "bed,note\n1,stable " + run + "\n", UTF_8);
        Cli.Run register = Cli.run(
                "register",
                data.toString(),
                "--id",
                dataset,
                "--kind",
                "DATASET",
                "--requires-consent",
                "--config",
                network.clientConfig("hospital-a", STEWARD).toString(),
                "--json");
        assertThat(register.exitCode()).as(register.toString()).isZero();
        datasetDigest = steward.get(dataset).digest();
        // Registering created the attestation keys, not yet attested.
        assertThatThrownBy(() -> steward.consentAttestation(dataset, Purpose.TRAINING))
                .isInstanceOfSatisfying(ContractRejectedException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NOT_FOUND));

        Instant expires = Instant.now().plus(Duration.ofDays(30));
        ConsentReceipt granted = steward.grantConsent(
                subject,
                dataset,
                Set.of(Purpose.TRAINING, Purpose.EVALUATION),
                expires,
                Digest.sha256(("signed consent form " + identifier).getBytes(UTF_8)));

        assertThat(granted.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(granted.collection()).isEqualTo(COLLECTION);
        assertThat(granted.json()).doesNotContain(subject.hex()).doesNotContain(identifier);
        // A submitted transaction's response is kept in the block: the grant answers without purposes or expiry.
        assertThat(granted.json()).doesNotContain("\"purposes\"", "\"expiresAt\"");
        grantTxId = granted.transactionId();
        ConsentCheck check = steward.checkConsent(subject, dataset, Purpose.TRAINING);
        assertThat(check.consented()).as(check.json()).isTrue();
        assertThat(check.expiresAt()).contains(expires);
        assertThat(check.purposes()).containsExactly(Purpose.EVALUATION, Purpose.TRAINING);
        privateAnswers.add(expires.toString());
        privateAnswers.add("\"purposes\":" + Json.write(check.purposes()));
        assertThat(privateAnswers).containsExactly(expires.toString(), "\"purposes\":[\"EVALUATION\",\"TRAINING\"]");
        assertThat(steward.checkConsent(subject, dataset, Purpose.EXPORT).consented())
                .isFalse();
    }

    @Test
    @Order(2)
    void only_the_owners_peer_holds_the_consent() throws Exception {
        String onOwner = checkOnPeer("hospital-a");
        assertThat(onOwner).contains("\"consented\":true", "\"status\":\"GRANTED\"");
        for (String other : List.of("hospital-b", "research")) {
            // The same query, by the same steward, on a peer outside the collection: it has no copy to read, and
            // the peer refuses the read ("private data matching public hash version is not available").
            assertThat(checkOnPeer(other))
                    .as(other)
                    .doesNotContain("\"consented\":true")
                    .startsWith("exit 1")
                    .contains("FAILED_PRECONDITION", "cannot read private collection " + COLLECTION);
        }
    }

    /** {@code consent:Check} of the subject with the peer CLI, as hospital-a's steward, on ORG's peer. */
    private String checkOnPeer(String org) throws Exception {
        return checkOnPeer(org, true);
    }

    /** {@code consent:Check} on ORG's peer, with or without the transient evaluate marker. */
    private String checkOnPeer(String org, boolean marked) throws Exception {
        String consent = "{\"subject\":\"" + subject.hex() + "\"}";
        String marker =
                marked ? ",\"evaluate\":\"" + Base64.getEncoder().encodeToString("true".getBytes(UTF_8)) + "\"" : "";
        FabricNetwork.Result query = network.peer(
                "hospital-a",
                Map.of(
                        "CORE_PEER_ADDRESS", FabricNetwork.peerAddress(org),
                        "CORE_PEER_TLS_ROOTCERT_FILE", network.peerTlsCa(org).toString(),
                        "CORE_PEER_MSPCONFIGPATH",
                                network.userMsp("hospital-a", STEWARD).toString()),
                "chaincode",
                "query",
                "-C",
                "prooftrail",
                "-n",
                "prooftrail",
                "-c",
                "{\"function\":\"consent:Check\",\"Args\":[\"" + dataset + "\",\"TRAINING\"]}",
                "--transient",
                "{\"consent\":\"" + Base64.getEncoder().encodeToString(consent.getBytes(UTF_8)) + "\"" + marker + "}");
        System.err.println("[prooftrail IT] consent:Check on " + org + "'s peer: exit " + query.exitCode() + ": "
                + query.output().strip());
        return "exit " + query.exitCode() + ": " + query.output();
    }

    @Test
    @Order(3)
    void training_needs_an_access_grant_and_a_consent_attestation() throws Exception {
        researchAdmin.register(
                Registration.builder(model, ArtifactKind.MODEL, Digest.sha256(("weights " + run).getBytes(UTF_8)))
                        .build());
        String runJson = "{\"id\":\"" + trainingRun + "\",\"inputs\":[{\"id\":\"" + dataset + "\",\"digest\":\""
                + datasetDigest + "\"}],\"parameters\":{\"epochs\":\"3\"},\"outputs\":[\"" + model + "\"]}";

        assertRejected(() -> trainer.recordRun(runJson), ErrorCode.FAILED_PRECONDITION, "TRAINING grant");
        AccessRecord denied = trainer.logAccess(dataset, Purpose.TRAINING, "first attempt");
        assertThat(denied.decision()).isEqualTo(AccessDecision.DENIED);
        assertThat(loggedDecision(denied.transactionId())).isEqualTo(AccessDecision.DENIED);

        accessExpiry = Instant.now().plus(Duration.ofDays(30));
        steward.grantAccess(dataset, "ResearchMSP", null, Set.of(Purpose.TRAINING), accessExpiry);
        assertRejected(() -> trainer.recordRun(runJson), ErrorCode.FAILED_PRECONDITION, "consent attestation");

        ConsentAttestation attested = steward.attestConsent(dataset, Purpose.TRAINING);
        assertThat(attested.count()).isEqualTo(1);
        assertThat(attested.version()).isEqualTo(1);
        for (String org : FabricNetwork.ORGS) {
            // The attestation is public: every organisation's peer answers it, as that organisation's admin.
            FabricNetwork.Result attestation = network.peer(
                    org,
                    "chaincode",
                    "query",
                    "-C",
                    "prooftrail",
                    "-n",
                    "prooftrail",
                    "-c",
                    "{\"function\":\"consent:GetAttestation\",\"Args\":[\"" + dataset + "\",\"TRAINING\"]}");
            assertThat(attestation.exitCode()).as(attestation.output()).isZero();
            assertThat(attestation.output())
                    .as(org)
                    .contains(
                            "\"count\":1",
                            "\"status\":\"ACTIVE\"",
                            attested.root().toString());
        }

        // The deployment gate wants the trainer's recorded check of its copy before training (else AT_RISK).
        trainer.recordVerification(dataset, datasetDigest, Purpose.TRAINING, "before " + trainingRun);
        TrainingRun recorded = trainer.recordRun(runJson);
        assertThat(recorded.id()).isEqualTo(trainingRun);
        assertThat(trainer.getRun(trainingRun).inputs().get(0).consentVersion()).isPresent();
        AccessRecord allowed = trainer.logAccess(dataset, Purpose.TRAINING, "training " + trainingRun);
        assertThat(allowed.decision()).isEqualTo(AccessDecision.ALLOWED);
        assertThat(loggedDecision(allowed.transactionId())).isEqualTo(AccessDecision.ALLOWED);
        deployer.recordDeployment(deployment, model, "production", null);
    }

    /**
     * Waits until hospital-a's peer (the steward's gateway) has committed every block research's peer has: the
     * trainer's submit returns once research's peer committed, and the owner's peer may be a block behind. Each
     * check is a {@code peer channel getinfo} call; gives up after 30 s.
     */
    private void awaitOwnersPeer() throws Exception {
        long target = ChannelBlocks.height(network, "research");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long height;
        while ((height = ChannelBlocks.height(network, "hospital-a")) < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("hospital-a's peer is at height " + height + ", research's at " + target);
            }
        }
    }

    /** The decision in the access-log entry of a transaction, read back through {@code access:Logs} by the owner. */
    private AccessDecision loggedDecision(String txId) throws Exception {
        awaitOwnersPeer();
        List<AccessRecord> items = steward.accessLog(dataset, null, 500, "").items();
        return items.stream()
                .filter(item -> txId.equals(item.transactionId()))
                .findFirst()
                .map(AccessRecord::decision)
                .orElseThrow(() ->
                        new AssertionError("access:Logs of " + dataset + " has no entry of " + txId + ": " + items));
    }

    @Test
    @Order(4)
    void erasure_purges_the_consent_and_its_receipt_leads_to_what_relied_on_it() throws Exception {
        ErasureReceipt receipt = steward.eraseConsent(subject, dataset, "the subject asked to be forgotten");
        receiptId = receipt.id();
        assertThat(receiptId).startsWith("erasure:" + dataset + ":");

        ConsentCheck check = steward.checkConsent(subject, dataset, Purpose.TRAINING);
        assertThat(check.consented()).isFalse();
        assertThat(check.status()).isEqualTo(ConsentStatus.NONE);
        assertThat(checkOnPeer("hospital-a")).contains("\"status\":\"NONE\"").doesNotContain("\"consented\":true");

        ErasureReceipt stored = researchAdmin.erasure(receiptId);
        assertThat(stored.keyHash()).matches("(sha256:)?[0-9a-f]{64}");
        assertThat(stored.valueHash()).matches("(sha256:)?[0-9a-f]{64}");
        assertThat(stored.collection()).isEqualTo(COLLECTION);
        assertThat(stored.attestations()).contains("TRAINING:1");
        assertThat(stored.json()).doesNotContain(subject.hex());

        String downstream = researchAdmin.downstream(receiptId, 8).json();
        assertThat(downstream).contains(trainingRun, model, deployment);
    }

    @Test
    @Order(5)
    void bad_input_is_refused_with_its_code_and_nothing_is_committed() throws Exception {
        long height = ChannelBlocks.height(network, "hospital-a");
        Instant later = Instant.now().plus(Duration.ofDays(30));
        Digest form = Digest.sha256("form".getBytes(UTF_8));

        String inArguments = "PATIENT-IN-ARGUMENTS-" + randomHex(8);
        refusedIdentifiers.add(inArguments);
        assertRejected(
                () -> steward.transport()
                        .submit(
                                Transaction.CONSENT_GRANT,
                                List.of(inArguments),
                                Map.of("consent", consentJson(pseudonyms.of(inArguments), "TRAINING", later))),
                ErrorCode.INVALID_ARGUMENT,
                "argument");

        SubjectRef expired = pseudonyms.of("PATIENT-EXPIRED-" + randomHex(8));
        assertRejected(
                () -> steward.grantConsent(
                        expired,
                        dataset,
                        Set.of(Purpose.TRAINING),
                        Instant.now().minus(Duration.ofDays(1)),
                        form),
                ErrorCode.INVALID_ARGUMENT,
                "expiresAt");

        SubjectRef unknownPurpose = pseudonyms.of("PATIENT-PURPOSE-" + randomHex(8));
        assertRejected(
                () -> steward.transport()
                        .submit(
                                Transaction.CONSENT_GRANT,
                                List.of(),
                                Map.of("consent", consentJson(unknownPurpose, "MARKETING", later))),
                ErrorCode.INVALID_ARGUMENT,
                "MARKETING");

        assertRejected(
                () -> researchAdmin.grantAccess(dataset, "HospitalBMSP", null, Set.of(Purpose.READ), later),
                ErrorCode.PERMISSION_DENIED,
                OWNER);

        SubjectRef byCurator = pseudonyms.of("PATIENT-CURATOR-" + randomHex(8));
        assertRejected(
                () -> curatorOnly.grantConsent(byCurator, dataset, Set.of(Purpose.TRAINING), later, form),
                ErrorCode.PERMISSION_DENIED,
                "steward");

        // A query of private consent is never submitted: the client refuses to submit a query, and the chaincode
        // refuses a proposal without the evaluate marker, which only the client's evaluate path sets.
        assertThatThrownBy(() -> steward.transport()
                        .submit(
                                Transaction.CONSENT_CHECK,
                                List.of(dataset, "TRAINING"),
                                Map.of("consent", ("{\"subject\":\"" + subject.hex() + "\"}").getBytes(UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a query; evaluate it");
        assertThat(checkOnPeer("hospital-a", false))
                .startsWith("exit 1")
                .contains("FAILED_PRECONDITION", "only evaluated, never submitted")
                .doesNotContain("\"consented\"");

        assertThat(ChannelBlocks.height(network, "hospital-a"))
                .as("no block was cut for a refused transaction")
                .isEqualTo(height);
        for (SubjectRef refused : List.of(expired, unknownPurpose, byCurator)) {
            assertThat(steward.checkConsent(refused, dataset, Purpose.TRAINING).status())
                    .isEqualTo(ConsentStatus.NONE);
        }
        assertThat(steward.accessGrants(dataset))
                .extracting(AccessGrant::grantee)
                .contains("ResearchMSP")
                .doesNotContain("HospitalBMSP");
    }

    @Test
    @Order(6)
    void no_block_holds_the_identifier_or_its_reference() throws Exception {
        assertThat(grantTxId).as("the consent grant of step 1 committed").isNotNull();
        List<ChannelBlocks.Block> blocks = ChannelBlocks.fetchAll(network, "hospital-a", network.folder("blocks"));

        byte[] reference = HexFormat.of().parseHex(subject.hex());
        List<String> forbidden = new ArrayList<>(List.of(
                identifier,
                subject.hex(),
                Base64.getEncoder().encodeToString(reference),
                Base64.getEncoder().encodeToString(subject.hex().getBytes(UTF_8))));
        forbidden.addAll(refusedIdentifiers);
        assertThat(privateAnswers)
                .as("step 1 read the consent's expiry and purposes")
                .hasSize(2);
        forbidden.addAll(privateAnswers);
        boolean sawGrant = false;
        for (ChannelBlocks.Block block : blocks) {
            String raw = new String(block.raw(), ISO_8859_1);
            for (String text : forbidden) {
                assertThat(raw).as("raw block " + block.number()).doesNotContain(text);
                assertThat(block.decoded())
                        .as("decoded block " + block.number())
                        .doesNotContain(text);
            }
            assertThat(raw)
                    .as("raw block " + block.number() + " holds the reference's bytes")
                    .doesNotContain(new String(reference, ISO_8859_1));
            if (block.decoded().contains(grantTxId)) {
                sawGrant = true;
                // What the block does hold of the grant: the collection's hashed read-write set.
                assertThat(block.decoded()).contains(COLLECTION, "hashed_rwset");
            }
        }
        System.err.println("[prooftrail IT] scanned " + blocks.size() + " blocks of channel prooftrail");
        assertThat(blocks.stream().anyMatch(block -> new String(block.raw(), ISO_8859_1).contains(dataset)))
                .as("the search sees public text: the dataset's id is in the raw blocks")
                .isTrue();
        assertThat(sawGrant)
                .as("the consent grant's block was among those scanned")
                .isTrue();
        assertThat(blocks.stream()
                        .anyMatch(block -> new String(block.raw(), ISO_8859_1).contains(accessExpiry.toString())))
                .as("the search sees a public expiry written the same way: the access grant's, in its arguments")
                .isTrue();
        assertThat(receiptId).as("the erasure of step 4 committed").isNotNull();
        String erasureTxId = receiptId.substring(receiptId.lastIndexOf(':') + 1);
        assertThat(blocks.stream().anyMatch(block -> block.decoded().contains(erasureTxId)))
                .as("the erasure's block was scanned too")
                .isTrue();
    }

    private byte[] consentJson(SubjectRef who, String purpose, Instant expiresAt) {
        return ("{\"dataset\":\"" + dataset + "\",\"expiresAt\":\"" + expiresAt + "\",\"formDigest\":\""
                        + Digest.sha256("form".getBytes(UTF_8)) + "\",\"purposes\":[\"" + purpose + "\"],\"subject\":\""
                        + who.hex() + "\"}")
                .getBytes(UTF_8);
    }

    private static void assertRejected(Executable call, ErrorCode code, String mentioning) {
        assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(
                        ContractRejectedException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code))
                .hasMessageContaining(mentioning);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT);
    }
}
