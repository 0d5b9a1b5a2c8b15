package org.prooftrail.client.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.EnumSet;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;
import org.prooftrail.protocol.Role;

/** The creator the contracts are handed (certificate DER-encoded) reads as the one the log names (PEM). */
class CreatorTest {

    private static ClientIdentity read(byte[] serialized) throws Exception {
        final ChaincodeStub stub = (ChaincodeStub) Proxy.newProxyInstance(
                CreatorTest.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCreator")) {
                        return serialized.clone();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new ClientIdentity(stub);
    }

    @Test
    void the_contracts_read_the_same_msp_id_caller_attributes_and_certificate_from_either_form() throws Exception {
        final Creator creator = new LocalIdentities().issue("Org2MSP", EnumSet.of(Role.STEWARD, Role.AUDITOR));

        final ClientIdentity logged = read(creator.serialized());
        final ClientIdentity presented = read(creator.presented());

        assertThat(creator.presented()).isNotEqualTo(creator.serialized());
        assertThat(presented.getMSPID()).isEqualTo(logged.getMSPID()).isEqualTo("Org2MSP");
        assertThat(presented.getId()).isEqualTo(logged.getId()).startsWith("x509::");
        assertThat(presented.getAttributeValue(Role.ATTRIBUTE))
                .isEqualTo(logged.getAttributeValue(Role.ATTRIBUTE))
                .isNotBlank();
        assertThat(presented.getX509Certificate()).isEqualTo(logged.getX509Certificate());
    }

    @Test
    void refuses_a_certificate_that_is_not_pem() {
        assertThatThrownBy(
                        () -> new Creator("Org1MSP", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a PEM X.509 certificate");
    }
}
