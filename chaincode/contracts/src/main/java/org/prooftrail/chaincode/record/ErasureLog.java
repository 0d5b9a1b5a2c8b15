package org.prooftrail.chaincode.record;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The public, owner-endorsed record of a dataset's erasures: how many there were and the latest receipt. It is
 * created with the dataset (a majority-endorsed registration) so that each erasure, endorsed by the owner's peer
 * alone, only updates it; the key's history holds every receipt.
 */
public final class ErasureLog {
    private final String dataset;
    private final long count;
    private final ErasureReceipt last;

    public ErasureLog(
            @JsonProperty("dataset") String dataset,
            @JsonProperty("count") long count,
            @JsonProperty("last") ErasureReceipt last) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.count = count;
        this.last = last;
    }

    public String getDataset() {
        return dataset;
    }

    public long getCount() {
        return count;
    }

    public ErasureReceipt getLast() {
        return last;
    }
}
