package org.prooftrail.protocol;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merkle tree hashing of RFC 9162 (Certificate Transparency 2.0, the same as RFC 6962): a leaf is
 * {@code SHA-256(0x00 ‖ data)}, an interior node {@code SHA-256(0x01 ‖ left ‖ right)}, a tree of n leaves splits
 * at the largest power of two below n (the last leaf is never duplicated), and the empty tree's root is
 * {@code SHA-256()} of nothing.
 */
public final class Merkle {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Merkle() {}

    /** {@code SHA-256(0x00 ‖ data)}. */
    public static Digest leafHash(byte[] data) {
        MessageDigest sha = Digest.newSha256();
        sha.update(LEAF_PREFIX);
        sha.update(data);
        return Digest.of(sha.digest());
    }

    /** {@code SHA-256(0x01 ‖ left ‖ right)}. */
    public static Digest nodeHash(Digest left, Digest right) {
        return nodeHash(Digest.newSha256(), left, right);
    }

    /** As {@link #nodeHash(Digest, Digest)} with a given digest, reset on return; looking one up costs more than
     * hashing 65 bytes, which matters for a tree of many leaves in a short-lived process. */
    private static Digest nodeHash(MessageDigest sha, Digest left, Digest right) {
        sha.update(NODE_PREFIX);
        sha.update(left.bytes());
        sha.update(right.bytes());
        return Digest.of(sha.digest());
    }

    /** The root over leaf hashes (each already {@link #leafHash hashed as a leaf}). */
    public static Digest root(List<Digest> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        if (leafHashes.isEmpty()) {
            return Digest.sha256(new byte[0]);
        }
        // Bottom-up, level by level: pairing from the left and carrying an odd last node up unchanged builds
        // exactly the tree that splits at the largest power of two below n.
        List<Digest> level = new ArrayList<>(leafHashes);
        MessageDigest sha = level.size() > 1 ? Digest.newSha256() : null;
        while (level.size() > 1) {
            List<Digest> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                up.add(nodeHash(sha, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                up.add(level.get(level.size() - 1));
            }
            level = up;
        }
        return level.get(0);
    }

    /**
     * The root over digests taken as leaves in the given order, each leaf the {@link #leafHash leaf hash} of the 32
     * digest bytes: how a federated aggregation commits to the updates it included (in the order of their ids).
     */
    public static Digest rootOfDigests(List<Digest> digests) {
        Objects.requireNonNull(digests, "digests");
        List<Digest> leaves = new ArrayList<>(digests.size());
        digests.forEach(d -> leaves.add(leafHash(d.bytes())));
        return root(leaves);
    }

    /** The audit path of RFC 9162 §2.1.3.1 for the leaf at {@code index}, from the leaf's sibling upwards. */
    public static InclusionProof prove(List<Digest> leafHashes, int index) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException(
                    "leaf index " + index + " is outside a tree of " + leafHashes.size() + " leaves");
        }
        List<Digest> path = new ArrayList<>();
        collectPath(leafHashes, index, 0, leafHashes.size(), path);
        return new InclusionProof(index, leafHashes.size(), path);
    }

    private static void collectPath(List<Digest> leaves, int index, int from, int to, List<Digest> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index < from + k) {
            collectPath(leaves, index, from, from + k, path);
            path.add(root(leaves.subList(from + k, to)));
        } else {
            collectPath(leaves, index, from + k, to, path);
            path.add(root(leaves.subList(from, from + k)));
        }
    }

    /**
     * Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2: whether {@code leafHash} is the leaf at
     * the proof's index in the tree of the proof's size whose root is {@code root}.
     */
    public static boolean verify(Digest leafHash, InclusionProof proof, Digest root) {
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(root, "root");
        return root.equals(rootFromPath(leafHash, proof));
    }

    /** The root that the proof's path leads to from {@code leafHash}, or null if the path has the wrong shape. */
    static Digest rootFromPath(Digest leafHash, InclusionProof proof) {
        if (proof.leafIndex() < 0 || proof.leafIndex() >= proof.treeSize()) {
            return null;
        }
        long fn = proof.leafIndex();
        long sn = proof.treeSize() - 1;
        Digest r = leafHash;
        for (Digest p : proof.path()) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
