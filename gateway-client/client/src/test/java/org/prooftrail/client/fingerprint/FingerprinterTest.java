package org.prooftrail.client.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.Merkle;

class FingerprinterTest {
    private static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Fingerprint fingerprint(Path path) {
        return Fingerprinter.create().fingerprint(path);
    }

    @Nested
    class A_single_file {
        @Test
        void digests_as_sha256sum_does_for_the_fips_180_vectors() throws IOException {
            assertThat(fingerprint(write(dir.resolve("empty"), "")).digest()).hasToString(EMPTY);
            assertThat(fingerprint(write(dir.resolve("abc"), "abc")).digest())
                    .hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(fingerprint(write(dir.resolve("million"), "a".repeat(1_000_000)))
                            .digest())
                    .hasToString("sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
        }

        @Test
        void digests_as_the_sha256sum_program_does() throws Exception {
            Path file = write(dir.resolve("data.bin"), random(1, 3 * 1024 * 1024 + 17));
            assumeThat(Path.of("/usr/bin/sha256sum"))
                    .as("sha256sum is installed")
                    .exists();
            Process process = new ProcessBuilder("/usr/bin/sha256sum", file.toString()).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(fingerprint(file).digest().hex()).isEqualTo(printed.substring(0, 64));
        }

        @Test
        void digests_the_same_as_a_stream_read_with_another_buffer_size() throws IOException {
            Path file = write(dir.resolve("data.bin"), random(2, 1024 * 1024 + 3));
            assertThat(fingerprint(file).digest()).isEqualTo(streamed(file, 7)).isEqualTo(streamed(file, 65_537));
        }

        @Test
        void has_no_tree_when_it_fits_in_one_chunk() throws IOException {
            Fingerprint fp = fingerprint(write(dir.resolve("one-chunk"), new byte[Manifest.CHUNK_SIZE]));
            assertThat(fp.kind()).isEqualTo(Fingerprint.Kind.FILE);
            assertThat(fp.size()).isEqualTo(Manifest.CHUNK_SIZE);
            assertThat(fp.root()).isEmpty();
            assertThat(fp.leaves()).isZero();
            assertThat(fp.manifest()).isEmpty();
        }

        @Test
        void has_a_chunk_tree_equal_to_a_sequential_reference_when_larger_than_one_chunk() throws IOException {
            byte[] content = random(3, 2 * Manifest.CHUNK_SIZE + 12_345);
            Path file = write(dir.resolve("large.bin"), content);

            Fingerprint fp = Fingerprinter.builder().threads(3).build().fingerprint(file);

            assertThat(fp.leaves()).isEqualTo(3);
            assertThat(fp.root()).contains(sequentialChunkRoot(content));
            assertThat(fp.digest())
                    .isEqualTo(Digest.sha256(chunkedFileManifest(
                            content.length, fp.leaves(), fp.root().orElseThrow())));
            assertThat(fp.sha256()).isEmpty();
        }

        @Test
        void is_registered_by_its_chunk_manifest_as_the_python_reference_computes_it() throws IOException {
            // docs/fingerprints.md's Python reference, on CHUNK_SIZE + 1 zero bytes.
            Path file = write(dir.resolve("zeros"), new byte[Manifest.CHUNK_SIZE + 1]);
            Fingerprint fp = fingerprint(file);
            assertThat(fp.root())
                    .map(Digest::toString)
                    .contains("sha256:fd958781c500103b238c172a5c38af8e5df80f862954ea2fa6de8f948dcd6b0a");
            assertThat(new String(
                            Manifest.chunkedFileBytes(fp.size(), fp.root().orElseThrow()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"algorithm\":\"sha256\",\"chunkSize\":8388608,\"formatVersion\":2,"
                            + "\"kind\":\"chunked-file\",\"leaves\":2,"
                            + "\"root\":\"sha256:fd958781c500103b238c172a5c38af8e5df80f862954ea2fa6de8f948dcd6b0a\","
                            + "\"size\":8388609}\n");
            assertThat(fp.digest())
                    .hasToString("sha256:1669c24d2fb3f8550fe84c3ec8d1f2db95a136a6f289238e6cdb520e2347bda0");
        }

        @Test
        void gives_the_plain_sha256_too_only_when_asked() throws IOException {
            byte[] content = random(8, 2 * Manifest.CHUNK_SIZE + 77);
            Path file = write(dir.resolve("large.bin"), content);
            for (int threads : new int[] {1, 3}) {
                Fingerprint fp = Fingerprinter.builder()
                        .threads(threads)
                        .plainSha256(true)
                        .build()
                        .fingerprint(file);
                assertThat(fp.sha256()).contains(Digest.sha256(content));
                assertThat(fp).isEqualTo(fingerprint(file));
            }
            Fingerprint read = new ParallelFingerprinter(2, ProgressListener.NONE, true, 0).fingerprint(file);
            assertThat(read.sha256()).contains(Digest.sha256(content));
        }

        @Test
        void of_at_most_one_chunk_is_its_own_plain_sha256() throws IOException {
            byte[] content = random(9, 1000);
            Fingerprint fp = fingerprint(write(dir.resolve("small"), content));
            assertThat(fp.sha256()).contains(Digest.sha256(content)).contains(fp.digest());
        }

        @Test
        void splits_one_byte_over_a_chunk_into_two_leaves() throws IOException {
            byte[] content = random(4, Manifest.CHUNK_SIZE + 1);
            Fingerprint fp = fingerprint(write(dir.resolve("just-over"), content));
            assertThat(fp.leaves()).isEqualTo(2);
            assertThat(fp.root()).contains(sequentialChunkRoot(content));
        }

        @Test
        void gives_the_same_chunk_tree_whatever_the_number_of_threads() throws IOException {
            Path file = write(dir.resolve("large.bin"), random(5, 3 * Manifest.CHUNK_SIZE + 1));
            Fingerprint one = Fingerprinter.builder().threads(1).build().fingerprint(file);
            assertThat(Fingerprinter.builder().threads(2).build().fingerprint(file))
                    .isEqualTo(one);
            assertThat(Fingerprinter.builder().threads(7).build().fingerprint(file))
                    .isEqualTo(one);
        }

        @Test
        void gives_the_same_chunk_tree_with_positional_reads_as_with_mapped_chunks() throws IOException {
            byte[] content = random(7, 2 * Manifest.CHUNK_SIZE + 3);
            Path file = write(dir.resolve("large.bin"), content);
            Fingerprint read = new ParallelFingerprinter(2, ProgressListener.NONE, false, 0).fingerprint(file);
            assertThat(read).isEqualTo(fingerprint(file));
            assertThat(read.root()).contains(sequentialChunkRoot(content));
        }

        @Test
        void reports_progress_up_to_the_file_size() throws IOException {
            Path file = write(dir.resolve("large.bin"), random(6, 2 * Manifest.CHUNK_SIZE + 5));
            List<long[]> calls = new ArrayList<>();
            Fingerprinter.builder()
                    .progress((done, total) -> calls.add(new long[] {done, total}))
                    .build()
                    .fingerprint(file);

            assertThat(calls).isNotEmpty();
            assertThat(calls.get(calls.size() - 1))
                    .containsExactly(2L * Manifest.CHUNK_SIZE + 5, 2L * Manifest.CHUNK_SIZE + 5);
            for (int i = 1; i < calls.size(); i++) {
                assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
            }
        }

        private byte[] chunkedFileManifest(long size, long leaves, Digest root) {
            return ("{\"algorithm\":\"sha256\",\"chunkSize\":8388608,\"formatVersion\":2,\"kind\":\"chunked-file\","
                            + "\"leaves\":" + leaves + ",\"root\":\"" + root + "\",\"size\":" + size + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private Digest sequentialChunkRoot(byte[] content) {
            List<Digest> leaves = new ArrayList<>();
            for (int from = 0; from < content.length; from += Manifest.CHUNK_SIZE) {
                int to = Math.min(content.length, from + Manifest.CHUNK_SIZE);
                leaves.add(Merkle.leafHash(Arrays.copyOfRange(content, from, to)));
            }
            return Merkle.root(leaves);
        }
    }

    @Nested
    class A_directory {
        @Test
        void lists_every_regular_file_by_relative_path_sorted_by_utf8_bytes() throws IOException {
            for (String name : List.of("a/b", "a.b", "a-b", "a0", "B", "é", "\uFFFD", "😀", "a/c/d", "z")) {
                write(dir.resolve(name), name);
            }

            Manifest manifest = fingerprint(dir).manifest().orElseThrow();

            // UTF-8 byte order: '-' 2d < '.' 2e < '/' 2f < '0' 30; U+FFFD (ef bf bd) before U+1F600 (f0 9f ...),
            // although UTF-16 order would put the surrogate pair first.
            assertThat(manifest.files())
                    .extracting(FileEntry::path)
                    .containsExactly("B", "a-b", "a.b", "a/b", "a/c/d", "a0", "z", "é", "\uFFFD", "😀");
        }

        @Test
        void records_path_size_and_sha256_of_each_file() throws IOException {
            write(dir.resolve("sub/data.txt"), "abc");
            FileEntry entry = fingerprint(dir).manifest().orElseThrow().files().get(0);
            assertThat(entry.path()).isEqualTo("sub/data.txt");
            assertThat(entry.size()).isEqualTo(3);
            assertThat(entry.digest())
                    .hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(entry.chunkRoot()).isEmpty();
        }

        @Test
        void matches_an_independent_implementation_byte_for_byte() throws IOException {
            // Root computed by a 20-line Python script from the rules of docs/fingerprints.md.
            write(dir.resolve("a"), "hi\n");
            write(dir.resolve("sub/b"), "x");

            Fingerprint fp = fingerprint(dir);

            assertThat(fp.kind()).isEqualTo(Fingerprint.Kind.DIRECTORY);
            assertThat(fp.root())
                    .map(Digest::toString)
                    .contains("sha256:a59c5d0da757b14bd414df8eb8fafafde5db43d20f208723543d7516c51ee1fd");
            assertThat(new String(fp.manifest().orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .isEqualTo(
                            "{\"algorithm\":\"sha256\",\"chunkSize\":8388608,\"files\":["
                                    + "{\"digest\":\"sha256:98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4\","
                                    + "\"path\":\"a\",\"size\":3},"
                                    + "{\"digest\":\"sha256:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881\","
                                    + "\"path\":\"sub/b\",\"size\":1}],\"formatVersion\":2,\"leaves\":2,"
                                    + "\"root\":\"sha256:a59c5d0da757b14bd414df8eb8fafafde5db43d20f208723543d7516c51ee1fd\"}\n");
            assertThat(fp.digest())
                    .hasToString("sha256:7285d3ba8ece6e7da399fa66070fffe4cb2e718c6cb5056d16d4cfd0cecff666")
                    .isEqualTo(Digest.sha256(fp.manifest().orElseThrow().bytes()));
            assertThat(fp.leaves()).isEqualTo(2);
            assertThat(fp.size()).isEqualTo(4);
        }

        @Test
        void labels_a_file_larger_than_one_chunk_by_its_chunk_root_as_the_python_reference_does() throws IOException {
            write(dir.resolve("a"), "hi\n");
            write(dir.resolve("big"), new byte[Manifest.CHUNK_SIZE + 1]);

            Fingerprint fp = fingerprint(dir);

            assertThat(new String(fp.manifest().orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .isEqualTo(
                            "{\"algorithm\":\"sha256\",\"chunkSize\":8388608,\"files\":["
                                    + "{\"digest\":\"sha256:98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4\","
                                    + "\"path\":\"a\",\"size\":3},"
                                    + "{\"chunkRoot\":\"sha256:fd958781c500103b238c172a5c38af8e5df80f862954ea2fa6de8f948dcd6b0a\","
                                    + "\"chunks\":2,\"path\":\"big\",\"size\":8388609}],\"formatVersion\":2,\"leaves\":2,"
                                    + "\"root\":\"sha256:1410a2a913a010f8c8e14d36572404aa5edbeb6927c60e31692ff98520867b00\"}\n");
            assertThat(fp.digest())
                    .hasToString("sha256:aca015073dfbe79f0829f3d8fe37b3dba924b2770f685652bc77d627e22fed59");
            assertThat(Manifest.parse(fp.manifest().orElseThrow().bytes()))
                    .isEqualTo(fp.manifest().orElseThrow());
        }

        @Test
        void of_nothing_has_the_sha256_of_nothing_as_its_root() {
            Fingerprint fp = fingerprint(dir);
            assertThat(fp.root()).map(Digest::toString).contains(EMPTY);
            assertThat(fp.leaves()).isZero();
            assertThat(new String(fp.manifest().orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"algorithm\":\"sha256\",\"chunkSize\":8388608,\"files\":[],\"formatVersion\":2,"
                            + "\"leaves\":0,\"root\":\"" + EMPTY + "\"}\n");
        }

        @Test
        void gives_the_same_manifest_bytes_whatever_the_number_of_threads() throws IOException {
            for (int i = 0; i < 60; i++) {
                write(dir.resolve("part-" + (i % 4) + "/file-" + i), random(i, i * 97));
            }
            write(dir.resolve("large/weights.bin"), random(99, Manifest.CHUNK_SIZE + 100));

            Fingerprint one = Fingerprinter.builder().threads(1).build().fingerprint(dir);
            for (int threads : new int[] {2, 3, 8}) {
                Fingerprint many =
                        Fingerprinter.builder().threads(threads).build().fingerprint(dir);
                assertThat(many.manifest().orElseThrow().bytes())
                        .isEqualTo(one.manifest().orElseThrow().bytes());
                assertThat(many).isEqualTo(one);
            }
            FileEntry large = one.manifest()
                    .orElseThrow()
                    .files()
                    .get(one.manifest().orElseThrow().indexOf("large/weights.bin"));
            assertThat(large.chunks()).isEqualTo(2);
            assertThat(large.chunkRoot()).isPresent();
        }

        @Test
        void leaves_out_its_own_manifest_at_the_top_but_not_a_file_of_that_name_deeper() throws IOException {
            write(dir.resolve("data"), "data");
            Fingerprint before = fingerprint(dir);
            before.manifest().orElseThrow().write(dir.resolve(Manifest.DEFAULT_FILE_NAME));

            assertThat(fingerprint(dir)).isEqualTo(before);

            write(dir.resolve("nested/" + Manifest.DEFAULT_FILE_NAME), "{}");
            assertThat(fingerprint(dir).manifest().orElseThrow().files())
                    .extracting(FileEntry::path)
                    .containsExactly("data", "nested/" + Manifest.DEFAULT_FILE_NAME);
        }

        @Test
        void leaves_out_a_manifest_kept_under_another_name() throws IOException {
            write(dir.resolve("data"), "data");
            Path custom = dir.resolve("meta/custom.json");
            Files.createDirectories(custom.getParent());
            Fingerprint before = Fingerprinter.create().fingerprint(dir, custom);
            before.manifest().orElseThrow().write(custom);

            assertThat(Fingerprinter.create().fingerprint(dir, custom)).isEqualTo(before);
            assertThat(fingerprint(dir).leaves()).isEqualTo(2);
        }

        @Test
        void skips_symbolic_links_without_following_them_and_says_so() throws IOException {
            write(dir.resolve("real/file"), "content");
            Path outside = write(dir.getParent().resolve(dir.getFileName() + "-outside/secret"), "secret");
            Files.createSymbolicLink(dir.resolve("link-to-file"), dir.resolve("real/file"));
            Files.createSymbolicLink(dir.resolve("link-to-dir"), outside.getParent());
            List<String> skipped = new ArrayList<>();
            ProgressListener listener = new ProgressListener() {
                @Override
                public void progress(long done, long total) {}

                @Override
                public void skipped(String relativePath, String reason) {
                    skipped.add(relativePath + ": " + reason);
                }
            };

            Fingerprint fp = Fingerprinter.builder().progress(listener).build().fingerprint(dir);

            assertThat(fp.manifest().orElseThrow().files())
                    .extracting(FileEntry::path)
                    .containsExactly("real/file");
            assertThat(skipped)
                    .containsExactlyInAnyOrder(
                            "link-to-dir: symbolic link, not followed", "link-to-file: symbolic link, not followed");
        }

        @Test
        void reached_through_a_symbolic_link_is_fingerprinted_as_the_directory_itself() throws IOException {
            write(dir.resolve("real/file"), "content");
            Path link = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
            assertThat(fingerprint(link)).isEqualTo(fingerprint(dir.resolve("real")));
        }

        @Test
        void refuses_a_path_that_does_not_exist() {
            assertThatThrownBy(() -> fingerprint(dir.resolve("absent")))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("absent");
        }
    }

    @Nested
    class Comparing_with_a_manifest {
        @Test
        void finds_nothing_when_nothing_changed() throws IOException {
            write(dir.resolve("a"), "a");
            Manifest recorded = fingerprint(dir).manifest().orElseThrow();
            Comparison comparison = Comparison.of(recorded, fingerprint(dir));
            assertThat(comparison.matches()).isTrue();
            assertThat(comparison.changed()).isEmpty();
        }

        @Test
        void names_the_altered_the_added_and_the_removed_file() throws IOException {
            write(dir.resolve("train/0001.png"), "one");
            write(dir.resolve("train/0002.png"), "two");
            write(dir.resolve("train/0003.png"), "three");
            write(dir.resolve("labels.csv"), "1,2,3");
            Manifest recorded = fingerprint(dir).manifest().orElseThrow();

            write(dir.resolve("train/0002.png"), "TWO"); // same size, other content
            write(dir.resolve("train/0004.png"), "four");
            Files.delete(dir.resolve("labels.csv"));
            Comparison comparison = Comparison.of(recorded, fingerprint(dir));

            assertThat(comparison.matches()).isFalse();
            assertThat(comparison.changed()).containsExactly("train/0002.png");
            assertThat(comparison.added()).containsExactly("train/0004.png");
            assertThat(comparison.missing()).containsExactly("labels.csv");
        }

        @Test
        void notices_a_file_that_only_grew() throws IOException {
            write(dir.resolve("log"), "abc");
            Manifest recorded = fingerprint(dir).manifest().orElseThrow();
            Files.writeString(dir.resolve("log"), "abcd");
            assertThat(Comparison.of(recorded, fingerprint(dir)).changed()).containsExactly("log");
        }

        @Test
        void refuses_to_compare_a_manifest_with_a_single_file() throws IOException {
            Path file = write(dir.resolve("f"), "f");
            Manifest recorded = fingerprint(dir).manifest().orElseThrow();
            assertThatThrownBy(() -> Comparison.of(recorded, fingerprint(file)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("single file");
        }
    }

    /** A reference that shares only SHA-256 with the library: a plain stream read with the given buffer size. */
    private static Digest streamed(Path file, int bufferSize) throws IOException {
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[bufferSize];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, read);
            }
        }
        return Digest.of(sha.digest());
    }
}
