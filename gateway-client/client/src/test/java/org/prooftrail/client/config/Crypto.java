package org.prooftrail.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Placeholder crypto files: the config checks only that they exist and are readable; the gateway parses them. */
final class Crypto {
    final Path tlsCa;
    final Path certificate;
    final Path privateKey;

    private Crypto(Path tlsCa, Path certificate, Path privateKey) {
        this.tlsCa = tlsCa;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    static Crypto in(Path folder) throws IOException {
        Path tls = Files.createDirectories(folder.resolve("tls"));
        Path signcerts = Files.createDirectories(folder.resolve("msp/signcerts"));
        Path keystore = Files.createDirectories(folder.resolve("msp/keystore"));
        Path key = Files.writeString(
                keystore.resolve("priv_sk"), "-----BEGIN PRIVATE KEY-----\nK\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new Crypto(
                Files.writeString(
                        tls.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"),
                Files.writeString(
                        signcerts.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nME\n-----END CERTIFICATE-----\n"),
                key);
    }
}
