package org.prooftrail.chaincode.simulation;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * Query results that tell their simulator when they are closed, so that a test can assert that a contract closed
 * every iterator it opened. As with the shim, every call to {@link #iterator()} continues the same results.
 */
final class TrackedResults<T> implements QueryResultsIterator<T> {

    private final Iterator<T> source;
    private final Runnable onClose;
    private boolean closed;

    TrackedResults(final Iterator<T> source, final Runnable onClose) {
        this.source = source;
        this.onClose = onClose;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !closed && source.hasNext();
            }

            @Override
            public T next() {
                if (closed) {
                    throw new IllegalStateException("the query results are closed");
                }
                if (!source.hasNext()) {
                    throw new NoSuchElementException();
                }
                return source.next();
            }
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
