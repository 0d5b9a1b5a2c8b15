package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a copy of a ledger home yields to someone who has all of it: every file's bytes, and every sealed private write
 * of the log that a data key in the folder decrypts.
 */
final class FolderSearch {
    private FolderSearch() {}

    /** The files under {@code root}, at any depth, whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        final List<Path> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /** The plaintext of every private write in the home's log whose data key is in the home's key store. */
    static List<byte[]> decryptable(Path home) throws IOException {
        final Path ledger = home.resolve("ledger");
        final PrivateDataKeys keys = new PrivateDataKeys(ledger.resolve("keys"));
        final List<byte[]> plaintexts = new ArrayList<>();
        final LogScanner.Result scanned = LogScanner.scan(ledger.resolve("transactions.log"), -1, record -> {
            for (PrivateData.Entry entry : PrivateData.decode(record.privateSection())) {
                if (entry.kind == PrivateData.SEALED) {
                    final byte[] key = keys.find(entry.token, record.number(), entry.keyId);
                    if (key != null) {
                        plaintexts.add(PrivateData.unseal(entry, record.number(), key));
                    }
                }
            }
        });
        if (scanned.problem != null) {
            throw new IllegalStateException(scanned.problem);
        }
        return plaintexts;
    }

    /** A decrypted private write: collection, key and value (null for a delete or a policy alone). */
    record PrivateWrite(String collection, String key, byte[] value) {}

    static PrivateWrite parse(byte[] plaintext) {
        final java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(plaintext);
        final String collection = new String(bytes(in), java.nio.charset.StandardCharsets.UTF_8);
        final String key = new String(bytes(in), java.nio.charset.StandardCharsets.UTF_8);
        final byte write = in.get();
        return new PrivateWrite(collection, key, write == 1 ? bytes(in) : null);
    }

    private static byte[] bytes(java.nio.ByteBuffer in) {
        final byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }

    /** Whether any of the plaintexts contains {@code needle}. */
    static boolean anyContains(List<byte[]> plaintexts, byte[] needle) {
        return plaintexts.stream().anyMatch(plaintext -> indexOf(plaintext, needle) >= 0);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
