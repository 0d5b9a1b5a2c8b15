package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.contract.ContractRuntimeException;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement.RoleType;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionSimulatorTest {

    private final SimulatedLedger ledger = new SimulatedLedger();

    private static byte[] bytes(final String text) {
        return text.getBytes(UTF_8);
    }

    private static List<String> keys(final Iterable<KeyValue> results) {
        final List<String> keys = new ArrayList<>();
        results.forEach(result -> keys.add(result.getKey()));
        return keys;
    }

    private static List<String> drain(final QueryResultsIterator<KeyValue> results) {
        try (results) {
            return keys(results);
        }
    }

    @Nested
    class Reads {

        @Test
        void do_not_see_the_transactions_own_writes() {
            ledger.commit(stub -> stub.putStringState("a", "committed"));
            final TransactionSimulator stub = ledger.simulator();

            stub.putStringState("a", "rewritten");
            stub.putStringState("b", "new");

            assertThat(stub.getStringState("a")).isEqualTo("committed");
            assertThat(stub.getState("b")).isEmpty();
            assertThat(drain(stub.getStateByRange("", ""))).containsExactly("a");
        }

        @Test
        void return_an_empty_array_for_an_absent_key_as_the_java_shim_does() {
            final TransactionSimulator stub = ledger.simulator();

            assertThat(stub.getState("missing")).isNotNull().isEmpty();
            assertThat(stub.getStateValidationParameter("missing")).isNull();
        }

        @Test
        void are_counted_per_get_and_per_key_an_iterator_yields() {
            ledger.commit(stub -> {
                stub.putStringState("a", "1");
                stub.putStringState("b", "2");
                stub.putStringState("c", "3");
            });
            final TransactionSimulator stub = ledger.simulator();

            stub.getState("a");
            stub.getState("missing");
            drain(stub.getStateByRange("b", ""));

            assertThat(stub.keysRead()).isEqualTo(4);
        }
    }

    @Nested
    class Writes {

        @Test
        void record_an_empty_value_as_a_delete_because_the_peer_receives_no_value() {
            final TransactionSimulator stub = ledger.simulator();

            stub.putState("a", new byte[0]);

            assertThat(stub.writeSet().deletes()).containsExactly("a");
            assertThat(stub.writeSet().puts()).isEmpty();
        }

        @Test
        void reject_a_null_value_as_the_shim_does() {
            final TransactionSimulator stub = ledger.simulator();

            assertThatThrownBy(() -> stub.putState("a", null)).isInstanceOf(NullPointerException.class);
            assertThat(stub.writeSet().isEmpty()).isTrue();
        }

        @Test
        void reject_empty_keys_invalid_utf8_and_hand_made_composite_keys() {
            final TransactionSimulator stub = ledger.simulator();

            assertThatThrownBy(() -> stub.putState("", bytes("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> stub.putState("bad\ud800", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UTF-8");
            assertThatThrownBy(() -> stub.putState("\u0000artifact", bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("createCompositeKey");
            assertThat(stub.writeSet().isEmpty()).isTrue();
        }

        @Test
        void keep_the_last_write_to_a_key() {
            final TransactionSimulator stub = ledger.simulator();

            stub.putStringState("a", "1");
            stub.delState("a");
            stub.putStringState("b", "1");
            stub.putStringState("b", "2");

            assertThat(stub.writeSet().deletes()).containsExactly("a");
            assertThat(stub.writeSet().puts()).containsOnlyKeys("b");
            assertThat(stub.writeSet().puts().get("b")).isEqualTo(bytes("2"));
        }
    }

    @Nested
    class CompositeKeys {

        private void commitIndex() {
            ledger.commit(stub -> {
                stub.putStringState(
                        stub.createCompositeKey("kind", "DATASET", "x").toString(), "x");
                stub.putStringState(
                        stub.createCompositeKey("kind", "DATASET", "y").toString(), "y");
                stub.putStringState(
                        stub.createCompositeKey("kind", "MODEL", "z").toString(), "z");
                stub.putStringState(
                        stub.createCompositeKey("owner", "Org1MSP", "y").toString(), "y");
                stub.putStringState("plain", "p");
            });
        }

        @Test
        void use_the_shim_format_and_split_back() {
            final TransactionSimulator stub = ledger.simulator();

            final CompositeKey key = stub.createCompositeKey("kind", "DATASET", "x");

            assertThat(key.toString()).isEqualTo("\u0000kind\u0000DATASET\u0000x\u0000");
            assertThat(stub.splitCompositeKey(key.toString()).getAttributes()).containsExactly("DATASET", "x");
        }

        @Test
        void are_found_by_partial_key_in_key_order() {
            commitIndex();
            final TransactionSimulator stub = ledger.simulator();

            final List<String> datasets = drain(stub.getStateByPartialCompositeKey("kind", "DATASET"));
            final List<String> kinds = drain(stub.getStateByPartialCompositeKey(new CompositeKey("kind")));

            assertThat(datasets)
                    .containsExactly("\u0000kind\u0000DATASET\u0000x\u0000", "\u0000kind\u0000DATASET\u0000y\u0000");
            assertThat(kinds).hasSize(3).doesNotContain("plain");
        }

        @Test
        void include_attributes_beyond_the_basic_multilingual_plane_in_code_point_order() {
            ledger.commit(stub -> {
                stub.putStringState(stub.createCompositeKey("t", "\ue000").toString(), "private use");
                stub.putStringState(stub.createCompositeKey("t", "\ud83d\ude00").toString(), "emoji");
            });
            final TransactionSimulator stub = ledger.simulator();

            final List<String> keys = drain(stub.getStateByPartialCompositeKey("t"));

            assertThat(keys).containsExactly("\u0000t\u0000\ue000\u0000", "\u0000t\u0000\ud83d\ude00\u0000");
        }

        @Test
        void are_excluded_from_range_queries_with_unbounded_start_and_end() {
            commitIndex();
            final TransactionSimulator stub = ledger.simulator();

            assertThat(drain(stub.getStateByRange("", ""))).containsExactly("plain");
            assertThat(drain(stub.getStateByRange(null, null))).containsExactly("plain");
        }

        @Test
        void may_not_bound_a_simple_range_query() {
            final TransactionSimulator stub = ledger.simulator();

            assertThatThrownBy(() -> stub.getStateByRange("\u0000kind\u0000", ""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(stub.openIterators()).isZero();
        }
    }

    @Nested
    class Pagination {

        private void commitKeys(final int count) {
            ledger.commit(stub -> {
                for (int i = 0; i < count; i++) {
                    stub.putStringState(String.format("key%03d", i), "v" + i);
                    stub.putStringState(
                            stub.createCompositeKey("item", String.format("%03d", i))
                                    .toString(),
                            "v" + i);
                }
            });
        }

        @Test
        void pages_25_keys_by_10_into_10_10_and_5_without_skipping_or_repeating() {
            commitKeys(25);
            final List<Integer> counts = new ArrayList<>();
            final List<String> bookmarks = new ArrayList<>();
            final List<String> seen = new ArrayList<>();
            String bookmark = "";
            do {
                final TransactionSimulator stub = ledger.simulator();
                try (QueryResultsIteratorWithMetadata<KeyValue> page =
                        stub.getStateByRangeWithPagination("", "", 10, bookmark)) {
                    seen.addAll(keys(page));
                    counts.add(page.getMetadata().getFetchedRecordsCount());
                    bookmark = page.getMetadata().getBookmark();
                    bookmarks.add(bookmark);
                }
                assertThat(stub.openIterators()).isZero();
            } while (!bookmark.isEmpty());

            assertThat(counts).containsExactly(10, 10, 5);
            assertThat(bookmarks).containsExactly("key010", "key020", "");
            assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
            assertThat(seen).first().isEqualTo("key000");
            assertThat(seen).last().isEqualTo("key024");
        }

        @Test
        void pages_a_partial_composite_key_and_resumes_inclusively_at_the_bookmark() {
            commitKeys(25);
            final TransactionSimulator stub = ledger.simulator();
            final String bookmark = stub.createCompositeKey("item", "020").toString();

            try (QueryResultsIteratorWithMetadata<KeyValue> page =
                    stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey("item"), 10, bookmark)) {
                assertThat(keys(page)).hasSize(5).first().isEqualTo(bookmark);
                assertThat(page.getMetadata().getBookmark()).isEmpty();
            }
        }

        @Test
        void returns_an_empty_bookmark_when_the_last_page_is_exactly_full() {
            commitKeys(20);
            final TransactionSimulator stub = ledger.simulator();

            try (QueryResultsIteratorWithMetadata<KeyValue> page =
                    stub.getStateByRangeWithPagination("key010", "", 10, "")) {
                assertThat(page.getMetadata().getFetchedRecordsCount()).isEqualTo(10);
                assertThat(page.getMetadata().getBookmark()).isEmpty();
            }
        }

        @Test
        void fails_when_the_transaction_then_writes() {
            commitKeys(3);
            final TransactionSimulator stub = ledger.simulator();
            stub.getStateByRangeWithPagination("", "", 2, "").close();

            assertThatThrownBy(() -> stub.putStringState("key000", "changed"))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessageContaining("already performed a paginated query");
            assertThat(stub.writeSet().isEmpty()).isTrue();
        }

        @Test
        void fails_when_the_transaction_already_wrote() {
            final TransactionSimulator stub = ledger.simulator();
            stub.putStringState("a", "1");

            assertThatThrownBy(() -> stub.getStateByPartialCompositeKeyWithPagination(new CompositeKey("item"), 2, ""))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessageContaining("Paginated queries are supported only in a read-only transaction");
            assertThat(stub.openIterators()).isZero();
        }
    }

    @Nested
    class History {

        @Test
        void lists_committed_modifications_newest_first_including_a_delete() {
            ledger.commit(stub -> stub.putStringState("a", "one"));
            ledger.commit(stub -> stub.putStringState("a", "two"));
            ledger.commit(stub -> stub.delState("a"));
            ledger.commit(stub -> stub.putStringState("a", "three"));
            final TransactionSimulator stub = ledger.simulator();
            stub.putStringState("a", "uncommitted");

            final List<KeyModification> history = new ArrayList<>();
            try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey("a")) {
                results.forEach(history::add);
            }

            assertThat(history)
                    .extracting(KeyModification::getTxId)
                    .containsExactly("tx004", "tx003", "tx002", "tx001");
            assertThat(history).extracting(KeyModification::isDeleted).containsExactly(false, true, false, false);
            assertThat(history).extracting(KeyModification::getStringValue).containsExactly("three", "", "two", "one");
            assertThat(history.get(0).getTimestamp()).isAfter(history.get(1).getTimestamp());
            assertThat(stub.openIterators()).isZero();
        }
    }

    @Nested
    class PrivateData {

        private final SimulatedLedger member = new SimulatedLedger(new MemoryWorldState(Set.of("Org1MSPPrivate")));
        private final SimulatedLedger outsider = new SimulatedLedger(new MemoryWorldState(Set.of("Org2MSPPrivate")));

        private void commitOnBoth(final String key, final String value) {
            final TransactionSimulator endorser = member.simulator();
            endorser.putPrivateData("Org1MSPPrivate", key, value);
            final WriteSet writeSet = endorser.writeSet();
            member.state().commit(writeSet, endorser.getTxId(), endorser.getTxTimestamp());
            outsider.state().commit(writeSet, endorser.getTxId(), endorser.getTxTimestamp());
        }

        @Test
        void is_readable_on_a_peer_that_holds_the_collection_but_not_in_the_transaction_that_writes_it() {
            commitOnBoth("consent-1", "granted");
            final TransactionSimulator stub = member.simulator();
            stub.putPrivateData("Org1MSPPrivate", "consent-2", "granted");

            assertThat(stub.getPrivateDataUTF8("Org1MSPPrivate", "consent-1")).isEqualTo("granted");
            assertThat(stub.getPrivateData("Org1MSPPrivate", "consent-2")).isEmpty();
            assertThat(stub.writeSet().privatePuts("Org1MSPPrivate")).containsOnlyKeys("consent-2");
        }

        @Test
        void fails_as_the_java_shim_does_on_a_peer_that_does_not_hold_it() {
            commitOnBoth("consent-1", "granted");
            final TransactionSimulator stub = outsider.simulator();

            // Seen on a real peer: Fabric's reason stays in the peer's log; the shim says only this.
            assertThatThrownBy(() -> stub.getPrivateData("Org1MSPPrivate", "consent-1"))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessage("Unsuccessful response received.");
            assertThatThrownBy(() -> stub.getPrivateDataByRange("Org1MSPPrivate", "", ""))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessage("Unsuccessful response received.");
            assertThat(stub.openIterators()).isZero();
        }

        @Test
        void exposes_its_sha256_hash_on_every_peer() throws Exception {
            commitOnBoth("consent-1", "granted");
            final byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes("granted"));

            assertThat(outsider.simulator().getPrivateDataHash("Org1MSPPrivate", "consent-1"))
                    .isEqualTo(expected);
            assertThat(member.simulator().getPrivateDataHash("Org1MSPPrivate", "consent-1"))
                    .isEqualTo(expected);
            assertThat(outsider.simulator().getPrivateDataHash("Org1MSPPrivate", "absent"))
                    .isEmpty();
        }

        @Test
        void is_gone_with_its_hash_after_a_purge() {
            commitOnBoth("consent-1", "granted");
            final TransactionSimulator purge = member.simulator();
            purge.purgePrivateData("Org1MSPPrivate", "consent-1");
            member.state().commit(purge.writeSet(), purge.getTxId(), purge.getTxTimestamp());

            assertThat(purge.writeSet().purges("Org1MSPPrivate")).containsExactly("consent-1");
            final TransactionSimulator stub = member.simulator();
            assertThat(stub.getPrivateData("Org1MSPPrivate", "consent-1")).isEmpty();
            assertThat(stub.getPrivateDataHash("Org1MSPPrivate", "consent-1")).isEmpty();
        }

        @Test
        void range_queries_make_the_transaction_read_only() {
            commitOnBoth("consent-1", "granted");
            final TransactionSimulator stub = member.simulator();

            assertThat(drain(stub.getPrivateDataByRange("Org1MSPPrivate", "", "")))
                    .containsExactly("consent-1");
            assertThatThrownBy(() -> stub.putStringState("a", "1"))
                    .isInstanceOf(ContractRuntimeException.class)
                    .hasMessageContaining("queries on pvt data");
        }
    }

    @Nested
    class Events {

        @Test
        void keep_only_the_last_one_set() {
            final TransactionSimulator stub = ledger.simulator();

            stub.setEvent("First", bytes("1"));
            stub.setEvent("Second", bytes("2"));

            assertThat(stub.getEvent().getEventName()).isEqualTo("Second");
            assertThat(stub.writeSet().event()).hasValueSatisfying(event -> {
                assertThat(event.getEventName()).isEqualTo("Second");
                assertThat(event.getPayload().toStringUtf8()).isEqualTo("2");
            });
        }

        @Test
        void need_a_name() {
            final TransactionSimulator stub = ledger.simulator();

            assertThatThrownBy(() -> stub.setEvent(" ", bytes("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(stub.writeSet().event()).isEmpty();
        }
    }

    @Nested
    class ValidationParameters {

        @Test
        void record_a_state_based_endorsement_policy_in_the_write_set_and_commit_it() {
            final StateBasedEndorsement endorsement =
                    StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
            endorsement.addOrgs(RoleType.RoleTypePeer, "Org1MSP");
            final byte[] policy = endorsement.policy();

            final WriteSet writeSet = ledger.commit(stub -> {
                stub.putStringState("artifact", "{}");
                stub.setStateValidationParameter("artifact", policy);
            });

            assertThat(writeSet.validationParameters()).containsOnlyKeys("artifact");
            assertThat(writeSet.validationParameters().get("artifact")).isEqualTo(policy);
            final byte[] committed = ledger.simulator().getStateValidationParameter("artifact");
            assertThat(StateBasedEndorsementFactory.getInstance()
                            .newStateBasedEndorsement(committed)
                            .listOrgs())
                    .containsExactly("Org1MSP");
        }
    }

    @Nested
    class Determinism {

        private WriteSet simulateOnAFreshPeer(final String value) {
            final SimulatedLedger fresh = new SimulatedLedger();
            fresh.commit(stub -> stub.putStringState("seed", "s"));
            final TransactionSimulator stub = fresh.simulator();
            stub.putStringState(stub.createCompositeKey("kind", "MODEL", "m").toString(), "\u0000");
            stub.putStringState("m", value);
            stub.delState("seed");
            stub.putPrivateData("Org1MSPPrivate", "c", "secret");
            stub.setEvent("Registered", bytes(value));
            return stub.writeSet();
        }

        @Test
        void gives_equal_write_sets_for_identical_simulations_on_two_peers() {
            final WriteSet first = simulateOnAFreshPeer("{\"id\":\"m\"}");
            final WriteSet second = simulateOnAFreshPeer("{\"id\":\"m\"}");

            assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
            assertThat(first.toBytes()).isEqualTo(second.toBytes());
        }

        @Test
        void tells_write_sets_apart_by_a_single_byte() {
            assertThat(simulateOnAFreshPeer("{\"id\":\"m\"}")).isNotEqualTo(simulateOnAFreshPeer("{\"id\":\"n\"}"));
        }
    }

    @Nested
    class Iterators {

        @Test
        void are_tracked_until_closed() {
            ledger.commit(stub -> stub.putStringState("a", "1"));
            final TransactionSimulator stub = ledger.simulator();

            final QueryResultsIterator<KeyValue> range = stub.getStateByRange("", "");
            final QueryResultsIterator<KeyModification> history = stub.getHistoryForKey("a");
            assertThat(stub.openIterators()).isEqualTo(2);

            range.close();
            range.close();
            history.close();
            assertThat(stub.openIterators()).isZero();
            assertThatThrownBy(() -> range.iterator().next()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Invocation {

        @Test
        void exposes_function_parameters_transient_data_and_transaction_context() {
            final TransactionSimulator stub = ledger.next()
                    .channelId("audit")
                    .arguments("artifact:Register", "{\"id\":\"x\"}")
                    .transientEntry("consent", bytes("secret"))
                    .build();

            assertThat(stub.getFunction()).isEqualTo("artifact:Register");
            assertThat(stub.getParameters()).containsExactly("{\"id\":\"x\"}");
            assertThat(stub.getStringArgs()).containsExactly("artifact:Register", "{\"id\":\"x\"}");
            assertThat(stub.getArgs()).hasSize(2);
            assertThat(stub.getTransient()).containsOnlyKeys("consent");
            assertThat(stub.getChannelId()).isEqualTo("audit");
            assertThat(stub.getTxId()).isEqualTo("tx001");
            assertThat(stub.getTxTimestamp()).isEqualTo(SimulatedLedger.GENESIS.plusSeconds(60));
            assertThat(stub.getMspId()).isEqualTo("Org1MSP");
            assertThat(stub.getCreator()).isNull();
        }

        @Test
        void rejects_a_missing_transaction_id_by_name() {
            final TransactionSimulator.Builder builder =
                    TransactionSimulator.builder().worldState(new MemoryWorldState());

            assertThatThrownBy(builder::build)
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("txId");
        }

        @Test
        void refuses_what_a_peer_in_process_cannot_do() {
            final TransactionSimulator stub = ledger.simulator();

            assertThatThrownBy(() -> stub.invokeChaincode("other", List.of()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("invokeChaincode");
            assertThatThrownBy(() -> stub.getQueryResult("{}"))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("CouchDB");
            assertThatThrownBy(stub::getSignedProposal).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(stub::getBinding).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void leaves_committed_state_untouched_until_commit() {
        final TransactionSimulator stub = ledger.simulator();
        stub.putStringState("a", "1");

        assertThat(ledger.state().get("a")).isNull();
        assertThat(ledger.state().height()).isZero();
    }
}
