package org.prooftrail.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rule for files that hold a secret (the identity's private key, the consent secret): on a POSIX file system
 * neither the group nor others may have any permission on them, as ssh requires of a private key. Such a file is
 * refused, not merely warned about: a key that other accounts could read must be assumed copied, and a consent
 * secret that leaks lets anyone confirm which subjects consented by hashing candidate identifiers.
 */
public final class SecretFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {}

    /**
     * Refuses {@code file} if its group or others have any permission on it; does nothing on a file system without
     * POSIX permissions (there the folder's own access control applies).
     *
     * @throws ConfigException naming the file, its permissions and the {@code chmod} that fixes them
     */
    public static void requireOwnerOnly(Path file, String what) {
        Objects.requireNonNull(file, "file");
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        } catch (IOException e) {
            throw new ConfigException("cannot read the permissions of " + what + " " + file + ": " + e.getMessage(), e);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new ConfigException(what + " " + file + " is accessible by its group or others ("
                    + PosixFilePermissions.toString(permissions) + "); it must be its owner's only: chmod 600 "
                    + file);
        }
    }
}
