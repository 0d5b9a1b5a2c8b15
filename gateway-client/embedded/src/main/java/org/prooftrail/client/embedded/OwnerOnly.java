package org.prooftrail.client.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Files and folders that only their owner may read: the ledger holds private data and the keys that decrypt it, so
 * its folders are created {@code 0700} and its files {@code 0600}, with the permissions given at creation (never
 * created readable and narrowed afterwards). On a file system without POSIX permissions nothing is set.
 */
final class OwnerOnly {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final Logger LOGGER = Logger.getLogger(OwnerOnly.class.getName());
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private OwnerOnly() {}

    /** Creates {@code directory} and any missing parents owner-only; existing ones are left as they are. */
    static Path createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        final Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, directoryAttributes(parent));
            restrict(directory, DIRECTORY);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
        return directory;
    }

    /** Opens a channel on {@code file}, creating it owner-only if it is absent. */
    static FileChannel open(Path file, StandardOpenOption... options) throws IOException {
        final Set<StandardOpenOption> all = EnumSet.of(StandardOpenOption.CREATE);
        all.addAll(java.util.Arrays.asList(options));
        return FileChannel.open(file, all, fileAttributes(file.toAbsolutePath().getParent()));
    }

    /** Writes a new owner-only file and forces it; fails if it exists. */
    static void createFile(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                fileAttributes(file.toAbsolutePath().getParent()))) {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /**
     * Narrows a folder made by an earlier version, and what is directly in it: folders to {@code 0700}, files to {@code
     * 0600}. Not recursive: what this version creates deeper is owner-only from the start, and a key store may hold
     * many folders. Best effort: what cannot be changed (another owner) is reported and left.
     */
    static void tighten(Path folder) {
        if (!posix(folder) || !Files.isDirectory(folder)) {
            return;
        }
        restrict(folder, DIRECTORY);
        try (Stream<Path> paths = Files.list(folder)) {
            paths.forEach(path -> restrict(path, Files.isDirectory(path) ? DIRECTORY : FILE));
        } catch (IOException | java.io.UncheckedIOException e) {
            LOGGER.warning(() -> "cannot make " + folder + " owner-only: " + e.getMessage());
        }
    }

    /** Makes a file's directory entry durable; some platforms cannot open a directory, which is harmless. */
    static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOGGER.fine(() -> "cannot force directory " + directory + ": " + e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) {
        if (!posix(path)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOGGER.warning(() -> "cannot make " + path + " owner-only: " + e.getMessage());
        }
    }

    private static FileAttribute<?>[] directoryAttributes(Path parent) {
        return parent == null || !posix(parent)
                ? NONE
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)};
    }

    private static FileAttribute<?>[] fileAttributes(Path parent) {
        return parent == null || !posix(parent)
                ? NONE
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)};
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
