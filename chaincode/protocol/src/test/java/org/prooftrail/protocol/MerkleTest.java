package org.prooftrail.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The leaf inputs of the Certificate Transparency reference implementations (transparency-dev/merkle
     * {@code testonly/constants.go}, google/certificate-transparency {@code merkle_tree_test}).
     */
    private static final List<String> CT_LEAVES =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** The roots of the trees over the first n CT leaves, indexed by n (same source). */
    private static final List<String> CT_ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static Digest digest(String hex) {
        return Digest.of(HEX.parseHex(hex));
    }

    private static List<Digest> ctLeafHashes(int n) {
        return CT_LEAVES.subList(0, n).stream()
                .map(hex -> Merkle.leafHash(HEX.parseHex(hex)))
                .toList();
    }

    private static List<Digest> syntheticLeafHashes(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> Merkle.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @Nested
    class Known_answer_vectors {
        @Test
        void the_empty_tree_has_the_sha256_of_nothing_as_its_root() {
            assertThat(Merkle.root(List.of())).isEqualTo(digest(CT_ROOTS.get(0)));
            assertThat(Merkle.root(List.of())).isEqualTo(Digest.sha256(new byte[0]));
        }

        @Test
        void hashes_the_empty_leaf_as_sha256_of_a_single_zero_byte() {
            assertThat(Merkle.leafHash(new byte[0]))
                    .isEqualTo(digest("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"))
                    .isEqualTo(Digest.sha256(new byte[] {0}));
        }

        @Test
        void hashes_the_ct_leaves_as_the_reference_implementation_does() {
            // Level 0 of NodeHashes() in transparency-dev/merkle testonly/constants.go.
            assertThat(ctLeafHashes(8))
                    .containsExactly(
                            digest("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
                            digest("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
                            digest("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"),
                            digest("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"),
                            digest("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                            digest("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"),
                            digest("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"),
                            digest("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"));
        }

        @Test
        void hashes_an_interior_node_with_the_0x01_prefix() {
            List<Digest> leaves = ctLeafHashes(2);
            assertThat(Merkle.nodeHash(leaves.get(0), leaves.get(1)))
                    .isEqualTo(digest("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        }

        @ParameterizedTest(name = "tree size {0}")
        @MethodSource("org.prooftrail.protocol.MerkleTest#treeSizesOneToEight")
        void computes_the_reference_root_for_every_prefix_of_the_ct_leaves(int size) {
            assertThat(Merkle.root(ctLeafHashes(size))).isEqualTo(digest(CT_ROOTS.get(size)));
        }

        @ParameterizedTest(name = "leaf {1} of {2}")
        @MethodSource("org.prooftrail.protocol.MerkleTest#ctInclusionProofs")
        void produces_and_accepts_the_reference_inclusion_paths(String name, int index, int size, List<String> path) {
            List<Digest> leaves = ctLeafHashes(size);
            InclusionProof expected = new InclusionProof(
                    index, size, path.stream().map(MerkleTest::digest).toList());

            assertThat(Merkle.prove(leaves, index)).isEqualTo(expected);
            assertThat(Merkle.verify(leaves.get(index), expected, digest(CT_ROOTS.get(size))))
                    .isTrue();
        }
    }

    static Stream<Integer> treeSizesOneToEight() {
        return IntStream.rangeClosed(1, 8).boxed();
    }

    /** The inclusion vectors of transparency-dev/merkle {@code proof/verify_test.go} (indexes made 0-based). */
    static Stream<Arguments> ctInclusionProofs() {
        return Stream.of(
                Arguments.of("single leaf", 0, 1, List.of()),
                Arguments.of(
                        "first of eight",
                        0,
                        8,
                        List.of(
                                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                Arguments.of(
                        "sixth of eight",
                        5,
                        8,
                        List.of(
                                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                Arguments.of(
                        "last of three",
                        2,
                        3,
                        List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                Arguments.of(
                        "second of five",
                        1,
                        5,
                        List.of(
                                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));
    }

    @Nested
    class Root {
        @Test
        void equals_the_recursive_definition_of_rfc_9162_for_every_size_up_to_64() {
            for (int n = 0; n <= 64; n++) {
                List<Digest> leaves = syntheticLeafHashes(n);
                assertThat(Merkle.root(leaves)).as("size %d", n).isEqualTo(recursiveRoot(leaves));
            }
        }

        @Test
        void does_not_duplicate_the_last_leaf() {
            List<Digest> three = syntheticLeafHashes(3);
            List<Digest> padded = new ArrayList<>(three);
            padded.add(three.get(2));
            assertThat(Merkle.root(three)).isNotEqualTo(Merkle.root(padded));
        }

        @Test
        void rejects_a_null_list() {
            assertThatThrownBy(() -> Merkle.root(null)).isInstanceOf(NullPointerException.class);
        }

        private Digest recursiveRoot(List<Digest> leaves) {
            if (leaves.isEmpty()) {
                return Digest.sha256(new byte[0]);
            }
            if (leaves.size() == 1) {
                return leaves.get(0);
            }
            int k = Integer.highestOneBit(leaves.size() - 1);
            return Merkle.nodeHash(
                    recursiveRoot(leaves.subList(0, k)), recursiveRoot(leaves.subList(k, leaves.size())));
        }
    }

    @Nested
    class Inclusion_proofs {
        @Test
        void prove_then_verify_succeeds_for_every_leaf_of_every_tree_up_to_64_leaves() {
            for (int n = 1; n <= 64; n++) {
                List<Digest> leaves = syntheticLeafHashes(n);
                Digest root = Merkle.root(leaves);
                for (int i = 0; i < n; i++) {
                    InclusionProof proof = Merkle.prove(leaves, i);
                    assertThat(proof.leafIndex()).isEqualTo(i);
                    assertThat(proof.treeSize()).isEqualTo(n);
                    assertThat(Merkle.verify(leaves.get(i), proof, root))
                            .as("leaf %d of %d", i, n)
                            .isTrue();
                }
            }
        }

        @Test
        void every_tampered_proof_is_rejected_for_every_leaf_of_every_tree_up_to_64_leaves() {
            Digest unrelated = Digest.sha256("unrelated".getBytes(StandardCharsets.UTF_8));
            for (int n = 1; n <= 64; n++) {
                List<Digest> leaves = syntheticLeafHashes(n);
                Digest root = Merkle.root(leaves);
                for (int i = 0; i < n; i++) {
                    InclusionProof good = Merkle.prove(leaves, i);
                    Digest leaf = leaves.get(i);
                    for (Tampered t : tamperings(good, leaf, root, leaves, unrelated)) {
                        assertThat(Merkle.verify(t.leaf, t.proof, t.root))
                                .as("leaf %d of %d, %s", i, n, t.what)
                                .isFalse();
                    }
                }
            }
        }

        @Test
        void a_proof_for_one_leaf_does_not_prove_another_leaf() {
            List<Digest> leaves = ctLeafHashes(8);
            InclusionProof proof = Merkle.prove(leaves, 3);
            assertThat(Merkle.verify(leaves.get(4), proof, Merkle.root(leaves))).isFalse();
        }

        @Test
        void refuses_to_prove_an_index_outside_the_tree() {
            List<Digest> leaves = syntheticLeafHashes(4);
            assertThatThrownBy(() -> Merkle.prove(leaves, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("leaf index 4 is outside a tree of 4 leaves");
            assertThatThrownBy(() -> Merkle.prove(leaves, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Merkle.prove(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejects_proofs_with_impossible_index_or_size() {
            Digest leaf = Merkle.leafHash(new byte[0]);
            assertThat(Merkle.verify(leaf, new InclusionProof(0, 0, List.of()), leaf))
                    .isFalse();
            assertThat(Merkle.verify(leaf, new InclusionProof(1, 1, List.of()), leaf))
                    .isFalse();
            assertThat(Merkle.verify(leaf, new InclusionProof(-1, 1, List.of()), leaf))
                    .isFalse();
            assertThat(Merkle.verify(leaf, new InclusionProof(0, -1, List.of()), leaf))
                    .isFalse();
            assertThat(Merkle.verify(leaf, new InclusionProof(0, 1, List.of()), leaf))
                    .isTrue();
        }

        private List<Tampered> tamperings(
                InclusionProof good, Digest leaf, Digest root, List<Digest> leaves, Digest unrelated) {
            long index = good.leafIndex();
            long size = good.treeSize();
            List<Digest> path = good.path();
            List<Tampered> out = new ArrayList<>();
            out.add(new Tampered("index - 1", leaf, new InclusionProof(index - 1, size, path), root));
            out.add(new Tampered("index + 1", leaf, new InclusionProof(index + 1, size, path), root));
            out.add(new Tampered("index ^ 2", leaf, new InclusionProof(index ^ 2, size, path), root));
            out.add(new Tampered("size * 2", leaf, new InclusionProof(index, size * 2, path), root));
            out.add(new Tampered("size / 2", leaf, new InclusionProof(index, size / 2, path), root));
            out.add(new Tampered("wrong leaf", unrelated, good, root));
            out.add(new Tampered("wrong root", leaf, good, unrelated));
            out.add(new Tampered("empty-tree root", leaf, good, Digest.sha256(new byte[0])));
            out.add(new Tampered("trailing root", leaf, new InclusionProof(index, size, with(path, root, true)), root));
            out.add(new Tampered(
                    "preceding root", leaf, new InclusionProof(index, size, with(path, root, false)), root));
            out.add(new Tampered("trailing leaf", leaf, new InclusionProof(index, size, with(path, leaf, true)), root));
            for (int p = 0; p < path.size(); p++) {
                List<Digest> flipped = new ArrayList<>(path);
                byte[] bytes = flipped.get(p).bytes();
                bytes[0] ^= 8;
                flipped.set(p, Digest.of(bytes));
                out.add(new Tampered("flipped path[" + p + "]", leaf, new InclusionProof(index, size, flipped), root));
            }
            if (!path.isEmpty()) {
                out.add(new Tampered(
                        "missing last element",
                        leaf,
                        new InclusionProof(index, size, path.subList(0, path.size() - 1)),
                        root));
                out.add(new Tampered(
                        "missing first element",
                        leaf,
                        new InclusionProof(index, size, path.subList(1, path.size())),
                        root));
            }
            if (path.size() > 1) {
                List<Digest> inserted = new ArrayList<>(path);
                inserted.add(1, unrelated);
                out.add(new Tampered("inserted element", leaf, new InclusionProof(index, size, inserted), root));
            }
            if (leaves.size() > 1) {
                Digest other = leaves.get((int) ((index + 1) % leaves.size()));
                out.add(new Tampered("another leaf of the tree", other, good, root));
            }
            return out;
        }

        private List<Digest> with(List<Digest> path, Digest extra, boolean atEnd) {
            List<Digest> out = new ArrayList<>(path);
            out.add(atEnd ? out.size() : 0, extra);
            return out;
        }
    }

    private record Tampered(String what, Digest leaf, InclusionProof proof, Digest root) {}
}
