package org.prooftrail.chaincode.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** A world state and a sequence of transactions against it, each with its own id and a later timestamp. */
final class SimulatedLedger {

    static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");

    private final MemoryWorldState state;
    private int sequence;

    SimulatedLedger() {
        this(new MemoryWorldState());
    }

    SimulatedLedger(final MemoryWorldState state) {
        this.state = state;
    }

    MemoryWorldState state() {
        return state;
    }

    /** A builder for the next transaction, ready to build. */
    TransactionSimulator.Builder next() {
        sequence++;
        return TransactionSimulator.builder()
                .worldState(state)
                .txId(String.format("tx%03d", sequence))
                .timestamp(GENESIS.plus(Duration.ofMinutes(sequence)))
                .peerMspId("Org1MSP");
    }

    TransactionSimulator simulator() {
        return next().build();
    }

    /** Simulates a transaction and commits what it wrote. */
    WriteSet commit(final Consumer<TransactionSimulator> transaction) {
        final TransactionSimulator simulator = simulator();
        transaction.accept(simulator);
        final WriteSet writeSet = simulator.writeSet();
        state.commit(writeSet, simulator.getTxId(), simulator.getTxTimestamp());
        return writeSet;
    }
}
