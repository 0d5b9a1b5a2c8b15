package org.prooftrail.client.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.client.json.Json;
import org.prooftrail.protocol.Digest;
import org.prooftrail.protocol.InclusionProof;

class ManifestTest {
    private static FileEntry file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return FileEntry.of(path, bytes.length, Digest.sha256(bytes));
    }

    private static Manifest sevenFiles() {
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            files.add(file("dir-" + (i % 3) + "/file-" + i, "content " + i));
        }
        return Manifest.of(files);
    }

    private static String json(Manifest manifest) {
        return new String(manifest.bytes(), StandardCharsets.UTF_8);
    }

    @Nested
    class Leaf_encoding {
        @Test
        void is_the_kind_then_the_length_prefixed_path_then_the_size_then_the_raw_digest() {
            Digest digest = Digest.sha256("hi\n".getBytes(StandardCharsets.UTF_8));
            assertThat(HexFormat.of().formatHex(FileEntry.leafInput("a", 3, digest)))
                    .isEqualTo("00" + "00000001" + "61" + "0000000000000003" + digest.hex());
        }

        @Test
        void labels_the_chunk_root_of_a_file_larger_than_one_chunk_with_kind_one() {
            Digest root = Digest.sha256(new byte[0]);
            long size = Manifest.CHUNK_SIZE + 1L;
            assertThat(HexFormat.of().formatHex(FileEntry.leafInput("a", size, root)))
                    .isEqualTo("01" + "00000001" + "61" + "0000000000800001" + root.hex());
            FileEntry entry = FileEntry.of("a", size, root);
            assertThat(entry.chunked()).isTrue();
            assertThat(entry.chunkRoot()).contains(root);
            assertThat(entry.sha256()).isEmpty();
            assertThat(entry.chunks()).isEqualTo(2);
        }

        @Test
        void cannot_be_confused_by_moving_bytes_between_path_and_size() {
            Digest digest = Digest.sha256(new byte[0]);
            assertThat(FileEntry.of("ab", 0, digest).leafHash())
                    .isNotEqualTo(FileEntry.of("a", 0, digest).leafHash());
        }

        @Test
        void reads_a_chunk_root_exactly_for_files_larger_than_one_chunk() {
            String digest = Digest.sha256(new byte[0]).toString();
            String big = "{\"path\":\"big\",\"size\":8388609,";
            String small = "{\"path\":\"small\",\"size\":1,";
            assertThat(parseFile(big + "\"chunkRoot\":\"" + digest + "\",\"chunks\":2}")
                            .chunked())
                    .isTrue();
            assertThat(parseFile(small + "\"digest\":\"" + digest + "\"}").chunked())
                    .isFalse();
            assertThatThrownBy(() -> parseFile(big + "\"digest\":\"" + digest + "\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chunkRoot, not by a digest");
            assertThatThrownBy(() -> parseFile(small + "\"chunkRoot\":\"" + digest + "\"}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("digest, not by a chunkRoot");
            assertThatThrownBy(() -> parseFile(big + "\"chunkRoot\":\"" + digest + "\",\"chunks\":3}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 chunks, its size makes 2");
        }

        private FileEntry parseFile(String json) {
            return FileEntry.fromJson(Fields.object(Json.read(json), "file"), Digest.newSha256());
        }

        @Test
        void refuses_paths_no_directory_walk_produces() {
            Digest digest = Digest.sha256(new byte[0]);
            for (String bad : List.of("", "/abs", "a//b", "a/", "./a", "a/../b", "..", "nul\0")) {
                assertThatThrownBy(() -> FileEntry.of(bad, 0, digest))
                        .as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Nested
    class Json_form {
        @Test
        void sorts_files_by_utf8_bytes_whatever_order_they_come_in() {
            Manifest manifest =
                    Manifest.of(List.of(file("😀", "1"), file("\uFFFD", "2"), file("a/b", "3"), file("a.b", "4")));
            assertThat(manifest.files()).extracting(FileEntry::path).containsExactly("a.b", "a/b", "\uFFFD", "😀");
        }

        @Test
        void escapes_only_what_json_requires_and_writes_other_characters_as_utf8() {
            Manifest manifest = Manifest.of(List.of(file("quote\"back\\slash\ttab\u0001é", "x")));
            assertThat(json(manifest)).contains("\"path\":\"quote\\\"back\\\\slash\\ttab\\u0001é\"");
            assertThat(Manifest.parse(manifest.bytes())).isEqualTo(manifest);
        }

        @Test
        void is_written_directly_exactly_as_the_generic_canonical_writer_writes_it() {
            List<FileEntry> files = new ArrayList<>(sevenFiles().files());
            files.add(file("quote\"back\\slash\ttab\u0001é😀", "x"));
            files.add(FileEntry.of("big", Manifest.CHUNK_SIZE + 1L, Digest.sha256(new byte[] {1})));
            Manifest manifest = Manifest.of(files);
            List<Object> entries = new ArrayList<>();
            manifest.files().forEach(entry -> entries.add(entry.toJson()));
            Map<String, Object> top = Map.of(
                    "formatVersion",
                    Manifest.FORMAT_VERSION,
                    "algorithm",
                    Manifest.ALGORITHM,
                    "chunkSize",
                    Manifest.CHUNK_SIZE,
                    "root",
                    manifest.root().toString(),
                    "leaves",
                    manifest.files().size(),
                    "files",
                    entries);

            assertThat(json(manifest)).isEqualTo(CanonicalJson.string(top) + "\n");
            assertThat(json(Manifest.of(List.of())))
                    .isEqualTo(CanonicalJson.string(Map.of(
                                    "formatVersion",
                                    2,
                                    "algorithm",
                                    "sha256",
                                    "chunkSize",
                                    Manifest.CHUNK_SIZE,
                                    "root",
                                    Digest.sha256(new byte[0]).toString(),
                                    "leaves",
                                    0,
                                    "files",
                                    List.of()))
                            + "\n");
        }

        @Test
        void round_trips_through_its_bytes() {
            Manifest manifest = sevenFiles();
            Manifest parsed = Manifest.parse(manifest.bytes());
            assertThat(parsed).isEqualTo(manifest);
            assertThat(parsed.digest()).isEqualTo(manifest.digest());
            assertThat(parsed.files()).isEqualTo(manifest.files());
        }

        @Test
        void accepts_reformatted_json_and_still_digests_the_canonical_bytes() {
            Manifest manifest = sevenFiles();
            String pretty = json(manifest).replace(",", ",\n  ").replace("{", "{ ");
            Manifest parsed = Manifest.parse(pretty.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed.digest()).isEqualTo(manifest.digest());
        }

        @Test
        void writes_and_reads_a_file(@TempDir Path dir) {
            Manifest manifest = sevenFiles();
            Path file = dir.resolve(Manifest.DEFAULT_FILE_NAME);
            manifest.write(file);
            assertThat(Manifest.read(file)).isEqualTo(manifest);
            assertThat(file.resolveSibling(Manifest.DEFAULT_FILE_NAME + ".tmp")).doesNotExist();
        }

        @Test
        void refuses_a_manifest_whose_root_does_not_match_its_files() {
            String tampered = json(sevenFiles()).replace("content", "x").replaceFirst("\"size\":9", "\"size\":8");
            assertThatThrownBy(() -> Manifest.parse(tampered.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match its files");
        }

        @Test
        void refuses_a_wrong_leaf_count_version_algorithm_or_chunk_size() {
            String good = json(sevenFiles());
            Map<String, String> mutations = Map.of(
                    "\"leaves\":7", "\"leaves\":6",
                    "\"formatVersion\":2", "\"formatVersion\":1",
                    "\"algorithm\":\"sha256\"", "\"algorithm\":\"sha512\"",
                    "\"chunkSize\":8388608", "\"chunkSize\":1048576");
            mutations.forEach((from, to) -> assertThatThrownBy(
                            () -> Manifest.parse(good.replace(from, to).getBytes(StandardCharsets.UTF_8)))
                    .as(to)
                    .isInstanceOf(IllegalArgumentException.class));
        }

        @Test
        void refuses_malformed_json_by_saying_where() {
            assertThatThrownBy(() -> Manifest.parse("{\"a\":1}{".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("malformed JSON: unexpected text after the JSON value");
            assertThatThrownBy(() -> Manifest.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageContaining("duplicate key \"a\"");
            assertThatThrownBy(() -> Manifest.parse("{\"a\":1.5}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageContaining("only integers");
            assertThatThrownBy(() -> Manifest.parse("[]".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("manifest must be a JSON object");
        }

        @Test
        void refuses_nesting_deeper_than_64_levels_as_malformed_instead_of_overflowing_the_stack() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> Manifest.parse(deep.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("malformed JSON at offset 64: nested deeper than 64 levels");
            String objects = "{\"a\":".repeat(65) + "1" + "}".repeat(65);
            assertThatThrownBy(() -> FileProof.parse(objects))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nested deeper than 64 levels");
        }

        @Test
        void reads_nesting_of_exactly_64_levels() {
            String limit = "[".repeat(64) + "]".repeat(64);
            assertThatThrownBy(() -> Manifest.parse(limit.getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("manifest must be a JSON object");
        }

        @Test
        void refuses_two_files_with_one_path() {
            assertThatThrownBy(() -> Manifest.of(List.of(file("a", "1"), file("a", "2"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("two files have the path a");
        }
    }

    @Nested
    class Inclusion_proofs {
        @Test
        void round_trip_through_json_and_verify_for_every_file() {
            Manifest manifest = sevenFiles();
            for (FileEntry file : manifest.files()) {
                FileProof proof = manifest.prove(file.path());
                FileProof parsed = FileProof.parse(proof.toJson());

                assertThat(parsed).isEqualTo(proof);
                assertThat(parsed.file().path()).isEqualTo(file.path());
                assertThat(parsed.leafHash()).isEqualTo(file.leafHash());
                assertThat(parsed.verify(manifest.root())).as(file.path()).isTrue();
            }
        }

        @Test
        void carry_the_document_that_verify_inclusion_takes() {
            Manifest manifest = Manifest.of(List.of(file("only", "x")));
            FileProof proof = manifest.prove("only");
            assertThat(proof.inclusionProofJson()).isEqualTo("{\"leafIndex\":0,\"path\":[],\"treeSize\":1}");
            assertThat(proof.toJson())
                    .isEqualTo("{\"file\":{\"digest\":\"" + proof.file().digest() + "\",\"path\":\"only\",\"size\":1},"
                            + "\"leafHash\":\"" + proof.leafHash() + "\",\"proof\":"
                            + proof.inclusionProofJson() + ",\"root\":\"" + manifest.root() + "\"}");
        }

        @Test
        void is_refused_against_another_root() {
            Manifest manifest = sevenFiles();
            FileProof proof = manifest.prove("dir-1/file-4");
            assertThat(proof.verify(Manifest.of(List.of(file("x", "y"))).root()))
                    .isFalse();
        }

        @Test
        void is_refused_when_the_file_it_carries_was_altered() {
            Manifest manifest = sevenFiles();
            FileProof proof = manifest.prove("dir-1/file-4");
            FileEntry file = proof.file();
            FileProof forged = new FileProof(
                    FileEntry.of(file.path(), file.size(), Digest.sha256("forged".getBytes(StandardCharsets.UTF_8))),
                    proof.proof(),
                    proof.root());
            assertThat(forged.verify(manifest.root())).isFalse();

            String json = proof.toJson()
                    .replace(
                            file.digest().toString(), Digest.sha256(new byte[0]).toString());
            assertThatThrownBy(() -> FileProof.parse(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leafHash does not match");
        }

        @Test
        void is_refused_when_its_path_or_position_was_altered() {
            Manifest manifest = sevenFiles();
            FileProof proof = manifest.prove("dir-2/file-5");
            InclusionProof good = proof.proof();
            List<Digest> path = new ArrayList<>(good.path());
            byte[] flipped = path.get(0).bytes();
            flipped[31] ^= 1;
            path.set(0, Digest.of(flipped));

            assertThat(new FileProof(
                                    proof.file(),
                                    new InclusionProof(good.leafIndex(), good.treeSize(), path),
                                    proof.root())
                            .verify(manifest.root()))
                    .isFalse();
            assertThat(new FileProof(
                                    proof.file(),
                                    new InclusionProof(good.leafIndex() + 1, good.treeSize(), good.path()),
                                    proof.root())
                            .verify(manifest.root()))
                    .isFalse();
        }

        @Test
        void cannot_be_made_for_a_file_the_manifest_does_not_list() {
            assertThatThrownBy(() -> sevenFiles().prove("dir-0/absent"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the manifest has no file dir-0/absent");
        }
    }
}
