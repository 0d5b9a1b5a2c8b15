package org.prooftrail.client.gateway;

import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.prooftrail.client.EventCheckpoint;

/** Opens a stream of the chaincode's events that starts just after a checkpoint's position. */
@FunctionalInterface
interface ChaincodeEventSource {
    /**
     * The events after the checkpoint: in the checkpoint's block after its transaction, then every later block; or
     * from the first block when the checkpoint is empty. The iterator may throw {@code GatewayRuntimeException} or
     * {@code io.grpc.StatusRuntimeException} when the connection fails.
     */
    CloseableIterator<ChaincodeEvent> open(EventCheckpoint from);
}
