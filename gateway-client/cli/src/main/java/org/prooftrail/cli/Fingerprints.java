package org.prooftrail.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.prooftrail.client.fingerprint.Fingerprint;
import org.prooftrail.client.fingerprint.Fingerprinter;
import org.prooftrail.client.fingerprint.Manifest;
import org.prooftrail.client.fingerprint.ProgressListener;

/** Fingerprints a path for a command, with a progress bar on a terminal and nothing in scripts. */
final class Fingerprints {
    private Fingerprints() {}

    static Fingerprint of(Path path, Path manifest, PrintWriter err) {
        return of(path, manifest, false, err);
    }

    /** {@code plainSha256}: also the plain SHA-256 of a file larger than one chunk. */
    static Fingerprint of(Path path, Path manifest, boolean plainSha256, PrintWriter err) {
        if (!Files.exists(path)) {
            throw UsageException.notFound(path + " does not exist");
        }
        ProgressListener progress = System.console() != null ? new ProgressBar(err) : ProgressListener.NONE;
        Fingerprinter fingerprinter = Fingerprinter.builder()
                .progress(progress)
                .plainSha256(plainSha256)
                .build();
        Fingerprint fingerprint = manifest == null
                ? fingerprinter.fingerprint(path)
                : fingerprinter.fingerprint(path, manifest.toAbsolutePath());
        if (progress instanceof ProgressBar bar) {
            bar.finish();
        }
        return fingerprint;
    }

    /** Where a directory's manifest goes: the path given, or next to the data. */
    static Path manifestPath(Path directory, Path given) {
        return given != null ? given : directory.resolve(Manifest.DEFAULT_FILE_NAME);
    }

    /** A one-line bar on standard error, redrawn at most ten times a second. */
    static final class ProgressBar implements ProgressListener {
        private final PrintWriter err;
        private long lastDraw;
        private boolean drawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void progress(long done, long total) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && done < total) {
                return;
            }
            lastDraw = now;
            int percent = total == 0 ? 100 : (int) (done * 100 / total);
            int filled = percent / 4;
            err.printf("\r[%-25s] %3d%%  %,d / %,d MB", "#".repeat(filled), percent, done >> 20, total >> 20);
            err.flush();
            drawn = true;
        }

        @Override
        public void skipped(String relativePath, String reason) {
            err.println();
            err.println("warning: skipped " + relativePath + ": " + reason);
        }

        synchronized void finish() {
            if (drawn) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
