package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WriteSetTest {

    private final SimulatedLedger ledger = new SimulatedLedger();

    private static byte[] bytes(final String text) {
        return text.getBytes(UTF_8);
    }

    private WriteSet everything() {
        ledger.commit(stub -> {
            stub.putStringState("gone", "soon");
            stub.putPrivateData("Org1MSPPrivate", "purged", bytes("secret"));
        });
        final TransactionSimulator stub = ledger.simulator();
        stub.putStringState("a", "1");
        stub.putStringState(new CompositeKey("artifact~kind", "DATASET", "x").toString(), "\u0000");
        stub.putStringState("\uD83D\uDE00 emoji", "supplementary");
        stub.delState("gone");
        stub.setStateValidationParameter("a", bytes("policy"));
        stub.putPrivateData("Org1MSPPrivate", "consent-1", bytes("granted"));
        stub.delPrivateData("Org1MSPPrivate", "consent-0");
        stub.purgePrivateData("Org1MSPPrivate", "purged");
        stub.setPrivateDataValidationParameter("Org1MSPPrivate", "consent-1", bytes("org1"));
        stub.putPrivateData("Org2MSPPrivate", "other", bytes("value"));
        stub.setEvent("Registered", bytes("{\"id\":\"a\"}"));
        return stub.writeSet();
    }

    @Nested
    class FromBytes {

        @Test
        void reads_back_every_section_of_a_write_set() {
            final WriteSet original = everything();

            final WriteSet copy = WriteSet.fromBytes(original.toBytes());

            assertThat(copy).isEqualTo(original);
            assertThat(copy.toBytes()).isEqualTo(original.toBytes());
            assertThat(copy.deletes()).containsExactly("gone");
            assertThat(copy.purges("Org1MSPPrivate")).containsExactly("purged");
            assertThat(copy.privateDeletes("Org1MSPPrivate")).containsExactly("consent-0", "purged");
            assertThat(copy.validationParameters().get("a")).isEqualTo(bytes("policy"));
            assertThat(copy.privateValidationParameters("Org1MSPPrivate").get("consent-1"))
                    .isEqualTo(bytes("org1"));
            assertThat(copy.event()).hasValueSatisfying(event -> {
                assertThat(event.getEventName()).isEqualTo("Registered");
                assertThat(event.getPayload().toStringUtf8()).isEqualTo("{\"id\":\"a\"}");
            });
        }

        @Test
        void reads_back_an_empty_write_set() {
            final WriteSet empty = ledger.simulator().writeSet();

            assertThat(WriteSet.fromBytes(empty.toBytes()).isEmpty()).isTrue();
        }

        @Test
        void commits_the_same_state_as_the_original() {
            final WriteSet original = everything();
            final MemoryWorldState fromOriginal = new MemoryWorldState();
            final MemoryWorldState fromCopy = new MemoryWorldState();

            fromOriginal.commit(original, "tx", SimulatedLedger.GENESIS);
            fromCopy.commit(WriteSet.fromBytes(original.toBytes()), "tx", SimulatedLedger.GENESIS);

            assertThat(fromCopy.get("a")).isEqualTo(fromOriginal.get("a"));
            assertThat(fromCopy.validationParameter("a")).isEqualTo(bytes("policy"));
            assertThat(fromCopy.getPrivate("Org1MSPPrivate", "consent-1")).isEqualTo(bytes("granted"));
        }

        @Test
        void rejects_truncated_or_trailing_or_foreign_bytes() {
            final byte[] canonical = everything().toBytes();

            assertThatThrownBy(() -> WriteSet.fromBytes(Arrays.copyOf(canonical, canonical.length - 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("truncated");
            assertThatThrownBy(() -> WriteSet.fromBytes(Arrays.copyOf(canonical, canonical.length + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trailing");
            assertThatThrownBy(() -> WriteSet.fromBytes(bytes("not a write set at all")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
