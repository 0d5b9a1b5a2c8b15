package org.prooftrail.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prooftrail.chaincode.simulation.CertificateAuthority;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prooftrail identity issue}: an administrator's tool that issues a user certificate carrying {@code
 * prooftrail.role} exactly as a Fabric CA encodes attributes, signed with the organisation's own CA key, for networks
 * without a CA server (such as {@code network/network.sh}, whose crypto material comes from {@code cryptogen}).
 * Hidden from the main help: people with a Fabric CA use {@code fabric-ca-client register --id.attrs}.
 */
@Command(
        name = "identity",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Administrator tools for identities.",
        subcommands = {IdentityCommand.Issue.class})
final class IdentityCommand {

    @Command(
            name = "issue",
            mixinStandardHelpOptions = true,
            description = "Issue a user certificate with the prooftrail.role attribute (Fabric CA encoding), signed by"
                    + " the organisation's CA certificate and key, and write an MSP folder: signcerts/cert.pem,"
                    + " keystore/key.pem, cacerts/ca.pem.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--ca-cert", required = true, paramLabel = "FILE", description = "the CA certificate (PEM)")
        Path caCertificate;

        @Option(names = "--ca-key", required = true, paramLabel = "FILE", description = "the CA private key (PEM)")
        Path caKey;

        @Option(names = "--msp-id", required = true, paramLabel = "MSP", description = "the organisation's MSP ID")
        String mspId;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the user's common name")
        String name;

        @Option(
                names = "--role",
                paramLabel = "ROLE[,ROLE]",
                description = "prooftrail roles: admin, curator, trainer, deployer, steward, auditor; without it the"
                        + " certificate has no attribute")
        String roles;

        @Option(
                names = "--node-ou",
                paramLabel = "OU",
                defaultValue = "client",
                description = "the NodeOU: client (default) or admin")
        String nodeOu;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the MSP folder to write")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!nodeOu.equals("client") && !nodeOu.equals("admin")) {
                throw UsageException.invalid("--node-ou must be client or admin, not " + nodeOu);
            }
            CertificateAuthority authority;
            try {
                authority = CertificateAuthority.load(mspId, read(caCertificate), read(caKey));
            } catch (IllegalArgumentException e) {
                throw UsageException.invalid("cannot use " + caCertificate + " and " + caKey + ": " + e.getMessage());
            }
            Map<String, String> attributes = roles == null ? Map.of() : Map.of(Role.ATTRIBUTE, roleAttribute(roles));
            Identity identity = authority.issue(name, nodeOu, attributes);
            try {
                Files.createDirectories(out.resolve("signcerts"));
                Files.createDirectories(out.resolve("keystore"));
                Files.createDirectories(out.resolve("cacerts"));
                Files.writeString(out.resolve("signcerts/cert.pem"), identity.certificatePem(), UTF_8);
                Files.writeString(out.resolve("cacerts/ca.pem"), authority.certificatePem(), UTF_8);
                Path key = out.resolve("keystore/key.pem");
                Files.deleteIfExists(key);
                Files.createFile(
                        key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(key, identity.privateKeyPem(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var printed = spec.commandLine().getOut();
            printed.println(out.resolve("signcerts/cert.pem"));
            printed.println(out.resolve("keystore/key.pem"));
            printed.flush();
            return ExitCode.OK;
        }

        private static String roleAttribute(String text) {
            List<String> names = new ArrayList<>();
            for (String value : text.split(",", -1)) {
                Role role = Role.fromAttribute(value)
                        .orElseThrow(() -> UsageException.invalid("unknown role '" + value.trim()
                                + "'; roles are admin, curator, trainer, deployer, steward, auditor"));
                names.add(role.attributeValue());
            }
            return String.join(",", names);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, UTF_8);
            } catch (IOException e) {
                throw UsageException.cannotRead(file.toString(), e);
            }
        }
    }
}
