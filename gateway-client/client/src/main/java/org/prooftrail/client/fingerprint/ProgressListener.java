package org.prooftrail.client.fingerprint;

/**
 * Hears how far a fingerprint has got, so that a command line can draw a progress bar. Calls come from the hashing
 * threads but never concurrently, and {@code bytesDone} never decreases.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total) -> {};

    /**
     * {@code bytesDone} of {@code bytesTotal} content bytes have been hashed. For a directory, hashing starts while
     * it is still being listed, so {@code bytesTotal} may grow until the listing ends.
     */
    void progress(long bytesDone, long bytesTotal);

    /**
     * An entry of a directory was left out of the fingerprint: a symbolic link (never followed) or something that is
     * neither a regular file nor a directory. {@code relativePath} uses {@code /} separators.
     */
    default void skipped(String relativePath, String reason) {}
}
