package org.prooftrail.client.fingerprint;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The relative paths of a directory's files: their one written form and their one order. */
final class RelativePaths {
    /** Unsigned comparison of the paths' UTF-8 bytes, which is Unicode code point order (not UTF-16 order). */
    static final Comparator<String> ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private RelativePaths() {}

    /** Sorts {@code items} by {@link #ORDER} of their paths, encoding each path once rather than per comparison. */
    static <T> List<T> sorted(List<T> items, Function<T, String> path) {
        List<Keyed<T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(new Keyed<>(path.apply(item).getBytes(StandardCharsets.UTF_8), item));
        }
        keyed.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        List<T> out = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            out.add(k.item());
        }
        return out;
    }

    private record Keyed<T>(byte[] key, T item) {}

    /** {@code file} relative to {@code root}, its names joined by {@code /} whatever the platform's separator. */
    static String of(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path name : relative) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(name);
        }
        return out.toString();
    }

    /** Rejects what no walk of a directory produces: empty, absolute, {@code .} or {@code ..} names, a NUL. */
    static void check(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a file path is required");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("file path contains a NUL character: " + path);
        }
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException(
                        "file path must be relative with no empty, '.' or '..' names: " + path);
            }
        }
    }
}
