package org.prooftrail.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.prooftrail.client.ConfigException;

/**
 * {@link GatewayConfig#fromFile} on arbitrary bytes, as JSON, YAML or a file whose content decides: a config, or a
 * {@link ConfigException} naming the file; never another exception (the CLI reports a config problem as a usage error
 * only when it is one). The first byte of an input picks the file name ({@link ConfigFiles}).
 */
class GatewayConfigFuzzTest {
    private static final ConfigFiles FILES = ConfigFiles.create();

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({
        "\"endpoint\":",
        "\"tlsCaCertificate\":\"tls/ca.crt\"",
        "\"serverNameOverride\":",
        "\"mspId\":",
        "\"certificate\":\"msp/signcerts/cert.pem\"",
        "\"privateKey\":\"msp/keystore/priv_sk\"",
        "\"channel\":",
        "\"chaincode\":",
        "\"deadlines\":{",
        "\"commitStatus\":",
        "grpcs://",
        "localhost:7051",
        "PT15S",
        "500ms"
    })
    void reads_a_config_or_refuses_with_a_config_exception(byte[] input) {
        GatewayConfig config;
        try {
            config = GatewayConfig.fromFile(FILES.write(input));
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).as("the refusal says why").contains("fuzzed");
            return;
        }
        assertThat(config.endpoint()).contains(":");
        assertThat(config.evaluateDeadline()).isPositive();
        assertThat(config.commitStatusDeadline()).isPositive();
        assertThat(config.toString()).contains(config.mspId());
    }
}
