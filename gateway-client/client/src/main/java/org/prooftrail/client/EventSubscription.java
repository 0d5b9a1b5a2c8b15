package org.prooftrail.client;

/** A running event subscription; closing it stops delivery. */
public interface EventSubscription extends AutoCloseable {
    @Override
    void close();
}
