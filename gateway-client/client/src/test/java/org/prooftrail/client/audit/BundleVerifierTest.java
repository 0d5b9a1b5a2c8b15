package org.prooftrail.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.client.audit.TestChannel.A;
import static org.prooftrail.client.audit.TestChannel.B;
import static org.prooftrail.client.audit.TestChannel.R;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleVerifierTest {
    private TestChannel channel;
    private ProofBundle bundle;
    private BundledRecord registration;
    private BundledRecord status;
    private BundledRecord run;

    /**
     * Block 1: HospitalA registers dataset ds, endorsed by HospitalA and Research (a majority of three), and puts its
     * state key under an owner-only key-level policy. Block 2: HospitalA deprecates it, endorsed by HospitalA alone.
     * Block 3: Research records run r1, endorsed by all three. Block 4: an unrelated transaction, the tip.
     */
    @BeforeAll
    void channel() throws Exception {
        channel = new TestChannel();
        TestChannel.Org a = channel.org(A);
        TestChannel.Org b = channel.org(B);
        TestChannel.Org r = channel.org(R);
        TestChannel.Write artifact = TestChannel.Write.of(TestChannel.key("artifact", "ds"), "{\"id\":\"ds\"}");
        TestChannel.Write state = new TestChannel.Write(
                TestChannel.key("artifactstate", "ds"),
                "{\"status\":\"ACTIVE\"}",
                TestChannel.ownerOnly(A, MSPRole.MSPRoleType.PEER));
        channel.commit(channel.transaction("tx1", a.client(), List.of(a.peer(), r.peer()), List.of(artifact, state)));
        TestChannel.Write deprecated =
                TestChannel.Write.of(TestChannel.key("artifactstate", "ds"), "{\"status\":\"DEPRECATED\"}");
        channel.commit(channel.transaction("tx2", a.client(), List.of(a.peer()), List.of(deprecated)));
        TestChannel.Write runRecord = TestChannel.Write.of(TestChannel.key("run", "r1"), "{\"id\":\"r1\"}");
        channel.commit(
                channel.transaction("tx3", r.client(), List.of(a.peer(), b.peer(), r.peer()), List.of(runRecord)));
        channel.commit(channel.transaction(
                "tx4",
                b.client(),
                List.of(b.peer(), r.peer()),
                List.of(TestChannel.Write.of(TestChannel.key("artifact", "other"), "{}"))));
        registration = TestChannel.record("ds", "registration", "tx1", 1, artifact);
        status = TestChannel.record("ds", "status", "tx2", 2, deprecated);
        run = TestChannel.record("r1", "run", "tx3", 3, runRecord);
        bundle = channel.bundle(List.of(registration, status, run));
    }

    private static BundleVerification verify(ProofBundle bundle) {
        return BundleVerifier.verify(bundle, AuditTrust.bundle());
    }

    private static Check check(BundleVerification verification, BundledRecord record, String name) {
        return verification.records().stream()
                .filter(each -> each.transactionId().equals(record.transactionId()))
                .findFirst()
                .orElseThrow()
                .check(name)
                .orElseThrow();
    }

    @Nested
    class AnIntactBundle {
        @Test
        void passes_every_check_of_every_record_in_ledger_order() {
            BundleVerification verification = verify(bundle);

            assertThat(verification.ok()).as(verification.toString()).isTrue();
            assertThat(verification.records())
                    .extracting(RecordVerification::transactionId)
                    .containsExactly("tx1", "tx2", "tx3");
            assertThat(verification.records().get(0).checks())
                    .extracting(Check::name)
                    .containsExactlyElementsOf(Check.NAMES);
        }

        @Test
        void names_the_creator_and_the_time_of_each_record() {
            RecordVerification first = verify(bundle).records().get(0);

            assertThat(first.creatorMspId()).contains(A);
            assertThat(first.creatorSubject())
                    .hasValueSatisfying(subject ->
                            assertThat(subject).contains("CN=user." + A).contains("OU=client"));
            assertThat(first.timestamp()).isPresent();
            assertThat(first.key()).isEqualTo("artifact/ds");
        }

        @Test
        void applies_the_majority_to_new_keys_and_the_owner_only_policy_to_the_state_key_it_set() {
            BundleVerification verification = verify(bundle);

            assertThat(check(verification, registration, Check.ENDORSEMENT_POLICY)
                            .detail())
                    .contains("chaincode policy MAJORITY Endorsement")
                    .contains("2 of 3");
            assertThat(check(verification, status, Check.ENDORSEMENT_POLICY).detail())
                    .contains("key-level OutOf(1, " + A + ".peer)")
                    .doesNotContain("chaincode policy");
        }

        @Test
        void reads_back_from_its_json_file_and_verifies_the_same() {
            ProofBundle read = ProofBundle.fromJson(bundle.toJson());

            assertThat(read.toJson()).isEqualTo(bundle.toJson());
            assertThat(verify(read).ok()).isTrue();
        }

        @Test
        void verifies_against_the_organisations_ca_certificates_given_as_trust() {
            String pems = TestChannel.pem(channel.org(A).root())
                    + TestChannel.pem(channel.org(B).root())
                    + TestChannel.pem(channel.org(R).root())
                    + TestChannel.pem(channel.orderer().certificate());
            // the orderer's root is not among them: the check names it
            BundleVerification partial = BundleVerifier.verify(
                    bundle, AuditTrust.rootCertificates(pems.getBytes(StandardCharsets.UTF_8), "cas.pem"));

            assertThat(partial.failedChecks()).containsExactly(Check.CHANNEL_CONFIG);
            assertThat(partial.records()
                            .get(0)
                            .check(Check.CHANNEL_CONFIG)
                            .orElseThrow()
                            .detail())
                    .contains("OrdererMSP")
                    .contains("not among the trusted CA certificates");
        }

        @Test
        void verifies_against_an_independently_obtained_config_block() {
            BundleVerification verification = BundleVerifier.verify(
                    bundle, AuditTrust.configBlock(channel.blocks().get(0).toByteArray(), "genesis.block"));

            assertThat(verification.ok()).isTrue();
            assertThat(verification.trust()).contains("genesis.block");
        }
    }

    @Nested
    class ATamperedBundle {
        @Test
        void fails_creator_signature_and_data_hash_when_a_byte_of_a_record_is_flipped() {
            BundleVerification verification = verify(BundleTampering.flipRecordByte(bundle, run));

            assertThat(check(verification, run, Check.CREATOR_SIGNATURE).ok()).isFalse();
            assertThat(check(verification, run, Check.DATA_HASH).ok()).isFalse();
            assertThat(check(verification, registration, Check.CREATOR_SIGNATURE)
                            .ok())
                    .isTrue();
        }

        @Test
        void fails_endorsement_policy_when_an_endorsement_is_dropped_below_the_majority() {
            BundleVerification verification = verify(BundleTampering.dropEndorsements(bundle, registration, 1));

            Check policy = check(verification, registration, Check.ENDORSEMENT_POLICY);
            assertThat(policy.ok()).isFalse();
            assertThat(policy.detail())
                    .contains("NOT SATISFIED: chaincode policy MAJORITY")
                    .contains("1 of 3");
        }

        @Test
        void fails_endorsement_policy_when_another_organisation_endorses_an_owner_only_key() {
            TestChannel.Org b = channel.org(B);
            ProofBundle forged = BundleTampering.endorseAs(
                    bundle,
                    status,
                    b.peer().serialized(),
                    b.peer()::sign,
                    b.client().serialized(),
                    b.client()::sign);

            BundleVerification verification = verify(forged);

            // B's own signatures are genuine; only the policy and the hashes give it away
            assertThat(check(verification, status, Check.CREATOR_SIGNATURE).ok())
                    .isTrue();
            assertThat(check(verification, status, Check.ENDORSER_SIGNATURES).ok())
                    .isTrue();
            assertThat(check(verification, status, Check.ENDORSEMENT_POLICY).ok())
                    .isFalse();
            assertThat(check(verification, status, Check.ENDORSEMENT_POLICY).detail())
                    .contains("NOT SATISFIED: key-level OutOf(1, " + A + ".peer)");
        }

        @Test
        void fails_channel_config_when_a_ca_is_substituted() throws Exception {
            BundleVerification verification = verify(BundleTampering.substituteCa(bundle, A, TestChannel.strangerCa()));

            assertThat(check(verification, run, Check.CHANNEL_CONFIG).ok()).isFalse();
            assertThat(check(verification, registration, Check.CREATOR_SIGNATURE)
                            .detail())
                    .contains("does not chain to the roots of " + A);
        }

        @Test
        void fails_channel_config_when_the_trusted_config_block_has_other_roots() throws Exception {
            ProofBundle substituted = BundleTampering.substituteCa(bundle, A, TestChannel.strangerCa());

            BundleVerification verification = BundleVerifier.verify(
                    bundle, AuditTrust.configBlock(substituted.configBlock().toByteArray(), "forged.block"));

            assertThat(verification.failedChecks()).contains(Check.CHANNEL_CONFIG);
            assertThat(check(verification, registration, Check.CHANNEL_CONFIG).detail())
                    .contains("root certificates of " + A + " differ");
        }

        @Test
        void fails_header_chain_when_a_block_is_swapped_for_another() {
            BundleVerification verification =
                    verify(BundleTampering.swapBlock(bundle, 2, bundle.blocks().get(3L)));

            assertThat(check(verification, status, Check.HEADER_CHAIN).ok()).isFalse();
            assertThat(check(verification, status, Check.HEADER_CHAIN).detail()).contains("is block 3");
            assertThat(check(verification, run, Check.HEADER_CHAIN).ok()).isTrue();
        }

        @Test
        void fails_header_chain_below_a_broken_link_only() {
            BundleVerification verification = verify(BundleTampering.breakHeaderChain(bundle, 3));

            assertThat(check(verification, registration, Check.HEADER_CHAIN).ok())
                    .isFalse();
            assertThat(check(verification, status, Check.HEADER_CHAIN).detail())
                    .contains("header 3's previous hash is not the hash of header 2");
            assertThat(check(verification, run, Check.HEADER_CHAIN).ok()).isFalse();
        }

        @Test
        void fails_orderer_signatures_when_the_tip_signature_is_forged() {
            BundleVerification verification = verify(BundleTampering.forgeOrdererSignature(bundle));

            assertThat(verification.failedChecks()).containsExactly(Check.ORDERER_SIGNATURES);
            assertThat(check(verification, run, Check.ORDERER_SIGNATURES).detail())
                    .contains("0 of 1 signature(s) valid");
        }

        @Test
        void fails_validation_flag_when_the_flag_is_changed() {
            BundleVerification verification = verify(
                    BundleTampering.withValidationFlag(bundle, run, TxValidationCode.ENDORSEMENT_POLICY_FAILURE_VALUE));

            assertThat(verification.failedChecks()).containsExactly(Check.VALIDATION_FLAG);
            assertThat(check(verification, run, Check.VALIDATION_FLAG).detail())
                    .isEqualTo("flagged ENDORSEMENT_POLICY_FAILURE");
        }

        @Test
        void fails_write_set_when_the_record_claims_a_value_the_transaction_did_not_write() {
            BundleVerification verification =
                    verify(BundleTampering.claimValue(bundle, run, ByteString.copyFromUtf8("{\"id\":\"r2\"}")));

            assertThat(verification.failedChecks()).containsExactly(Check.WRITE_SET);
            assertThat(check(verification, run, Check.WRITE_SET).detail()).contains("writes run/r1 with other bytes");
        }

        @Test
        void fails_header_chain_when_the_chain_is_truncated_before_the_tip() {
            BundleVerification verification = verify(BundleTampering.truncateChain(bundle, 1));

            assertThat(verification.failedChecks()).containsExactly(Check.HEADER_CHAIN);
            assertThat(check(verification, run, Check.HEADER_CHAIN).detail())
                    .isEqualTo("the header chain ends at block 3, the tip is block 4");
        }

        @Test
        void fails_endorsement_policy_of_a_later_status_change_when_the_registration_is_flagged_invalid() {
            BundleVerification verification = verify(BundleTampering.withValidationFlag(
                    bundle, registration, TxValidationCode.MVCC_READ_CONFLICT_VALUE));

            assertThat(check(verification, registration, Check.VALIDATION_FLAG).ok())
                    .isFalse();
            // no valid transaction set the owner-only policy, so the majority applies to the status change
            assertThat(check(verification, status, Check.ENDORSEMENT_POLICY).ok())
                    .isFalse();
        }
    }
}
