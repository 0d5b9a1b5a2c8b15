package org.prooftrail.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.client.gateway.GrpcErrors.failure;
import static org.prooftrail.client.gateway.GrpcErrors.org1;
import static org.prooftrail.client.gateway.GrpcErrors.org2;

import io.grpc.Status.Code;
import org.hyperledger.fabric.client.CommitExceptions;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.protocol.ErrorCode;

class FabricErrorTranslatorTest {
    private static final String ENDPOINT = "localhost:7051";
    private final FabricErrorTranslator translator = new FabricErrorTranslator(ENDPOINT);

    @Nested
    class Chaincode_rejections {
        @Test
        void are_read_from_the_error_detail_of_the_endorsing_peer() {
            EndorseException e = new EndorseException(
                    "txA",
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            org1("chaincode response 500, PERMISSION_DENIED: only Org2MSP may change chest-xray-v3")));

            ProofTrailClientException translated = translator.endorseFailed(e);

            assertThat(translated).isInstanceOf(ContractRejectedException.class);
            ContractRejectedException rejected = (ContractRejectedException) translated;
            assertThat(rejected.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(rejected.detail()).isEqualTo("only Org2MSP may change chest-xray-v3");
            assertThat(rejected.transactionId()).contains("txA");
            assertThat(rejected.getCause()).isSameAs(e);
        }

        @Test
        void are_found_in_any_peer_detail_when_another_peer_failed_otherwise() {
            EndorseException e = new EndorseException(
                    "txB",
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            org1("failed to connect to peer"),
                            org2("chaincode response 500, FAILED_PRECONDITION: input d1 is REVOKED")));

            ContractRejectedException rejected = (ContractRejectedException) translator.endorseFailed(e);

            assertThat(rejected.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
            assertThat(rejected.detail()).isEqualTo("input d1 is REVOKED");
        }

        @Test
        void are_read_from_the_status_message_when_there_are_no_details() {
            GatewayException e = new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, INVALID_ARGUMENT: digest"
                            + " must be sha256: followed by 64 lowercase hex digits"));

            ContractRejectedException rejected = (ContractRejectedException) translator.evaluateFailed(e, "txC");

            assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(rejected.detail()).isEqualTo("digest must be sha256: followed by 64 lowercase hex digits");
            assertThat(rejected.transactionId()).contains("txC");
        }

        @Test
        void take_the_first_code_in_the_message_not_one_mentioned_in_its_detail() {
            GatewayException e = new GatewayException(failure(
                    Code.UNKNOWN,
                    "x",
                    org1("chaincode response 500, NOT_FOUND: parent p1 does not exist, INVALID_ARGUMENT: ignored")));

            ContractRejectedException rejected = (ContractRejectedException) translator.evaluateFailed(e, "txD");

            assertThat(rejected.code()).isEqualTo(ErrorCode.NOT_FOUND);
        }

        @Test
        void are_found_in_a_submit_failure_too() {
            SubmitException e = new SubmitException(
                    "txE",
                    failure(Code.ABORTED, "rejected", org1("chaincode response 500, ALREADY_EXISTS: run r1 exists")));

            assertThat(translator.submitFailed(e))
                    .isInstanceOf(ContractRejectedException.class)
                    .extracting(x -> ((ContractRejectedException) x).code())
                    .isEqualTo(ErrorCode.ALREADY_EXISTS);
        }
    }

    @Nested
    class Unreachable_or_slow_gateways {
        @Test
        void unavailable_on_endorse_names_the_endpoint_and_the_transaction() {
            EndorseException e = new EndorseException("txF", failure(Code.UNAVAILABLE, "io exception"));

            ProofTrailClientException translated = translator.endorseFailed(e);

            assertThat(translated)
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining(ENDPOINT)
                    .hasMessageContaining("io exception");
            assertThat(translated.transactionId()).contains("txF");
        }

        @Test
        void deadline_exceeded_on_evaluate_is_unavailable() {
            GatewayException e = new GatewayException(failure(Code.DEADLINE_EXCEEDED, "deadline exceeded after 5s"));

            assertThat(translator.evaluateFailed(e, "txG"))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining(ENDPOINT)
                    .hasMessageContaining("evaluation deadline");
        }

        @Test
        void a_commit_status_that_never_came_says_the_transaction_may_yet_commit() {
            CommitStatusException e =
                    new CommitStatusException("txH", failure(Code.DEADLINE_EXCEEDED, "context deadline exceeded"));

            ProofTrailClientException translated = translator.commitStatusUnknown(e, "txH", 4);

            assertThat(translated)
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("txH")
                    .hasMessageContaining("4 queries")
                    .hasMessageContaining("may yet commit");
            assertThat(translated.transactionId()).contains("txH");
        }
    }

    @Nested
    class Other_gateway_failures {
        @Test
        void keep_the_status_and_every_peer_message_and_are_not_mistaken_for_rejections() {
            EndorseException e = new EndorseException(
                    "txI",
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction",
                            org1("ProposalResponsePayloads do not match")));

            ProofTrailClientException translated = translator.endorseFailed(e);

            assertThat(translated)
                    .isExactlyInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining("endorsement of transaction txI")
                    .hasMessageContaining("ABORTED")
                    .hasMessageContaining("Org1MSP@peer0.org1.example.com:7051: ProposalResponsePayloads do not match");
            assertThat(translated.transactionId()).contains("txI");
        }

        @Test
        void a_chaincode_error_without_a_prooftrail_code_is_not_a_contract_rejection() {
            GatewayException e = new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, Undefined contract method",
                    org1("chaincode response 500, Undefined contract method")));

            assertThat(translator.evaluateFailed(e, "txJ"))
                    .isExactlyInstanceOf(ProofTrailClientException.class)
                    .hasMessageContaining("Undefined contract method");
        }
    }

    @Nested
    class Commit_failures {
        @Test
        void a_read_conflict_from_a_commit_exception_is_retryable() {
            CommitFailedException translated = translator.commitFailed(
                    CommitExceptions.of(new FakeStatus("txK", 11, TxValidationCode.MVCC_READ_CONFLICT)));

            assertThat(translated.validationCode()).isEqualTo("MVCC_READ_CONFLICT");
            assertThat(translated.retryable()).isTrue();
            assertThat(translated.transactionId()).contains("txK");
        }

        @Test
        void an_endorsement_policy_failure_from_a_commit_exception_is_not_retryable() {
            CommitFailedException translated = translator.commitFailed(
                    CommitExceptions.of(new FakeStatus("txL", 11, TxValidationCode.ENDORSEMENT_POLICY_FAILURE)));

            assertThat(translated.validationCode()).isEqualTo("ENDORSEMENT_POLICY_FAILURE");
            assertThat(translated.retryable()).isFalse();
            assertThat(translated).hasMessageContaining("txL");
        }

        @Test
        void only_read_conflicts_are_retryable() {
            for (TxValidationCode code : TxValidationCode.values()) {
                if (code == TxValidationCode.UNRECOGNIZED) {
                    continue;
                }
                boolean expected =
                        code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
                assertThat(FabricErrorTranslator.isRetryable(code))
                        .as(code.name())
                        .isEqualTo(expected);
            }
        }
    }
}
