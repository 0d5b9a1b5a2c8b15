package org.prooftrail.client;

/** Receives chaincode events; an exception thrown here stops the subscription without advancing past it. */
@FunctionalInterface
public interface LedgerEventListener {
    void onEvent(LedgerEvent event);
}
