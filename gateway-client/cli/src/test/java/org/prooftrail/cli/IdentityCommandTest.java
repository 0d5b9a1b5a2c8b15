package org.prooftrail.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCommandTest {
    @TempDir
    Path tmp;

    private X509Certificate ca;
    private Path caCert;
    private Path caKey;

    record Run(int exit, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = ProofTrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void organisationCa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("C=US, O=hospital-a.prooftrail.example, CN=ca.hospital-a.prooftrail.example");
        Instant now = Instant.now();
        ca = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                subject,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofMinutes(5))),
                                Date.from(now.plus(Duration.ofDays(365))),
                                subject,
                                pair.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(
                                Extension.subjectKeyIdentifier,
                                false,
                                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        caCert = tmp.resolve("ca-cert.pem");
        caKey = tmp.resolve("priv_sk");
        Files.writeString(caCert, pem("CERTIFICATE", ca.getEncoded()), UTF_8);
        Files.writeString(caKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), UTF_8);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private Run issue(Path out, String roles) {
        return cli(
                "identity",
                "issue",
                "--ca-cert",
                caCert.toString(),
                "--ca-key",
                caKey.toString(),
                "--msp-id",
                "HospitalAMSP",
                "--name",
                "carol",
                "--role",
                roles,
                "--out",
                out.toString());
    }

    @Nested
    class Issuing {

        @Test
        void writes_an_msp_folder_with_a_client_certificate_carrying_the_roles_signed_by_the_ca() throws Exception {
            Path msp = tmp.resolve("carol/msp");

            Run run = issue(msp, "curator,Auditor");

            assertThat(run.exit()).as(run.err()).isZero();
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                            new ByteArrayInputStream(Files.readAllBytes(msp.resolve("signcerts/cert.pem"))));
            certificate.verify(ca.getPublicKey());
            assertThat(certificate.getSubjectX500Principal().getName())
                    .isEqualTo("CN=carol,OU=client,O=hospital-a.prooftrail.example");
            byte[] attributes = ASN1OctetString.getInstance(certificate.getExtensionValue("1.2.3.4.5.6.7.8.1"))
                    .getOctets();
            assertThat(new String(attributes, UTF_8))
                    .isEqualTo("{\"attrs\":{\"prooftrail.role\":\"curator,auditor\"}}");
            assertThat(Files.readString(msp.resolve("keystore/key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(msp.resolve("keystore/key.pem"))))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(msp.resolve("cacerts/ca.pem"))).isEqualTo(Files.readString(caCert));
        }

        @Test
        void is_hidden_from_the_main_help() {
            // The word may stand in an option's description (--org names the identity folder); no command line may
            // list the command itself.
            assertThat(cli("--help").out().lines()).noneMatch(line -> line.matches(" {2}identity\\b.*"));
        }
    }

    @Nested
    class Refusing {

        @Test
        void an_unknown_role_as_a_usage_error() {
            Run run = issue(tmp.resolve("msp"), "curator,janitor");

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).startsWith("error: INVALID_ARGUMENT: unknown role 'janitor'");
            assertThat(tmp.resolve("msp")).doesNotExist();
        }

        @Test
        void a_key_that_is_not_the_cas() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            Files.writeString(
                    caKey,
                    pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()),
                    UTF_8);

            Run run = issue(tmp.resolve("msp"), "curator");

            assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).contains("does not belong");
        }
    }
}
