package org.prooftrail.client.fingerprint;

/** How a large file is cut into the leaves of its chunk tree. */
final class Chunks {
    private Chunks() {}

    /** The number of chunk-tree leaves of a file of {@code size} bytes: 0 when it fits in one chunk. */
    static long count(long size) {
        return size <= Manifest.CHUNK_SIZE ? 0 : (size + Manifest.CHUNK_SIZE - 1) / Manifest.CHUNK_SIZE;
    }

    /** The length of chunk {@code index} of a file of {@code size} bytes. */
    static int length(long size, long index) {
        return (int) Math.min(Manifest.CHUNK_SIZE, size - index * Manifest.CHUNK_SIZE);
    }
}
