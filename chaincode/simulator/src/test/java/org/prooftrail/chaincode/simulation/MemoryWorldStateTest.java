package org.prooftrail.chaincode.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryWorldStateTest {

    private static final byte[] POLICY = {1, 2, 3};

    @Nested
    class Commit {

        @Test
        void counts_transactions_and_refuses_a_transaction_id_twice() {
            final SimulatedLedger ledger = new SimulatedLedger();
            final TransactionSimulator stub = ledger.simulator();
            stub.putStringState("a", "1");
            ledger.state().commit(stub.writeSet(), "tx-1", SimulatedLedger.GENESIS);

            assertThat(ledger.state().height()).isEqualTo(1);
            assertThatThrownBy(() -> ledger.state().commit(stub.writeSet(), "tx-1", SimulatedLedger.GENESIS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DUPLICATE_TXID");
            assertThat(ledger.state().height()).isEqualTo(1);
        }

        @Test
        void keeps_a_policy_across_value_writes_and_drops_it_with_a_delete() {
            final SimulatedLedger ledger = new SimulatedLedger();
            ledger.commit(stub -> {
                stub.putStringState("a", "1");
                stub.setStateValidationParameter("a", POLICY);
            });
            ledger.commit(stub -> stub.putStringState("a", "2"));
            assertThat(ledger.state().validationParameter("a")).isEqualTo(POLICY);

            ledger.commit(stub -> stub.delState("a"));
            ledger.commit(stub -> stub.putStringState("a", "3"));

            assertThat(ledger.state().validationParameter("a")).isNull();
        }

        @Test
        void ignores_a_policy_on_a_key_that_does_not_exist() {
            final SimulatedLedger ledger = new SimulatedLedger();

            ledger.commit(stub -> stub.setStateValidationParameter("ghost", POLICY));

            assertThat(ledger.state().validationParameter("ghost")).isNull();
        }

        @Test
        void stores_only_the_hash_of_a_collection_the_peer_does_not_hold() {
            final SimulatedLedger ledger = new SimulatedLedger(new MemoryWorldState(Set.of()));

            ledger.commit(stub -> stub.putPrivateData("Org1MSPPrivate", "k", "secret"));

            assertThat(ledger.state().holdsCollection("Org1MSPPrivate")).isFalse();
            assertThat(ledger.state().getPrivate("Org1MSPPrivate", "k")).isNull();
            assertThat(ledger.state().getPrivateHash("Org1MSPPrivate", "k")).hasSize(32);
        }
    }

    @Test
    void orders_keys_by_code_point_as_fabric_orders_utf8_bytes() {
        assertThat(KeyOrder.compare("\ue000", "\ud83d\ude00")).isNegative();
        assertThat("\ue000".compareTo("\ud83d\ude00")).isPositive();
        assertThat(KeyOrder.compare("a", "ab")).isNegative();
        assertThat(KeyOrder.compare("b", "ab")).isPositive();
    }
}
