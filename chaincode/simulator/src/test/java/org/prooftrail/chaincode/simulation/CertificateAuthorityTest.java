package org.prooftrail.chaincode.simulation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final CertificateAuthority ORG1 = CertificateAuthority.create("Org1MSP", "org1.example.com");

    private static ClientIdentity clientIdentityOf(final Identity creator) {
        final TransactionSimulator stub = TransactionSimulator.builder()
                .worldState(new MemoryWorldState())
                .txId("tx1")
                .timestamp(SimulatedLedger.GENESIS)
                .creator(creator)
                .build();
        return new Context(stub).getClientIdentity();
    }

    @Nested
    class TheShimsClientIdentity {

        @Test
        void reads_the_msp_id_the_id_and_the_role_attribute_of_an_issued_identity() {
            final Identity alice = ORG1.issue("alice", "client", Map.of("prooftrail.role", "curator"));

            final ClientIdentity identity = clientIdentityOf(alice);

            assertThat(identity.getMSPID()).isEqualTo("Org1MSP");
            assertThat(identity.getId())
                    .isEqualTo(
                            "x509::CN=alice, OU=client, O=org1.example.com::CN=ca.org1.example.com, O=org1.example.com");
            assertThat(identity.getAttributeValue("prooftrail.role")).isEqualTo("curator");
            assertThat(identity.assertAttributeValue("prooftrail.role", "curator"))
                    .isTrue();
        }

        @Test
        void finds_no_attributes_in_a_certificate_issued_without_them() {
            final ClientIdentity identity = clientIdentityOf(ORG1.issue("admin", "admin"));

            assertThat(identity.getAttributeValue("prooftrail.role")).isNull();
        }

        @Test
        void reads_every_attribute_of_several() {
            final ClientIdentity identity = clientIdentityOf(ORG1.issue(
                    "bob",
                    "client",
                    Map.of("prooftrail.role", "trainer", "hf.EnrollmentID", "bob", "note", "a<b&\"c\"")));

            assertThat(identity.getAttributeValue("hf.EnrollmentID")).isEqualTo("bob");
            assertThat(identity.getAttributeValue("note")).isEqualTo("a<b&\"c\"");
        }
    }

    @Nested
    class IssuedIdentities {

        @Test
        void are_signed_by_the_authority_with_ecdsa_p256_keys() throws Exception {
            final Identity peer = ORG1.issue("peer0", "peer");

            peer.certificate().verify(ORG1.certificate().getPublicKey());
            assertThat(((ECPublicKey) peer.certificate().getPublicKey())
                            .getParams()
                            .getCurve()
                            .getField()
                            .getFieldSize())
                    .isEqualTo(256);
            assertThat(peer.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(ORG1.certificate().getBasicConstraints()).isNotNegative();
            assertThat(peer.certificate().getBasicConstraints()).isEqualTo(-1);
        }

        @Test
        void serialize_as_the_creator_a_peer_reports() throws Exception {
            final Identity alice = ORG1.issue("alice", "client");

            final SerializedIdentity serialized = SerializedIdentity.parseFrom(alice.serialized());

            assertThat(serialized.getMspid()).isEqualTo("Org1MSP");
            assertThat(serialized.getIdBytes().toStringUtf8())
                    .isEqualTo(alice.certificatePem())
                    .startsWith("-----BEGIN CERTIFICATE-----\n");
        }

        @Test
        void export_the_private_key_as_pkcs8_pem() throws Exception {
            final Identity alice = ORG1.issue("alice", "client");
            final String pem = alice.privateKeyPem();
            final String body = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");

            final ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));

            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(key.getS()).isEqualTo(((ECPrivateKey) alice.privateKey()).getS());
        }

        @Test
        void reject_an_unknown_node_ou() {
            assertThatThrownBy(() -> ORG1.issue("eve", "superuser"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("superuser");
        }
    }

    @Nested
    class LoadedFromAnExistingAuthority {

        /** A CA made as cryptogen makes one: its subject key identifier is a SHA-256 of the public point. */
        private static final CryptogenCa CRYPTOGEN = CryptogenCa.create("hospital-a.prooftrail.example");

        private final CertificateAuthority loaded =
                CertificateAuthority.load("HospitalAMSP", CRYPTOGEN.certificatePem(), CRYPTOGEN.keyPem());

        @Test
        void issues_identities_that_chain_to_that_authority() throws Exception {
            final Identity curator = loaded.issue("carol", "client", Map.of("prooftrail.role", "curator"));

            curator.certificate().verify(CRYPTOGEN.certificate().getPublicKey());
            assertThat(curator.certificate().getIssuerX500Principal())
                    .isEqualTo(CRYPTOGEN.certificate().getSubjectX500Principal());
            assertThat(curator.mspId()).isEqualTo("HospitalAMSP");
            assertThat(loaded.orgDomain()).isEqualTo("hospital-a.prooftrail.example");
            assertThat(loaded.certificate()).isEqualTo(CRYPTOGEN.certificate());
        }

        @Test
        void names_the_authoritys_own_subject_key_identifier_as_the_authority_key_identifier() {
            final Identity curator = loaded.issue("carol", "client");

            final byte[] aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                                    curator.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                            .getOctets())
                    .getKeyIdentifierObject()
                    .getOctets();

            assertThat(aki).isEqualTo(CRYPTOGEN.subjectKeyIdentifier());
        }

        @Test
        void issues_role_attributes_and_the_client_node_ou_the_shim_reads() {
            final ClientIdentity identity =
                    clientIdentityOf(loaded.issue("carol", "client", Map.of("prooftrail.role", "curator,auditor")));

            assertThat(identity.getMSPID()).isEqualTo("HospitalAMSP");
            assertThat(identity.getAttributeValue("prooftrail.role")).isEqualTo("curator,auditor");
            assertThat(identity.getId())
                    .startsWith("x509::CN=carol, OU=client, O=hospital-a.prooftrail.example::")
                    .contains("CN=ca.hospital-a.prooftrail.example");
        }

        @Test
        void issues_identities_valid_no_earlier_than_the_authority_because_fabric_checks_the_chain_then() {
            final Identity curator = loaded.issue("carol", "client");

            assertThat(curator.certificate().getNotBefore())
                    .isAfterOrEqualTo(CRYPTOGEN.certificate().getNotBefore());
            assertThat(curator.certificate().getNotAfter())
                    .isBeforeOrEqualTo(CRYPTOGEN.certificate().getNotAfter());
        }

        @Test
        void refuses_a_key_that_is_not_the_authoritys() {
            final String otherKey = ORG1.issue("mallory", "client").privateKeyPem();

            assertThatThrownBy(() -> CertificateAuthority.load("HospitalAMSP", CRYPTOGEN.certificatePem(), otherKey))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong");
        }

        @Test
        void refuses_a_certificate_that_is_not_a_ca() {
            final Identity user = ORG1.issue("alice", "client");

            assertThatThrownBy(() -> CertificateAuthority.load("Org1MSP", user.certificatePem(), user.privateKeyPem()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a CA certificate");
        }

        @Test
        void refuses_text_that_is_not_pem() {
            assertThatThrownBy(() -> CertificateAuthority.load("HospitalAMSP", CRYPTOGEN.certificatePem(), "junk"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("private key");
        }
    }

    @Test
    void encodes_attributes_as_a_fabric_ca_does() {
        final byte[] json = CertificateAuthority.attributeJson(Map.of("z", "1", "a", "<&>\n"));

        assertThat(new String(json, UTF_8)).isEqualTo("{\"attrs\":{\"a\":\"\\u003c\\u0026\\u003e\\n\",\"z\":\"1\"}}");
    }

    @Test
    void exposes_its_root_certificate_as_pem() {
        assertThat(ORG1.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("-----END CERTIFICATE-----\n");
    }
}
