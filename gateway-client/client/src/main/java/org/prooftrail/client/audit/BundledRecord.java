package org.prooftrail.client.audit;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * One record a bundle claims: the ledger node it belongs to ({@code id}, {@code kind}), the transaction that wrote
 * it and the block holding that transaction, and the write it claims that transaction made: {@code key} (the state
 * key in {@code namespace}, a composite key as the chaincode builds it) set to exactly {@code value}.
 *
 * @param kind what the transaction was for the node: {@code registration}, {@code status}, {@code verification},
 *     {@code run}, {@code deployment}, {@code retirement}, {@code attestation}, {@code erasure}
 */
public record BundledRecord(
        String id,
        String kind,
        String transactionId,
        long blockNumber,
        String namespace,
        String key,
        ByteString value) {
    public BundledRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The same claim with another value: what a tampered bundle looks like. */
    public BundledRecord withValue(ByteString other) {
        return new BundledRecord(id, kind, transactionId, blockNumber, namespace, key, other);
    }

    /** The key for people: the composite key's parts joined by {@code /}. */
    public String readableKey() {
        return ReadableKeys.of(key);
    }
}
