package org.prooftrail.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.prooftrail.client.gateway.GrpcErrors.failure;
import static org.prooftrail.client.gateway.GrpcErrors.org1;

import io.grpc.Status.Code;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.SubmitResult;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.client.gateway.FabricGatewayTransport.Resolution;
import org.prooftrail.client.gateway.FakeStages.Outcome;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

class FabricGatewayTransportTest {
    private static final String ENDPOINT = "peer0.org1.example.com:7051";
    private static final String REGISTER_JSON = "{\"id\":\"chest-xray-v3\"}";

    private final FakeStages ledger = new FakeStages();
    private static final Resolution RESOLUTION = new Resolution(Duration.ofSeconds(120), 5);

    private final List<Duration> waits = new ArrayList<>();
    /** The time the transport reads: it advances only by the waits, which the fake sleeper records. */
    private final long[] clock = {0};

    private final RetryPolicy retryPolicy = new RetryPolicy(
            5,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            4,
            wait -> {
                waits.add(wait);
                clock[0] += wait.toNanos();
            },
            new Random(42),
            () -> clock[0]);
    private final FabricGatewayTransport transport = transport(ledger);

    private FabricGatewayTransport transport(FakeStages... gateways) {
        List<GatewayPeer> peers = new ArrayList<>();
        for (int i = 0; i < gateways.length; i++) {
            peers.add(new GatewayPeer(gateways[i], gateways[i], new FabricErrorTranslator(endpoint(i))));
        }
        return new FabricGatewayTransport(
                peers,
                from -> {
                    throw new UnsupportedOperationException("no events in these tests");
                },
                retryPolicy,
                RESOLUTION,
                Duration.ofMillis(10),
                "test gateway",
                () -> {});
    }

    private static String endpoint(int index) {
        return index == 0 ? ENDPOINT : "peer0.org" + (index + 1) + ".example.com:" + (7051 + 2000 * index);
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    private SubmitResult register() {
        return transport.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of());
    }

    private static CommitStatusException statusTimeout(String txId) {
        return new CommitStatusException(txId, failure(Code.DEADLINE_EXCEEDED, "context deadline exceeded"));
    }

    @Nested
    class Submitting {
        @Test
        void returns_the_transaction_id_block_and_result_once_committed() {
            ledger.then(Outcome.committed(12, "{\"id\":\"chest-xray-v3\"}"));

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx1");
            assertThat(result.blockNumber()).isEqualTo(12);
            assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"chest-xray-v3\"}");
        }

        @Test
        void proposes_the_qualified_name_with_the_arguments_and_transient_data() {
            byte[] consent = "{\"subject\":\"s1\"}".getBytes(StandardCharsets.UTF_8);

            transport.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of("consent", consent));

            assertThat(ledger.proposedNames()).containsExactly("artifact:Register");
            assertThat(ledger.proposedArguments()).containsExactly(List.of(REGISTER_JSON));
            assertThat(ledger.proposedTransientData().get(0)).containsEntry("consent", consent);
        }

        @Test
        void refuses_to_submit_a_query() {
            assertThatThrownBy(() -> transport.submit(Transaction.ARTIFACT_GET, List.of("x"), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("artifact:Get");
            assertThat(ledger.proposed()).isEmpty();
        }

        @Test
        void rejects_null_arguments_by_name() {
            assertThatThrownBy(() -> transport.submit(Transaction.ARTIFACT_REGISTER, null, Map.of()))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("arguments");
        }
    }

    @Nested
    class Read_conflicts {
        @Test
        void an_mvcc_conflict_is_retried_as_a_new_proposal_until_it_commits() {
            ledger.then(Outcome.invalid(TxValidationCode.MVCC_READ_CONFLICT))
                    .then(Outcome.invalid(TxValidationCode.MVCC_READ_CONFLICT))
                    .then(Outcome.committed(20, "{}"));

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx3");
            assertThat(result.blockNumber()).isEqualTo(20);
            assertThat(ledger.proposed()).containsExactly("tx1", "tx2", "tx3");
            assertThat(ledger.submitted()).containsExactly("tx1", "tx2", "tx3");
            assertThat(waits).hasSize(2);
        }

        @Test
        void a_phantom_read_conflict_is_retried_too() {
            ledger.then(Outcome.invalid(TxValidationCode.PHANTOM_READ_CONFLICT)).then(Outcome.committed(3, "{}"));

            assertThat(register().transactionId()).isEqualTo("tx2");
        }

        @Test
        void exhausted_retries_fail_as_retryable_with_the_last_transaction_id() {
            for (int i = 0; i < 5; i++) {
                ledger.then(Outcome.invalid(TxValidationCode.MVCC_READ_CONFLICT));
            }

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(CommitFailedException.class))
                    .satisfies(e -> {
                        assertThat(e.validationCode()).isEqualTo("MVCC_READ_CONFLICT");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.transactionId()).contains("tx5");
                    });
            assertThat(ledger.proposed()).hasSize(5);
            assertThat(waits).hasSize(4);
        }

        @Test
        void waits_grow_exponentially_with_jitter_between_attempts() {
            for (int i = 0; i < 5; i++) {
                ledger.then(Outcome.invalid(TxValidationCode.MVCC_READ_CONFLICT));
            }

            assertThatThrownBy(FabricGatewayTransportTest.this::register).isInstanceOf(CommitFailedException.class);

            assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(waits.get(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
    }

    @Nested
    class Other_validation_failures {
        @Test
        void an_endorsement_policy_failure_fails_at_once_as_not_retryable() {
            ledger.then(Outcome.invalid(TxValidationCode.ENDORSEMENT_POLICY_FAILURE));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(CommitFailedException.class))
                    .satisfies(e -> {
                        assertThat(e.validationCode()).isEqualTo("ENDORSEMENT_POLICY_FAILURE");
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.transactionId()).contains("tx1");
                    });
            assertThat(ledger.proposed()).containsExactly("tx1");
            assertThat(waits).isEmpty();
        }

        @Test
        void a_duplicate_transaction_id_is_not_retried() {
            ledger.then(Outcome.invalid(TxValidationCode.DUPLICATE_TXID));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(CommitFailedException.class))
                    .returns(false, CommitFailedException::retryable);
            assertThat(ledger.proposed()).hasSize(1);
        }
    }

    @Nested
    class Commit_status_timeouts {
        @Test
        void are_resolved_by_asking_again_about_the_same_transaction() {
            ledger.then(Outcome.committed(9, "{}")
                    .thenStatusFails(FabricGatewayTransportTest::statusTimeout)
                    .thenStatusFails(FabricGatewayTransportTest::statusTimeout));

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx1");
            assertThat(result.blockNumber()).isEqualTo(9);
            assertThat(ledger.statusQueries("tx1")).isEqualTo(3);
            assertThat(ledger.proposed()).containsExactly("tx1");
            assertThat(ledger.submitted()).containsExactly("tx1");
        }

        @Test
        void an_unavailable_gateway_while_waiting_is_asked_again_too() {
            ledger.then(Outcome.committed(9, "{}")
                    .thenStatusFails(
                            txId -> new CommitStatusException(txId, failure(Code.UNAVAILABLE, "connection reset"))));

            assertThat(register().transactionId()).isEqualTo("tx1");
            assertThat(ledger.submitted()).containsExactly("tx1");
        }

        @Test
        void after_the_bounded_number_of_queries_the_transaction_is_looked_up_by_its_id_never_resubmitted() {
            Outcome outcome = Outcome.committed(9, "{\"id\":\"chest-xray-v3\"}");
            for (int i = 0; i < 10; i++) {
                outcome.thenStatusFails(FabricGatewayTransportTest::statusTimeout);
            }
            ledger.then(outcome);

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx1");
            assertThat(result.blockNumber()).isEqualTo(9);
            assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"chest-xray-v3\"}");
            assertThat(ledger.statusQueries("tx1")).isEqualTo(4);
            assertThat(ledger.lookups()).containsExactly("tx1");
            assertThat(ledger.proposed()).containsExactly("tx1");
            assertThat(ledger.submitted()).containsExactly("tx1");
        }

        @Test
        void a_status_query_refused_for_another_reason_is_not_asked_again() {
            ledger.then(Outcome.committed(9, "{}")
                    .thenStatusFails(txId ->
                            new CommitStatusException(txId, failure(Code.PERMISSION_DENIED, "client not authorized"))));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .isInstanceOf(ProofTrailClientException.class)
                    .isNotInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining("PERMISSION_DENIED");
            assertThat(ledger.statusQueries("tx1")).isEqualTo(1);
        }
    }

    @Nested
    class Endorsement_and_ordering_failures {
        @Test
        void a_chaincode_rejection_becomes_a_contract_rejection_with_its_code_and_is_not_retried() {
            ledger.then(Outcome.endorseFails(txId -> new EndorseException(
                    txId,
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            org1("chaincode response 500, ALREADY_EXISTS: artifact chest-xray-v3 is registered with"
                                    + " digest sha256:ab")))));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                        assertThat(e.detail()).isEqualTo("artifact chest-xray-v3 is registered with digest sha256:ab");
                        assertThat(e.transactionId()).contains("tx1");
                    });
            assertThat(ledger.proposed()).hasSize(1);
            assertThat(ledger.submitted()).isEmpty();
        }

        @Test
        void an_unreachable_gateway_names_the_endpoint() {
            ledger.then(Outcome.endorseFails(
                    txId -> new EndorseException(txId, failure(Code.UNAVAILABLE, "io exception"))));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining(ENDPOINT);
        }

        @Test
        void an_orderer_failure_is_resolved_by_the_transaction_id_and_reported_as_not_committed() {
            ledger.then(Outcome.submitFails(txId -> new SubmitException(
                    txId,
                    failure(
                            Code.UNAVAILABLE,
                            "no orderers could successfully process transaction",
                            GrpcErrors.peer("orderer.example.com:7050", "OrdererMSP", "SERVICE_UNAVAILABLE")))));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(TransactionNotCommittedException.class))
                    .satisfies(e -> {
                        assertThat(e.transactionId()).contains("tx1");
                        assertThat(e.retrySafe()).isTrue();
                    });
            assertThat(ledger.statusQueries("tx1")).isZero();
            assertThat(ledger.proposed()).containsExactly("tx1");
        }

        @Test
        void an_orderer_that_refuses_for_good_is_reported_at_once() {
            ledger.then(Outcome.submitFails(txId ->
                    new SubmitException(txId, failure(Code.INVALID_ARGUMENT, "rejected by the orderer: BAD_REQUEST"))));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .isInstanceOf(ProofTrailClientException.class)
                    .isNotInstanceOf(TransactionNotCommittedException.class)
                    .hasMessageContaining("BAD_REQUEST");
            assertThat(ledger.lookups()).isEmpty();
        }
    }

    /** A submitted transaction whose commit status never came is resolved by its id to one definite outcome. */
    @Nested
    class Definite_outcomes_after_the_commit_status_deadline {
        private Outcome statusNeverComes(Outcome outcome) {
            for (int i = 0; i < 4; i++) {
                outcome.thenStatusFails(FabricGatewayTransportTest::statusTimeout);
            }
            return outcome;
        }

        @Test
        void committed_invalid_becomes_a_commit_failure_with_its_validation_code() {
            ledger.then(statusNeverComes(Outcome.invalid(TxValidationCode.ENDORSEMENT_POLICY_FAILURE)));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(CommitFailedException.class))
                    .satisfies(e -> {
                        assertThat(e.validationCode()).isEqualTo("ENDORSEMENT_POLICY_FAILURE");
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.transactionId()).contains("tx1");
                    });
            assertThat(ledger.submitted()).containsExactly("tx1");
        }

        @Test
        void committed_with_a_read_conflict_is_proposed_again_as_a_new_transaction() {
            ledger.then(statusNeverComes(Outcome.invalid(TxValidationCode.MVCC_READ_CONFLICT)))
                    .then(Outcome.committed(31, "{}"));

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx2");
            assertThat(result.blockNumber()).isEqualTo(31);
            assertThat(ledger.submitted()).containsExactly("tx1", "tx2");
        }

        @Test
        void never_committed_is_reported_as_safe_to_retry_once_the_channel_grew_by_the_configured_blocks() {
            ledger.then(statusNeverComes(Outcome.committed(9, "{}").lost()));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(TransactionNotCommittedException.class))
                    .satisfies(e -> {
                        assertThat(e.transactionId()).contains("tx1");
                        assertThat(e.retrySafe()).isTrue();
                        assertThat(e.lookedToHeight() - e.lookedFromHeight()).isEqualTo(5);
                        assertThat(e.getMessage())
                                .contains("was not committed")
                                .contains("grew by 5 blocks")
                                .contains("safe");
                    });
            assertThat(ledger.lookups()).hasSize(6).containsOnly("tx1");
            assertThat(ledger.submitted()).containsExactly("tx1");
            assertThat(ledger.proposed()).containsExactly("tx1");
        }

        @Test
        void on_an_idle_channel_never_committed_is_reported_when_the_resolution_deadline_passes() {
            ledger.idle().then(statusNeverComes(Outcome.committed(9, "{}").lost()));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(TransactionNotCommittedException.class))
                    .satisfies(e -> {
                        assertThat(e.lookedToHeight()).isEqualTo(e.lookedFromHeight());
                        assertThat(e.getMessage()).contains("resolution deadline of PT2M");
                    });
            Duration resolving = waits.subList(3, waits.size()).stream().reduce(Duration.ZERO, Duration::plus);
            assertThat(resolving).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(122));
        }

        @Test
        void when_no_peer_answers_a_lookup_within_the_deadline_the_outcome_is_unknown_and_says_so() {
            ledger.lookupsFail(what -> new GatewayException(failure(Code.UNAVAILABLE, "connection refused")))
                    .then(statusNeverComes(Outcome.committed(9, "{}")));

            assertThatThrownBy(FabricGatewayTransportTest.this::register)
                    .asInstanceOf(type(GatewayUnavailableException.class))
                    .satisfies(e -> {
                        assertThat(e.transactionId()).contains("tx1");
                        assertThat(e.getMessage()).contains("may yet commit").contains("PT2M");
                    });
            assertThat(ledger.submitted()).containsExactly("tx1");
        }

        @Test
        void a_hand_over_to_the_orderer_that_broke_off_is_found_committed() {
            ledger.then(Outcome.committed(44, "{}")
                    .submitBreaksOff(txId -> new SubmitException(txId, failure(Code.UNAVAILABLE, "connection reset"))));

            SubmitResult result = register();

            assertThat(result.transactionId()).isEqualTo("tx1");
            assertThat(result.blockNumber()).isEqualTo(44);
            assertThat(ledger.proposed()).containsExactly("tx1");
        }

        @Test
        void is_looked_up_on_another_gateway_peer_when_the_first_is_down() {
            FakeStages org2 = new FakeStages("b");
            FabricGatewayTransport failover = transport(ledger, org2);
            ledger.lookupsFail(what -> new GatewayException(failure(Code.UNAVAILABLE, "connection refused")))
                    .then(statusNeverComes(Outcome.committed(9, "{}").lost()));

            assertThatThrownBy(() -> failover.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of()))
                    .isInstanceOf(TransactionNotCommittedException.class);
            assertThat(org2.lookups()).isNotEmpty().containsOnly("tx1");
        }
    }

    @Nested
    class Failover_to_another_organisations_gateway {
        private final FakeStages org2 = new FakeStages("b");
        private final FabricGatewayTransport failover = transport(ledger, org2);

        private static EndorseException unreachable(String txId) {
            return new EndorseException(txId, failure(Code.UNAVAILABLE, "io exception"));
        }

        @Test
        void an_unreachable_gateway_is_replaced_by_the_next_for_a_new_proposal() {
            ledger.then(Outcome.endorseFails(Failover_to_another_organisations_gateway::unreachable));
            org2.then(Outcome.committed(5, "{}"));

            SubmitResult result = failover.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of());

            assertThat(result.transactionId()).isEqualTo("b1");
            assertThat(ledger.submitted()).isEmpty();
            assertThat(org2.submitted()).containsExactly("b1");
        }

        @Test
        void the_gateway_failed_over_to_stays_preferred() {
            ledger.then(Outcome.endorseFails(Failover_to_another_organisations_gateway::unreachable));

            failover.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of());
            failover.evaluate(Transaction.ARTIFACT_GET, List.of("x"));

            assertThat(ledger.proposed()).containsExactly("tx1");
            assertThat(org2.proposed()).containsExactly("b1", "b2");
        }

        @Test
        void queries_fail_over_too() {
            ledger.then(Outcome.evaluateFails(
                    txId -> new GatewayException(failure(Code.DEADLINE_EXCEEDED, "context deadline exceeded"))));
            org2.then(Outcome.evaluated("{\"id\":\"x\"}"));

            byte[] answer = failover.evaluate(Transaction.ARTIFACT_GET, List.of("x"));

            assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\"}");
        }

        @Test
        void when_every_gateway_is_unreachable_the_last_one_is_named() {
            ledger.then(Outcome.endorseFails(Failover_to_another_organisations_gateway::unreachable));
            org2.then(Outcome.endorseFails(Failover_to_another_organisations_gateway::unreachable));

            assertThatThrownBy(() -> failover.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of()))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining(endpoint(1));
            assertThat(ledger.submitted()).isEmpty();
            assertThat(org2.submitted()).isEmpty();
        }

        @Test
        void a_chaincode_rejection_is_not_failed_over() {
            ledger.then(Outcome.endorseFails(txId -> new EndorseException(
                    txId,
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction",
                            org1("chaincode response 500, ALREADY_EXISTS: artifact chest-xray-v3 exists")))));

            assertThatThrownBy(() -> failover.submit(Transaction.ARTIFACT_REGISTER, List.of(REGISTER_JSON), Map.of()))
                    .isInstanceOf(ContractRejectedException.class);
            assertThat(org2.proposed()).isEmpty();
        }
    }

    @Nested
    class Evaluating {
        @Test
        void returns_the_result_of_the_query() {
            ledger.then(Outcome.evaluated("{\"id\":\"x\"}"));

            byte[] result = transport.evaluate(Transaction.ARTIFACT_GET, List.of("x"));

            assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\"}");
            assertThat(ledger.proposedNames()).containsExactly("artifact:Get");
            assertThat(ledger.submitted()).isEmpty();
        }

        @Test
        void a_not_found_from_the_chaincode_becomes_a_contract_rejection() {
            ledger.then(Outcome.evaluateFails(txId -> new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: artifact x does"
                            + " not exist",
                    org1("chaincode response 500, NOT_FOUND: artifact x does not exist")))));

            assertThatThrownBy(() -> transport.evaluate(Transaction.ARTIFACT_GET, List.of("x")))
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).isEqualTo("artifact x does not exist");
                        assertThat(e.transactionId()).contains("tx1");
                    });
        }

        @Test
        void a_gateway_that_does_not_answer_in_time_is_unavailable() {
            ledger.then(Outcome.evaluateFails(
                    txId -> new GatewayException(failure(Code.DEADLINE_EXCEEDED, "context deadline exceeded"))));

            assertThatThrownBy(() -> transport.evaluate(Transaction.ARTIFACT_GET, List.of("x")))
                    .isInstanceOf(GatewayUnavailableException.class)
                    .hasMessageContaining(ENDPOINT)
                    .hasMessageContaining("deadline");
        }

        @Test
        void refuses_to_evaluate_a_submit_transaction() {
            assertThatThrownBy(() -> transport.evaluate(Transaction.ARTIFACT_REGISTER, List.of("{}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("artifact:Register");
        }
    }

    @Nested
    class Closing {
        @Test
        void closes_the_connection_once_and_refuses_further_calls() {
            int[] closes = {0};
            FabricGatewayTransport closing = new FabricGatewayTransport(
                    List.of(new GatewayPeer(ledger, ledger, new FabricErrorTranslator(ENDPOINT))),
                    from -> null,
                    retryPolicy,
                    RESOLUTION,
                    Duration.ofMillis(10),
                    "test gateway",
                    () -> closes[0]++);

            closing.close();
            closing.close();

            assertThat(closes[0]).isEqualTo(1);
            assertThatThrownBy(() -> closing.evaluate(Transaction.ARTIFACT_GET, List.of("x")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }

        @Test
        void describes_itself() {
            assertThat(transport.describe()).isEqualTo("test gateway");
        }
    }

    /** A chaincode of another release: what it lacks is UNIMPLEMENTED, naming the function, never INVALID_ARGUMENT. */
    @Nested
    class A_chaincode_of_another_release {
        @Test
        void without_the_contract_answers_unimplemented_for_a_query() {
            ledger.then(Outcome.evaluateFails(txId -> new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, Undefined contract called",
                    org1("chaincode response 500, Undefined contract called")))));

            assertThatThrownBy(() -> transport.evaluate(Transaction.MAINTENANCE_VERSION, List.of()))
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNIMPLEMENTED);
                        assertThat(e.detail())
                                .startsWith("maintenance:Version is not available on this chaincode version: the"
                                        + " chaincode has no maintenance contract.");
                        assertThat(e.transactionId()).contains("tx1");
                    });
        }

        @Test
        void without_the_function_answers_unimplemented_for_a_submit_and_is_not_retried() {
            ledger.then(Outcome.endorseFails(txId -> new EndorseException(
                    txId,
                    failure(
                            Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            org1("chaincode response 500, INVALID_ARGUMENT: maintenance:Upgrade is not a function of"
                                    + " the maintenance contract; it has Version")))));

            assertThatThrownBy(() -> transport.submit(Transaction.MAINTENANCE_UPGRADE, List.of("x"), Map.of()))
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNIMPLEMENTED);
                        assertThat(e.detail()).contains("the chaincode's maintenance contract has no Upgrade function");
                        assertThat(e.transactionId()).contains("tx1");
                    });
            assertThat(ledger.proposed()).hasSize(1);
            assertThat(ledger.submitted()).isEmpty();
        }

        @Test
        void another_argument_count_stays_the_callers_invalid_argument() {
            ledger.then(Outcome.evaluateFails(txId -> new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, INVALID_ARGUMENT:"
                            + " consent:Subjects takes 4 arguments, not 2",
                    org1("chaincode response 500, INVALID_ARGUMENT: consent:Subjects takes 4 arguments, not 2")))));

            assertThatThrownBy(() -> transport.evaluate(Transaction.CONSENT_SUBJECTS, List.of("d", "TRAINING")))
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                        assertThat(e.detail()).isEqualTo("consent:Subjects takes 4 arguments, not 2");
                    });
        }

        @Test
        void a_function_the_chaincode_has_is_not_mistaken_for_one_it_lacks() {
            ledger.then(Outcome.evaluateFails(txId -> new GatewayException(failure(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, INVALID_ARGUMENT: id must be"
                            + " 1 to 256 characters",
                    org1("chaincode response 500, INVALID_ARGUMENT: id must be 1 to 256 characters")))));

            assertThatThrownBy(() -> transport.evaluate(Transaction.LINEAGE_COMPLIANCE, List.of("")))
                    .asInstanceOf(type(ContractRejectedException.class))
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }
}
