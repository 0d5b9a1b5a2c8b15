package org.prooftrail.client.fingerprint;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Computes the {@link Fingerprint} of a file or a directory. A fingerprinter is thread-safe and holds no threads
 * between calls: each call hashes on its own bounded pool and shuts it down before returning.
 *
 * <pre>{@code
 * Fingerprint fp = Fingerprinter.create().fingerprint(Path.of("datasets/chest-xray"));
 * fp.manifest().orElseThrow().write(Path.of("datasets/chest-xray", Manifest.DEFAULT_FILE_NAME));
 * }</pre>
 */
public interface Fingerprinter {
    /**
     * Fingerprints a regular file or a directory. Inside a directory, a top-level {@value Manifest#DEFAULT_FILE_NAME}
     * is left out, as are symbolic links and special files (reported to {@link ProgressListener#skipped}).
     *
     * @throws UncheckedIOException if the path cannot be read, or a file changes size while it is hashed
     * @throws IllegalArgumentException if the path is neither a regular file nor a directory
     */
    Fingerprint fingerprint(Path path);

    /**
     * As {@link #fingerprint(Path)}, also leaving out {@code manifestFile} if it lies inside the directory, for a
     * manifest that the user keeps under another name.
     */
    Fingerprint fingerprint(Path path, Path manifestFile);

    /** A fingerprinter using every available core and reporting no progress. */
    static Fingerprinter create() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link Fingerprinter}. */
    final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;
        private boolean plainSha256;

        private Builder() {}

        /** How many threads hash at once (default: the available processors). Results never depend on it. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Whether to also compute the plain SHA-256 of a single file larger than one chunk ({@link
         * Fingerprint#sha256()}), for comparison with {@code sha256sum}. Off by default: it is a second, sequential
         * pass over the data, which bounds the speed at what one core hashes. It never changes the registered digest.
         */
        public Builder plainSha256(boolean plainSha256) {
            this.plainSha256 = plainSha256;
            return this;
        }

        public Fingerprinter build() {
            return new ParallelFingerprinter(threads, progress, plainSha256);
        }
    }
}
