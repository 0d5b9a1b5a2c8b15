package org.prooftrail.client.embedded;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.logging.Logger;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.Identities;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.protocol.Role;

/**
 * The identities the embedded ledger submits as. The local user is created on first open, by a certificate authority
 * of its own organisation, and kept in an MSP folder ({@code <home>/identity/<mspId>/} with {@code cacerts/ca.pem},
 * {@code signcerts/cert.pem} and {@code keystore/key.pem}, the key readable by the owner only), so the same
 * identity registers everything on this machine. Other identities, for simulating other organisations, are issued
 * in memory on request by one authority per organisation and not kept; their certificate identity (subject and
 * issuer names) is the same on every run.
 */
final class LocalIdentities {
    static final Set<Role> LOCAL_ROLES =
            EnumSet.of(Role.ADMIN, Role.CURATOR, Role.TRAINER, Role.DEPLOYER, Role.STEWARD);

    private static final Logger LOGGER = Logger.getLogger(LocalIdentities.class.getName());

    private final Identities authorities = new Identities();
    private final Map<String, Creator> issued = new HashMap<>();

    /** The persisted local user of {@code mspId}, created with {@link #LOCAL_ROLES} if absent. */
    static Creator loadOrCreate(Path identityHome, String mspId) {
        final Path msp = identityHome.resolve(mspId);
        final Path cert = msp.resolve("signcerts").resolve("cert.pem");
        try {
            if (!Files.exists(cert)) {
                create(msp, mspId);
            }
            final String pem = Files.readString(cert, US_ASCII);
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(US_ASCII)));
            return new Creator(mspId, pem);
        } catch (IOException | CertificateException e) {
            throw new GatewayUnavailableException(
                    "cannot read the local identity " + cert + ": " + e.getMessage(), null, e);
        }
    }

    private static final java.util.regex.Pattern ORGANISATION =
            java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final java.util.regex.Pattern MSP_ID = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*MSP");
    private static final int MAX_ORGANISATION = 64;

    /** See {@link EmbeddedLedger#mspIdOf}. */
    static String mspIdOf(String organisation) {
        if (organisation == null || organisation.isEmpty() || organisation.length() > MAX_ORGANISATION) {
            throw new IllegalArgumentException("an organisation name is 1 to " + MAX_ORGANISATION + " characters");
        }
        if (MSP_ID.matcher(organisation).matches()) {
            return organisation;
        }
        if (!ORGANISATION.matcher(organisation).matches()) {
            throw new IllegalArgumentException("organisation '" + organisation + "' must be lower-case words of letters"
                    + " and digits joined by hyphens (hospital-b), or an MSP ID ending in MSP (HospitalBMSP)");
        }
        final StringBuilder msp = new StringBuilder();
        for (String word : organisation.split("-")) {
            msp.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return msp.append("MSP").toString();
    }

    /** An identity of {@code mspId} with exactly these roles, issued once per process. */
    synchronized Creator issue(String mspId, Set<Role> roles) {
        final String attribute = attribute(roles);
        return issued.computeIfAbsent(mspId + "|" + attribute, key -> {
            final CertificateAuthority authority = authorities.organisation(mspId, domain(mspId));
            final String commonName = roles.isEmpty() ? "member" : attribute.replace(',', '-');
            final Identity identity = roles.isEmpty()
                    ? authority.issue(commonName, "client")
                    : authority.issue(commonName, "client", Map.of(Role.ATTRIBUTE, attribute));
            return new Creator(mspId, identity.certificatePem());
        });
    }

    private static void create(Path msp, String mspId) throws IOException {
        final CertificateAuthority authority = CertificateAuthority.create(mspId, domain(mspId));
        final Identity user = authority.issue("local-user", "client", Map.of(Role.ATTRIBUTE, attribute(LOCAL_ROLES)));
        OwnerOnly.createDirectories(msp.getParent());
        // Build the folder beside its final place and move it in whole, so a crash leaves either no identity or one.
        final Path staging = Files.createTempDirectory(msp.getParent(), "." + mspId + "-");
        write(staging.resolve("cacerts").resolve("ca.pem"), authority.certificatePem(), false);
        write(staging.resolve("keystore").resolve("key.pem"), user.privateKeyPem(), true);
        write(staging.resolve("signcerts").resolve("cert.pem"), user.certificatePem(), false);
        try {
            Files.move(staging, msp, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            LOGGER.fine(() -> "another process created the identity in " + msp + " first");
            deleteTree(staging);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, msp);
        }
        LOGGER.fine(() -> "created the local identity of " + mspId + " in " + msp);
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOGGER.fine(() -> "no POSIX permissions for " + file);
            }
        }
    }

    /** The {@code prooftrail.role} value, roles in declaration order, comma separated as Callers reads it. */
    static String attribute(Set<Role> roles) {
        final StringJoiner joined = new StringJoiner(",");
        EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles)
                .forEach(role -> joined.add(role.attributeValue()));
        return joined.toString();
    }

    static String domain(String mspId) {
        final String name = mspId.endsWith("MSP") ? mspId.substring(0, mspId.length() - 3) : mspId;
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + ".prooftrail.local";
    }
}
