package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key store of the private data in the log, outside the log: {@code <home>/ledger/keys/}.
 *
 * <pre>
 * keys/names.key                          32 random bytes: the HMAC-SHA256 key that turns a private key's
 *                                         (collection, key) into its token, so the log never names it
 * keys/&lt;token&gt;/&lt;record&gt;-&lt;keyId&gt;.key  32 random bytes: the AES-256 data key of one private write, made for
 *                                         record number &lt;record&gt;, found by the token and key id the log holds
 * </pre>
 *
 * A data key is written and forced before the record that uses it is appended, so a record on disk always has its key
 * (unless a purge destroyed it). A purge destroys every data key of the token made for an earlier record: the file is
 * overwritten with zeros, forced and deleted, and the folder is forced. Readers only read; only the writer creates and
 * destroys.
 */
final class PrivateDataKeys {
    static final int KEY_BYTES = 32;
    static final int ID_BYTES = 16;
    static final int TOKEN_BYTES = 32;

    private static final Logger LOGGER = Logger.getLogger(PrivateDataKeys.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAMES_KEY = "names.key";
    private static final String SUFFIX = ".key";

    private final Path directory;
    private byte[] namesKey;

    PrivateDataKeys(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** For the writer: creates the folder and the names key if absent, and loads the names key. */
    synchronized void prepare() throws IOException {
        OwnerOnly.createDirectories(directory);
        final Path file = directory.resolve(NAMES_KEY);
        if (!Files.exists(file)) {
            final byte[] fresh = random(KEY_BYTES);
            final Path staging = directory.resolve(NAMES_KEY + ".new");
            Files.deleteIfExists(staging);
            OwnerOnly.createFile(staging, fresh);
            Files.move(staging, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.forceDirectory(directory);
        }
        final byte[] loaded = Files.readAllBytes(file);
        if (loaded.length != KEY_BYTES) {
            throw new IOException("the key store's names key " + file + " is damaged (" + loaded.length + " bytes)");
        }
        namesKey = loaded;
    }

    /** The token of a private key: HMAC-SHA256 under the names key of the collection, a zero byte and the key. */
    synchronized byte[] token(String collection, String key) {
        if (namesKey == null) {
            throw new IllegalStateException("the key store is not prepared for writing");
        }
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(namesKey, "HmacSHA256"));
            mac.update(collection.getBytes(UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(key.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    /** Makes, stores and forces a new data key for one private write of record {@code record}. */
    byte[] create(byte[] token, long record, byte[] keyId) throws IOException {
        final Path folder = directory.resolve(hex(token));
        final boolean created = !Files.isDirectory(folder);
        if (created) {
            OwnerOnly.createDirectories(folder);
        }
        final byte[] key = random(KEY_BYTES);
        OwnerOnly.createFile(folder.resolve(name(record, keyId)), key);
        OwnerOnly.forceDirectory(folder);
        if (created) {
            OwnerOnly.forceDirectory(directory);
        }
        return key;
    }

    /** The data key of one private write, or null if there is none (destroyed by a purge). */
    byte[] find(byte[] token, long record, byte[] keyId) {
        final Path file = directory.resolve(hex(token)).resolve(name(record, keyId));
        try {
            final byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(
                        "the data key " + file + " is damaged (" + key.length + " bytes, expected " + KEY_BYTES + ")");
            }
            return key;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data key " + file, e);
        }
    }

    /** Whether any data key of the token remains. */
    boolean holds(byte[] token) {
        return Files.isDirectory(directory.resolve(hex(token)));
    }

    /**
     * Destroys every data key of the token made for a record before {@code record}: what a purge in that record erases.
     *
     * @return how many keys were destroyed
     */
    int destroyBefore(byte[] token, long record) throws IOException {
        final Path folder = directory.resolve(hex(token));
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        final List<Path> doomed = new ArrayList<>();
        boolean others = false;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (recordOf(file) < record) {
                    doomed.add(file);
                } else {
                    others = true;
                }
            }
        }
        for (Path file : doomed) {
            shred(file);
        }
        if (!others) {
            try {
                Files.delete(folder);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                LOGGER.fine(() -> "a new data key appeared in " + folder + " while it was purged");
            }
            OwnerOnly.forceDirectory(directory);
        } else {
            OwnerOnly.forceDirectory(folder);
        }
        return doomed.size();
    }

    /** Overwrites the key with zeros before deleting it, so the bytes are not simply left in a free block. */
    private static void shred(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final ByteBuffer zeros = ByteBuffer.allocate((int) Math.max(channel.size(), KEY_BYTES));
            while (zeros.hasRemaining()) {
                channel.write(zeros, zeros.position());
            }
            channel.force(true);
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(file);
    }

    private static long recordOf(Path file) {
        final String name = file.getFileName().toString();
        final int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : Long.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String name(long record, byte[] keyId) {
        return record + "-" + hex(keyId) + SUFFIX;
    }

    static byte[] random(int bytes) {
        final byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
