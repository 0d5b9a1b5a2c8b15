package org.prooftrail.client;

import java.util.List;
import java.util.Map;
import org.prooftrail.protocol.Transaction;

/**
 * Carries prooftrail transactions to a ledger: a Fabric network through the gateway, or the embedded ledger. The
 * facade above it knows transactions and JSON; a transport knows how to endorse, order and commit them.
 *
 * <p>Every method throws only {@link ProofTrailClientException} and its subclasses: a
 * {@link ContractRejectedException} when the chaincode refused the transaction (with the error code parsed from
 * its message), a {@link CommitFailedException} when it was endorsed but failed validation, a
 * {@link GatewayUnavailableException} when the ledger could not be reached.
 */
public interface LedgerTransport extends AutoCloseable {

    /**
     * Endorses, orders and commits a transaction and returns its result once committed.
     *
     * @param transientData private inputs that travel in the proposal's transient map, never in the arguments
     */
    SubmitResult submit(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData);

    /** Evaluates a query on one peer and returns its result; nothing is ordered or committed. */
    default byte[] evaluate(Transaction transaction, List<String> arguments) {
        return evaluate(transaction, arguments, Map.of());
    }

    /**
     * Evaluates a query with private inputs in the transient map (a consent check names its subject there). It runs
     * on a peer of the caller's own organisation, the one that holds that organisation's private data.
     */
    byte[] evaluate(Transaction transaction, List<String> arguments, Map<String, byte[]> transientData);

    /**
     * Delivers the chaincode's events, in ledger order, from the event after the checkpoint's position (later
     * events of the checkpoint's block, then the following blocks; or from the start of the ledger if the
     * checkpoint is empty) until the subscription is closed. A block can hold several events, so the position
     * is a block and a transaction within it. The checkpoint is advanced after each event is delivered, so a
     * restarted listener resumes where it stopped.
     */
    EventSubscription subscribe(EventCheckpoint checkpoint, LedgerEventListener listener);

    /** A description for people: the gateway endpoint and channel, or the embedded ledger's folder. */
    String describe();

    @Override
    void close();
}
