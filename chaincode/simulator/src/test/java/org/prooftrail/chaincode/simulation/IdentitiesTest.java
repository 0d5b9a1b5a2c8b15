package org.prooftrail.chaincode.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    private final Identities identities = new Identities();

    @Test
    void issues_every_identity_of_an_organisation_from_the_same_root() throws Exception {
        final CertificateAuthority hospital = identities.organisation("HospitalAMSP", "hospital-a.example.com");

        final Identity curator =
                identities.issue("HospitalAMSP", "carol", "client", Map.of("prooftrail.role", "curator"));

        assertThat(identities.organisation("HospitalAMSP", "hospital-a.example.com"))
                .isSameAs(hospital);
        curator.certificate().verify(hospital.certificate().getPublicKey());
        assertThat(curator.mspId()).isEqualTo("HospitalAMSP");
        assertThat(identities.organisations()).containsOnlyKeys("HospitalAMSP");
    }

    @Test
    void rejects_an_unknown_organisation_and_a_changed_domain() {
        identities.organisation("ResearchMSP", "research.example.com");

        assertThatThrownBy(() -> identities.organisation("HospitalBMSP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HospitalBMSP");
        assertThatThrownBy(() -> identities.organisation("ResearchMSP", "other.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("research.example.com");
    }
}
