package org.prooftrail.client.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docs/test-network.md} shows can be checked without Docker: its connection profile example reads with
 * the library, and {@code network/test-network-collections.json} is the project's collections for Org1 and Org2.
 */
class TestNetworkGuideTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("prooftrail.repo", "../.."));

    @TempDir
    Path folder;

    @Nested
    class The_profile_example {
        /** The JSON block of step 4, "The command line with connection-org1.json". */
        private String profileExample() throws IOException {
            String guide = Files.readString(REPOSITORY.resolve("docs/test-network.md"), UTF_8);
            String step = guide.substring(guide.indexOf("## 4. The command line"));
            Matcher block =
                    Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(step);
            assertThat(block.find()).as("a ```json block in step 4").isTrue();
            return block.group(1);
        }

        @Test
        void reads_as_org1s_profile_and_configures_its_peer_with_the_users_files() throws IOException {
            Path profile = Files.writeString(folder.resolve("connection-org1.json"), profileExample(), UTF_8);
            Crypto crypto = Crypto.in(folder);

            ConnectionProfile read = ConnectionProfile.read(profile);
            GatewayConfig config = read.gatewayConfig()
                    .certificate(crypto.certificate)
                    .privateKey(crypto.privateKey)
                    .build();

            assertThat(read.organization()).isEqualTo("Org1");
            assertThat(read.peers()).containsExactly("peer0.org1.example.com");
            assertThat(config.endpoint()).isEqualTo("localhost:7051");
            assertThat(config.mspId()).isEqualTo("Org1MSP");
            assertThat(config.serverNameOverride()).contains("peer0.org1.example.com");
            assertThat(new String(config.tlsCaCertificatePem(), UTF_8)).startsWith("-----BEGIN CERTIFICATE-----\n");
            assertThat(config.channel()).as("the channel step 2 creates").isEqualTo("prooftrail");
            assertThat(config.chaincode()).as("-ccn in step 3").isEqualTo("prooftrail");
        }
    }

    @Nested
    class The_collections_file {
        private JsonArray collections(String file) throws IOException {
            return JsonParser.parseString(Files.readString(REPOSITORY.resolve(file), UTF_8))
                    .getAsJsonArray();
        }

        @Test
        void has_one_consent_collection_per_test_network_organisation_owned_by_it_alone() throws IOException {
            JsonArray collections = collections("network/test-network-collections.json");

            List<String> names = new ArrayList<>();
            for (JsonElement element : collections) {
                JsonObject collection = element.getAsJsonObject();
                String name = collection.get("name").getAsString();
                String msp = name.substring("consent_".length());
                names.add(name);
                assertThat(collection.get("policy").getAsString()).isEqualTo("OR('" + msp + ".member')");
                assertThat(collection
                                .getAsJsonObject("endorsementPolicy")
                                .get("signaturePolicy")
                                .getAsString())
                        .isEqualTo("OR('" + msp + ".peer')");
            }
            assertThat(names).containsExactly("consent_Org1MSP", "consent_Org2MSP");
        }

        @Test
        void keeps_every_other_setting_of_the_native_networks_collections() throws IOException {
            JsonObject native0 = collections("network/collections.json").get(0).getAsJsonObject();

            for (JsonElement element : collections("network/test-network-collections.json")) {
                JsonObject collection = element.getAsJsonObject();
                assertThat(collection.keySet()).isEqualTo(native0.keySet());
                for (String setting : List.of(
                        "requiredPeerCount", "maxPeerCount", "blockToLive", "memberOnlyRead", "memberOnlyWrite")) {
                    assertThat(collection.get(setting)).as(setting).isEqualTo(native0.get(setting));
                }
            }
        }
    }
}
