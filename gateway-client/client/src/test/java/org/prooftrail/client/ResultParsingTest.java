package org.prooftrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.protocol.ArtifactKind;
import org.prooftrail.protocol.ArtifactStatus;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Purpose;
import org.prooftrail.protocol.Transaction;

/**
 * Every result type as the facade reads it from the chaincode's answer (shapes as docs/chaincode.md gives them):
 * the typed fields, fields this client does not know (ignored, kept in {@code json()}), missing required fields and
 * statuses this client does not know (refused, naming the transaction, the field and the value).
 */
class ResultParsingTest {
    private static final Digest D1 = Digest.sha256("one".getBytes(StandardCharsets.UTF_8));
    private static final Digest D2 = Digest.sha256("two".getBytes(StandardCharsets.UTF_8));
    private static final String T = "2026-03-01T10:15:30.123456Z";
    private static final Instant AT = Instant.parse(T);

    /** Answers every call with the same text. */
    private static final class FixedAnswer implements LedgerTransport {
        private final String answer;

        FixedAnswer(String answer) {
            this.answer = answer;
        }

        @Override
        public SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            return new SubmitResult("tx", 1, answer.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> data) {
            return answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener) {
            return () -> {};
        }

        @Override
        public String describe() {
            return "fixed";
        }

        @Override
        public void close() {}
    }

    private static ProofTrail answering(String json) {
        return ProofTrail.over(new FixedAnswer(json.replace('\'', '"')));
    }

    private static <T> T read(String json, Function<ProofTrail, T> call) {
        return call.apply(answering(json));
    }

    private static String artifactJson(String status) {
        return "{'consentFrom':['ds0'],'digest':'" + D1 + "','id':'ds1','kind':'DATASET','merkle':{'leaves':3,'root':'"
                + D2 + "'},'metadata':{'b':'2','a':'1'},'owner':'HospitalAMSP','parents':['ds0'],"
                + "'registeredAt':'" + T + "','registeredBy':'x509::CN=alice','requiresConsent':true,'size':42,"
                + "'status':'" + status + "','statusChange':{'changedAt':'" + T + "','changedBy':'x509::CN=bob',"
                + "'changedByOrg':'HospitalAMSP','id':'ds1','reason':'superseded','status':'" + status + "',"
                + "'txId':'t2'},'txId':'t1','uri':'s3://b/ds1'}";
    }

    @Nested
    class Artifacts {
        @Test
        void an_artifact_reads_every_field_with_its_type() {
            ArtifactRecord record = read(artifactJson("DEPRECATED"), p -> p.get("ds1"));

            assertThat(record.id()).isEqualTo("ds1");
            assertThat(record.kind()).isEqualTo(ArtifactKind.DATASET);
            assertThat(record.digest()).isEqualTo(D1);
            assertThat(record.size()).contains(42L);
            assertThat(record.uri()).contains("s3://b/ds1");
            assertThat(record.merkle()).contains(new ArtifactRecord.Merkle(D2, 3));
            assertThat(record.merkleRoot()).contains(D2);
            assertThat(record.parents()).containsExactly("ds0");
            assertThat(record.metadata()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
            assertThat(record.requiresConsent()).isTrue();
            assertThat(record.consentFrom()).containsExactly("ds0");
            assertThat(record.owner()).isEqualTo("HospitalAMSP");
            assertThat(record.registeredBy()).isEqualTo("x509::CN=alice");
            assertThat(record.registeredAt()).isEqualTo(AT);
            assertThat(record.transactionId()).isEqualTo("t1");
            assertThat(record.status()).isEqualTo(ArtifactStatus.DEPRECATED);
            assertThat(record.statusChange())
                    .contains(new ArtifactRecord.StatusChange(
                            ArtifactStatus.DEPRECATED,
                            java.util.Optional.of("superseded"),
                            "x509::CN=bob",
                            "HospitalAMSP",
                            AT,
                            "t2"));
        }

        @Test
        void optional_fields_may_be_absent() {
            ArtifactRecord record = read(
                    "{'digest':'" + D1 + "','id':'m','kind':'MODEL','owner':'O','registeredAt':'" + T
                            + "','registeredBy':'b','status':'ACTIVE','txId':'t'}",
                    p -> p.get("m"));

            assertThat(record.size()).isEmpty();
            assertThat(record.uri()).isEmpty();
            assertThat(record.merkle()).isEmpty();
            assertThat(record.parents()).isEmpty();
            assertThat(record.metadata()).isEmpty();
            assertThat(record.requiresConsent()).isFalse();
            assertThat(record.statusChange()).isEmpty();
        }

        @Test
        void a_field_this_client_does_not_know_is_ignored_and_kept_in_the_json() {
            String json = artifactJson("ACTIVE").replace("{'consentFrom'", "{'aNewerField':{'x':[1,2]},'consentFrom'");

            ArtifactRecord record = read(json, p -> p.get("ds1"));

            assertThat(record.id()).isEqualTo("ds1");
            assertThat(record.json()).startsWith("{\"aNewerField\":{\"x\":[1,2]},\"consentFrom\":[\"ds0\"]");
        }

        @Test
        void the_json_is_the_answer_with_its_keys_sorted() {
            ArtifactRecord record = read(artifactJson("ACTIVE"), p -> p.get("ds1"));

            assertThat(record.json())
                    .isEqualTo(artifactJson("ACTIVE")
                            .replace('\'', '"')
                            .replace("{\"b\":\"2\",\"a\":\"1\"}", "{\"a\":\"1\",\"b\":\"2\"}"));
        }

        @Test
        void a_status_this_client_does_not_know_is_refused_naming_it_and_the_known_ones() {
            assertThatThrownBy(() -> read(artifactJson("QUARANTINED"), p -> p.get("ds1")))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessage("the ledger's answer to artifact:Get is not what this client reads: \"status\" is"
                            + " QUARANTINED, which this client does not know (it knows ACTIVE, DEPRECATED, REVOKED)"
                            + " (is the chaincode a different version?)");
        }

        @Test
        void a_missing_required_field_is_refused_by_name() {
            String json = artifactJson("ACTIVE").replace("'owner':'HospitalAMSP',", "");

            assertThatThrownBy(() -> read(json, p -> p.get("ds1")))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining("artifact:Get")
                    .hasMessageContaining("\"owner\" is missing");
        }

        @Test
        void a_nested_field_is_named_with_its_path() {
            String json = artifactJson("ACTIVE").replace("'leaves':3", "'leaves':'3'");

            assertThatThrownBy(() -> read(json, p -> p.get("ds1")))
                    .hasMessageContaining("\"merkle.leaves\" is not an integer");
        }

        @Test
        void a_malformed_digest_or_time_is_refused() {
            assertThatThrownBy(() -> read(artifactJson("ACTIVE").replace(D1.toString(), "sha256:ab"), p -> p.get("x")))
                    .hasMessageContaining("\"digest\" is not a sha256: digest: sha256:ab");
            assertThatThrownBy(() -> read(artifactJson("ACTIVE").replace(T, "yesterday"), p -> p.get("x")))
                    .hasMessageContaining("\"registeredAt\" is not an ISO-8601 instant: yesterday");
        }

        @Test
        void an_answer_that_is_not_json_or_not_an_object_is_refused() {
            assertThatThrownBy(() -> read("not json", p -> p.get("x")))
                    .isInstanceOf(ProofTrailClientException.class)
                    .hasMessageStartingWith("the ledger's answer to artifact:Get is not JSON this client reads:");
            assertThatThrownBy(() -> read("[]", p -> p.get("x")))
                    .hasMessageContaining("the answer is not a JSON object");
            assertThatThrownBy(() -> read("{}", p -> p.history("x")))
                    .hasMessageContaining("the answer is not a JSON array");
            assertThatThrownBy(() -> read("{'id':'a','id':'b'}", p -> p.get("x")))
                    .hasMessageContaining("duplicate key \"id\"");
        }

        @Test
        void verify_reads_the_match_both_digests_and_the_status() {
            VerificationOutcome outcome = read(
                    "{'actual':'" + D2 + "','expected':'" + D1 + "','id':'m','match':false,'status':'REVOKED'}",
                    p -> p.verify("m", D2));

            assertThat(outcome)
                    .extracting(
                            VerificationOutcome::id,
                            VerificationOutcome::matches,
                            VerificationOutcome::expected,
                            VerificationOutcome::actual,
                            VerificationOutcome::status)
                    .containsExactly("m", false, D1, D2, ArtifactStatus.REVOKED);
        }

        @Test
        void a_recorded_verification_and_the_list_of_them() {
            String record = "{'digestSeen':'" + D2 + "','expected':'" + D1 + "','id':'m','match':false,"
                    + "'note':'before run 1','purpose':'TRAINING','status':'ACTIVE','txId':'t9',"
                    + "'verifiedAt':'" + T + "','verifiedBy':'x509::CN=lab','verifierOrg':'LabMSP'}";

            VerificationRecord recorded = read(record, p -> p.recordVerification("m", D2, Purpose.TRAINING, null));
            ArtifactVerifications all =
                    read("{'id':'m','verifications':[" + record + "," + record + "]}", p -> p.verifications("m"));

            assertThat(recorded.matches()).isFalse();
            assertThat(recorded.digestSeen()).isEqualTo(D2);
            assertThat(recorded.purpose()).isEqualTo(Purpose.TRAINING);
            assertThat(recorded.note()).contains("before run 1");
            assertThat(recorded.verifierOrg()).isEqualTo("LabMSP");
            assertThat(recorded.verifiedAt()).isEqualTo(AT);
            assertThat(recorded.transactionId()).isEqualTo("t9");
            assertThat(all.verifications()).containsExactly(recorded, recorded);
            assertThat(read("{'id':'m'}", p -> p.verifications("m")).verifications())
                    .isEmpty();
        }

        @Test
        void history_entries_of_every_type() {
            List<HistoryEntry> history = read(
                    "[{'by':'a','digest':'" + D1 + "','org':'O','status':'ACTIVE','timestamp':'" + T
                            + "','txId':'t1','type':'REGISTERED'},"
                            + "{'by':'l','digest':'" + D2 + "','match':false,'org':'L','purpose':'AUDIT','reason':'n',"
                            + "'status':'ACTIVE','timestamp':'" + T + "','txId':'t2','type':'VERIFIED'},"
                            + "{'differences':['deleted'],'tampered':true,'timestamp':'" + T
                            + "','txId':'t3','type':'UNEXPECTED_CHANGE'}]",
                    p -> p.history("m"));

            assertThat(history)
                    .extracting(HistoryEntry::type)
                    .containsExactly(
                            HistoryEntry.Type.REGISTERED,
                            HistoryEntry.Type.VERIFIED,
                            HistoryEntry.Type.UNEXPECTED_CHANGE);
            assertThat(history.get(0).match()).isEmpty();
            assertThat(history.get(0).digest()).contains(D1);
            assertThat(history.get(1).match()).contains(false);
            assertThat(history.get(1).purpose()).contains(Purpose.AUDIT);
            assertThat(history.get(1).reason()).contains("n");
            assertThat(history.get(2).tampered()).isTrue();
            assertThat(history.get(2).differences()).containsExactly("deleted");
            assertThat(history.get(2).by()).isEmpty();
            assertThat(history.get(2).json())
                    .isEqualTo("{\"differences\":[\"deleted\"],\"tampered\":true," + "\"timestamp\":\"" + T
                            + "\",\"txId\":\"t3\",\"type\":\"UNEXPECTED_CHANGE\"}");
            assertThatThrownBy(() -> read("[{'timestamp':'" + T + "','txId':'t','type':'MOVED'}]", p -> p.history("m")))
                    .hasMessageContaining("\"[0].type\" is MOVED, which this client does not know");
        }

        @Test
        void a_page_says_whether_more_follow() {
            Page<ArtifactRecord> page = read(
                    "{'bookmark':'ds1','count':1,'items':[" + artifactJson("ACTIVE") + "]}",
                    p -> p.list(null, null, 1, ""));
            Page<ArtifactRecord> last = read("{'bookmark':'','count':0,'items':[]}", p -> p.list(null, null, 1, ""));

            assertThat(page.items()).extracting(ArtifactRecord::id).containsExactly("ds1");
            assertThat(page.count()).isEqualTo(1);
            assertThat(page.hasMore()).isTrue();
            assertThat(page.bookmark()).isEqualTo("ds1");
            assertThat(last.hasMore()).isFalse();
            assertThatThrownBy(() -> read("{'items':[{'id':'x'}]}", p -> p.list(null, null, 1, "")))
                    .hasMessageContaining("\"items[0].kind\" is missing");
        }

        @Test
        void an_inclusion_check_that_does_not_hold_has_its_reason() {
            InclusionCheck check = read(
                    "{'id':'m','included':false,'leafDigest':'" + D1 + "','leafIndex':2,'reason':'root differs',"
                            + "'root':'" + D2 + "','treeSize':5}",
                    p -> p.verifyInclusion("m", D1, "{}"));

            assertThat(check.included()).isFalse();
            assertThat(check.reason()).contains("root differs");
            assertThat(check.root()).contains(D2);
            assertThat(check.leafIndex()).isEqualTo(2);
            assertThat(check.treeSize()).isEqualTo(5);
        }
    }

    @Nested
    class Lineage {
        private static final String REASON =
                "{'code':'REVOKED_ARTIFACT','message':'gone','node':'artifact:ds1','severity':'TAINTED','txId':'t7'}";

        @Test
        void a_run_with_its_inputs_consents_and_unendorsed_claims() {
            TrainingRun run = read(
                    "{'code':'train.py','consents':[{'dataset':'ds1','purpose':'TRAINING','version':2}],"
                            + "'environment':{'gpu':'a100'},'id':'r1','inputs':[{'consentVersion':2,'digest':'" + D1
                            + "','id':'ds1'}],'outputs':['m1'],'parameters':{'lr':'0.1'},'recordedAt':'" + T
                            + "','recordedBy':'x','trainer':'LabMSP','txId':'t4',"
                            + "'unendorsed':[{'artifact':'ds1','owner':'HospitalAMSP'}]}",
                    p -> p.getRun("r1"));

            assertThat(run.inputs()).containsExactly(new TrainingRun.Input("ds1", D1, java.util.Optional.of(2L)));
            assertThat(run.code()).contains("train.py");
            assertThat(run.config()).isEmpty();
            assertThat(run.parameters()).containsEntry("lr", "0.1");
            assertThat(run.environment()).containsEntry("gpu", "a100");
            assertThat(run.outputs()).containsExactly("m1");
            assertThat(run.trainer()).isEqualTo("LabMSP");
            assertThat(run.consents()).containsExactly(new TrainingRun.ConsentReliance("ds1", Purpose.TRAINING, 2));
            assertThat(run.unendorsed()).containsExactly(new TrainingRun.Unendorsed("ds1", "HospitalAMSP"));
        }

        @Test
        void a_retired_deployment_with_accepted_risks() {
            Deployment deployment = read(
                    "{'acceptedRisk':'reviewed','compliance':'AT_RISK','environment':'prod','id':'d1','model':'m1',"
                            + "'modelDigest':'" + D1 + "','owner':'LabMSP','recordedAt':'" + T + "','recordedBy':'x',"
                            + "'retirement':{'changedAt':'" + T + "','changedBy':'y','id':'d1','reason':'old',"
                            + "'status':'RETIRED','txId':'t6'},'riskReasons':[" + REASON.replace("TAINTED", "AT_RISK")
                            + "],'status':'RETIRED','txId':'t5'}",
                    p -> p.getDeployment("d1"));

            assertThat(deployment.status()).isEqualTo(DeploymentStatus.RETIRED);
            assertThat(deployment.compliance()).isEqualTo(ComplianceStatus.AT_RISK);
            assertThat(deployment.endpoint()).isEmpty();
            assertThat(deployment.acceptedRisk()).contains("reviewed");
            assertThat(deployment.riskReasons())
                    .containsExactly(new ComplianceReason(
                            ComplianceStatus.AT_RISK,
                            "REVOKED_ARTIFACT",
                            "artifact:ds1",
                            java.util.Optional.of("t7"),
                            "gone"));
            assertThat(deployment.retirement()).hasValueSatisfying(retirement -> {
                assertThat(retirement.reason()).contains("old");
                assertThat(retirement.transactionId()).isEqualTo("t6");
            });
            assertThatThrownBy(() -> read(
                            "{'compliance':'CLEAR','environment':'e','id':'d','model':'m','modelDigest':'" + D1
                                    + "','owner':'O','recordedAt':'" + T + "','status':'PAUSED','txId':'t'}",
                            p -> p.getDeployment("d")))
                    .hasMessageContaining(
                            "\"status\" is PAUSED, which this client does not know (it knows ACTIVE," + " RETIRED)");
        }

        @Test
        void a_lineage_graph_with_its_direction_nodes_and_edges() {
            LineageGraph graph = read(
                    "{'depth':8,'direction':'downstream','edges':[{'from':'artifact:ds1','relation':'input',"
                            + "'to':'run:r1'}],'nodes':[{'digest':'" + D1 + "','id':'ds1','key':'artifact:ds1',"
                            + "'kind':'DATASET','owner':'O','status':'ACTIVE','type':'artifact'},{'id':'r1',"
                            + "'key':'run:r1','type':'run'}],'root':'artifact:ds1','truncated':true}",
                    p -> p.downstream("ds1", 8));

            assertThat(graph.direction()).isEqualTo(LineageGraph.Direction.DOWNSTREAM);
            assertThat(graph.depth()).isEqualTo(8);
            assertThat(graph.truncated()).isTrue();
            assertThat(graph.nodes()).extracting(LineageGraph.Node::key).containsExactly("artifact:ds1", "run:r1");
            assertThat(graph.nodes().get(0).kind()).contains("DATASET");
            assertThat(graph.nodes().get(1).status()).isEmpty();
            assertThat(graph.edges()).containsExactly(new LineageGraph.Edge("artifact:ds1", "run:r1", "input"));
            assertThatThrownBy(() -> read("{'direction':'sideways','root':'x'}", p -> p.upstream("x", 1)))
                    .hasMessageContaining("\"direction\" is sideways, which this client does not know (it knows"
                            + " upstream, downstream)");
        }

        @Test
        void a_compliance_report_and_a_scan() {
            ComplianceReport report = read(
                    "{'id':'d1','node':'deployment:d1','reasons':[" + REASON + "],'status':'TAINTED'}",
                    p -> p.compliance("d1"));
            ComplianceScan scan = read(
                    "{'asOf':'" + T + "','items':[{'action':'renew','expiresAt':'" + T + "','grantee':'LabMSP',"
                            + "'id':'ds1','kind':'grant','owner':'O','status':'EXPIRED','txId':'t1'},{'action':'retire',"
                            + "'id':'d1','kind':'deployment','owner':'O','reasons':[" + REASON + "],"
                            + "'status':'TAINTED'}],'needsAction':true,'owner':'O','truncated':false,'withinDays':30}",
                    p -> p.complianceScan("O", 30));

            assertThat(report.status()).isEqualTo(ComplianceStatus.TAINTED);
            assertThat(report.reasons()).extracting(ComplianceReason::code).containsExactly("REVOKED_ARTIFACT");
            assertThat(report.acceptedRisk()).isEmpty();
            assertThat(scan.asOf()).isEqualTo(AT);
            assertThat(scan.withinDays()).isEqualTo(30);
            assertThat(scan.owner()).contains("O");
            assertThat(scan.needsAction()).isTrue();
            assertThat(scan.items())
                    .extracting(ComplianceScan.Item::kind)
                    .containsExactly(ComplianceScan.Kind.GRANT, ComplianceScan.Kind.DEPLOYMENT);
            assertThat(scan.items().get(0).grantee()).contains("LabMSP");
            assertThat(scan.items().get(0).expiresAt()).contains(AT);
            assertThat(scan.items().get(1).reasons()).hasSize(1);
            assertThatThrownBy(() -> read(
                            "{'id':'x','node':'artifact:x','reasons':[" + REASON.replace("TAINTED", "DOOMED")
                                    + "],'status':'TAINTED'}",
                            p -> p.compliance("x")))
                    .hasMessageContaining("\"reasons[0].severity\" is DOOMED");
        }
    }

    @Nested
    class AccessAndConsent {
        private static final String GRANT = "{'artifact':'ds1','changedAt':'" + T + "','changedBy':'c',"
                + "'expiresAt':'2027-01-01T00:00:00Z','grantee':'LabMSP','owner':'O','purposes':['TRAINING','READ'],"
                + "'status':'ACTIVE','txId':'t1'}";

        @Test
        void grants_keep_their_purposes_in_order_and_their_status() {
            AccessGrant grant = read(GRANT, p -> p.grantAccess("ds1", "LabMSP", null, Set.of(Purpose.READ), AT));
            List<AccessGrant> grants = read("[" + GRANT + "]", p -> p.accessGrants("ds1"));

            assertThat(grant.purposes()).containsExactly(Purpose.TRAINING, Purpose.READ);
            assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
            assertThat(grant.role()).isEmpty();
            assertThat(grant.expiresAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
            assertThat(grants).containsExactly(grant);
            assertThatThrownBy(() -> read(GRANT.replace("'READ'", "'SELL'"), p -> p.revokeAccess("a", "b", null, "r")))
                    .hasMessageContaining("\"purposes\" is SELL, which this client does not know");
        }

        @Test
        void an_access_record_says_whether_it_was_allowed() {
            String denied = "{'accessor':'LabMSP','accessorId':'x','artifact':'ds1','at':'" + T + "',"
                    + "'decision':'DENIED','owner':'O','purpose':'TRAINING','reason':'no grant','txId':'t'}";

            AccessRecord record = read(denied, p -> p.logAccess("ds1", Purpose.TRAINING, null));
            Page<AccessRecord> page =
                    read("{'bookmark':'','count':1,'items':[" + denied + "]}", p -> p.accessLog("ds1", null, 5, ""));

            assertThat(record.decision()).isEqualTo(AccessDecision.DENIED);
            assertThat(record.allowed()).isFalse();
            assertThat(record.reason()).contains("no grant");
            assertThat(page.items()).containsExactly(record);
        }

        @Test
        void a_consent_receipt_check_and_attestation() {
            SubjectRef subject = SubjectRef.ofHex("ab".repeat(32));
            ConsentReceipt receipt = read(
                    "{'collection':'c','dataset':'ds1','staleAttestations':[{'purpose':'TRAINING','version':1}],"
                            + "'status':'REVOKED','txId':'t'}",
                    p -> p.revokeConsent(subject, "ds1", "withdrawn"));
            ConsentCheck none = read(
                    "{'consented':false,'dataset':'ds1','purpose':'TRAINING','status':'NONE'}",
                    p -> p.checkConsent(subject, "ds1", Purpose.TRAINING));
            ConsentAttestation stale = read(
                    "{'attestedAt':'" + T + "','attestedBy':'s','count':3,'dataset':'ds1','owner':'O','purpose':"
                            + "'TRAINING','root':'" + D1 + "','staleAt':'" + T + "','staleReason':'revoked',"
                            + "'staleTxId':'t8','status':'STALE','txId':'t','validUntil':'" + T + "','version':1}",
                    p -> p.consentAttestation("ds1", Purpose.TRAINING));

            assertThat(receipt.status()).isEqualTo(ConsentStatus.REVOKED);
            assertThat(receipt.staleAttestations())
                    .containsExactly(new ConsentReceipt.StaleAttestation(Purpose.TRAINING, 1));
            assertThat(none.consented()).isFalse();
            assertThat(none.status()).isEqualTo(ConsentStatus.NONE);
            assertThat(none.expiresAt()).isEmpty();
            assertThat(none.purposes()).isEmpty();
            assertThat(stale.status()).isEqualTo(AttestationStatus.STALE);
            assertThat(stale.count()).isEqualTo(3);
            assertThat(stale.staleTxId()).contains("t8");
            assertThat(stale.validUntil()).contains(AT);
        }

        @Test
        void a_consent_proof_its_check_and_an_erasure_receipt() {
            ConsentProof proof = read(
                    "{'dataset':'ds1','leafDigest':'" + D1 + "','leafIndex':0,'path':['" + D2 + "'],'purpose':"
                            + "'TRAINING','root':'" + D2 + "','treeSize':2,'version':1}",
                    p -> p.proveConsent(SubjectRef.ofHex("ab".repeat(32)), "ds1", Purpose.TRAINING));
            ConsentInclusion refused = read(
                    "{'dataset':'ds1','included':false,'purpose':'TRAINING','reason':'no','version':1}",
                    p -> p.verifyConsentInclusion("ds1", Purpose.TRAINING, D1, "{}"));
            ErasureReceipt receipt = read(
                    "{'attestations':['TRAINING:1'],'collection':'c','dataset':'ds1','erasedAt':'" + T + "',"
                            + "'erasedBy':'s','erasedByOrg':'O','id':'erasure:ds1:t','keyHash':'k','reason':'gdpr',"
                            + "'txId':'t','valueHash':'v'}",
                    p -> p.erasure("erasure:ds1:t"));

            assertThat(proof.path()).containsExactly(D2);
            assertThat(proof.leafDigest()).isEqualTo(D1);
            assertThat(proof.json()).startsWith("{\"dataset\":\"ds1\",\"leafDigest\":");
            assertThat(refused.included()).isFalse();
            assertThat(refused.reason()).contains("no");
            assertThat(receipt.attestations()).containsExactly("TRAINING:1");
            assertThat(receipt.erasedAt()).isEqualTo(AT);
        }
    }
}
