package org.prooftrail.client;

import java.util.OptionalLong;

/**
 * Where an event listener stopped: the block and the transaction within it of the last event delivered. A
 * listener that restarts with the same checkpoint receives nothing twice and misses nothing.
 */
public interface EventCheckpoint {
    /** The block of the last delivered event, or empty before the first. */
    OptionalLong blockNumber();

    /** The transaction id of the last delivered event, or null before the first. */
    String transactionId();

    /** Records that the event was delivered; a persistent checkpoint makes this durable before returning. */
    void checkpoint(long blockNumber, String transactionId);
}
