package org.prooftrail.chaincode.simulation;

import java.util.Iterator;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** One page of a paginated range query with the count fetched and the bookmark of the next page. */
final class PagedResults implements QueryResultsIteratorWithMetadata<KeyValue> {

    private final TrackedResults<KeyValue> results;
    private final QueryResponseMetadata metadata;

    PagedResults(final TrackedResults<KeyValue> results, final QueryResponseMetadata metadata) {
        this.results = results;
        this.metadata = metadata;
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return metadata;
    }

    @Override
    public Iterator<KeyValue> iterator() {
        return results.iterator();
    }

    @Override
    public void close() {
        results.close();
    }
}
