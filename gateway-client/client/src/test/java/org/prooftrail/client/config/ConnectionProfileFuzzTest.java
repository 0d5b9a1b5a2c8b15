package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.prooftrail.client.ConfigException;

/**
 * {@link ConnectionProfile} on arbitrary bytes, as JSON, YAML or a file whose content decides: telling a profile from a
 * gateway config, reading it and building a gateway config for each of its organisation's peers either works or fails
 * with a {@link ConfigException}; never another exception. The first byte of an input picks the file name
 * ({@link ConfigFiles}).
 */
class ConnectionProfileFuzzTest {
    private static final ConfigFiles FILES = ConfigFiles.create();

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({
        "\"organizations\":{",
        "\"client\":{\"organization\":",
        "\"mspid\":",
        "\"peers\":",
        "\"url\":\"grpcs://localhost:7051\"",
        "\"tlsCACerts\":{",
        "\"pem\":\"-----BEGIN CERTIFICATE-----",
        "\"path\":\"tls/ca.crt\"",
        "\"grpcOptions\":{",
        "\"ssl-target-name-override\":",
        "\"hostnameOverride\":",
        "organizations:",
        "peers:"
    })
    void reads_a_profile_or_refuses_with_a_config_exception(byte[] input) {
        java.nio.file.Path file = FILES.write(input);
        ConnectionProfile profile;
        try {
            ConnectionProfile.isProfile(file);
            profile = ConnectionProfile.read(file);
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).as("the refusal says why").contains("fuzzed");
            return;
        }
        assertThat(profile.peers()).isNotEmpty();
        for (String peer : profile.peers()) {
            try {
                GatewayConfig config = profile.gatewayConfig(peer)
                        .certificate(FILES.crypto().certificate)
                        .privateKey(FILES.crypto().privateKey)
                        .build();
                assertThat(config.mspId()).isEqualTo(profile.mspId());
            } catch (ConfigException refused) {
                assertThat(refused.getMessage()).as("the refusal says why").isNotBlank();
            }
        }
    }
}
