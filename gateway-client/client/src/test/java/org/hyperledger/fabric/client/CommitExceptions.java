package org.hyperledger.fabric.client;

/**
 * Builds fabric-gateway's real {@link CommitException}, whose constructor is package-private (the gateway raises it
 * from {@code Transaction.submit()} when the commit status is not successful). Test code only.
 */
public final class CommitExceptions {
    private CommitExceptions() {}

    public static CommitException of(Status status) {
        return new CommitException(status);
    }
}
