package org.prooftrail.client.fingerprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How a directory differs from its manifest, by path: files whose size or content changed, files that are new, and
 * files that are gone. Each list is in manifest order (UTF-8 bytes of the path). This is what {@code prooftrail
 * verify} prints.
 */
public final class Comparison {
    private final List<String> changed;
    private final List<String> added;
    private final List<String> missing;

    private Comparison(List<String> changed, List<String> added, List<String> missing) {
        this.changed = Collections.unmodifiableList(changed);
        this.added = Collections.unmodifiableList(added);
        this.missing = Collections.unmodifiableList(missing);
    }

    /** Compares what was recorded ({@code expected}) with what is there now ({@code actual}). */
    public static Comparison of(Manifest expected, Manifest actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<FileEntry> before = expected.files();
        List<FileEntry> after = actual.files();
        int i = 0;
        int j = 0;
        // Both lists are sorted in the same order: one merge pass.
        while (i < before.size() || j < after.size()) {
            int order = i == before.size()
                    ? 1
                    : j == after.size()
                            ? -1
                            : RelativePaths.ORDER.compare(
                                    before.get(i).path(), after.get(j).path());
            if (order < 0) {
                missing.add(before.get(i++).path());
            } else if (order > 0) {
                added.add(after.get(j++).path());
            } else {
                FileEntry was = before.get(i++);
                FileEntry is = after.get(j++);
                if (was.size() != is.size() || !was.digest().equals(is.digest())) {
                    changed.add(was.path());
                }
            }
        }
        return new Comparison(changed, added, missing);
    }

    /** Compares a manifest with a fresh fingerprint of a directory. */
    public static Comparison of(Manifest expected, Fingerprint actual) {
        return of(
                expected,
                actual.manifest()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "a manifest describes a directory, and " + actual + " is a single file")));
    }

    /** Whether nothing changed, was added or went missing. */
    public boolean matches() {
        return changed.isEmpty() && added.isEmpty() && missing.isEmpty();
    }

    public List<String> changed() {
        return changed;
    }

    public List<String> added() {
        return added;
    }

    public List<String> missing() {
        return missing;
    }

    @Override
    public String toString() {
        return "Comparison[changed=" + changed + ", added=" + added + ", missing=" + missing + "]";
    }
}
