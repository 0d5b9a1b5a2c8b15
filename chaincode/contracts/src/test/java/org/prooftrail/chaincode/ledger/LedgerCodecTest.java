package org.prooftrail.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.MerkleRef;
import org.prooftrail.protocol.ProofTrailException;

class LedgerCodecTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    static Artifact sample() {
        TreeMap<String, String> metadata = new TreeMap<>();
        metadata.put("z", "last");
        metadata.put("a", "first");
        return new Artifact(
                "chest-xray-v3",
                "DATASET",
                DIGEST,
                1024L,
                "s3://bucket/x",
                new MerkleRef(DIGEST, 3),
                List.of("raw"),
                metadata,
                "HospitalAMSP",
                "x509::CN=alice::CN=ca",
                "2026-03-01T09:00:01Z",
                "tx1",
                null,
                null);
    }

    @Nested
    class Artifacts {
        @Test
        void are_written_with_sorted_keys_and_no_whitespace_byte_for_byte() {
            String json = new String(LedgerCodec.encode(sample()), StandardCharsets.UTF_8);

            assertThat(json)
                    .isEqualTo("{\"digest\":\"" + DIGEST + "\",\"id\":\"chest-xray-v3\",\"kind\":\"DATASET\","
                            + "\"merkle\":{\"leaves\":3,\"root\":\"" + DIGEST + "\"},"
                            + "\"metadata\":{\"a\":\"first\",\"z\":\"last\"},\"owner\":\"HospitalAMSP\","
                            + "\"parents\":[\"raw\"],\"registeredAt\":\"2026-03-01T09:00:01Z\","
                            + "\"registeredBy\":\"x509::CN=alice::CN=ca\",\"size\":1024,\"txId\":\"tx1\","
                            + "\"uri\":\"s3://bucket/x\"}");
        }

        @Test
        void read_back_to_the_same_bytes() {
            byte[] bytes = LedgerCodec.encode(sample());

            assertThat(LedgerCodec.encode(LedgerCodec.decode(bytes, Artifact.class)))
                    .isEqualTo(bytes);
        }

        @Test
        void without_optional_fields_omit_them() {
            Artifact bare =
                    new Artifact("x", "MODEL", DIGEST, null, null, null, null, null, "O", "by", "at", "t", null, null);

            assertThat(new String(LedgerCodec.encode(bare), StandardCharsets.UTF_8))
                    .isEqualTo("{\"digest\":\"" + DIGEST + "\",\"id\":\"x\",\"kind\":\"MODEL\",\"metadata\":{},"
                            + "\"owner\":\"O\",\"parents\":[],\"registeredAt\":\"at\",\"registeredBy\":\"by\","
                            + "\"txId\":\"t\"}");
            assertThat(LedgerCodec.encode(LedgerCodec.decode(LedgerCodec.encode(bare), Artifact.class)))
                    .isEqualTo(LedgerCodec.encode(bare));
        }
    }

    @Nested
    class Untrusted_input {
        @Test
        void is_read_up_to_64_levels_deep() {
            String limit = "[".repeat(64) + "]".repeat(64);
            assertThat(LedgerCodec.parseTree("query", limit)).isInstanceOf(List.class);
        }

        @Test
        void nested_65_levels_deep_is_invalid_before_the_parser_recurses() {
            assertThatThrownBy(() -> LedgerCodec.parseTree("query", "[".repeat(65) + "]".repeat(65)))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessage(
                            "INVALID_ARGUMENT: query is not valid JSON: nested deeper than 64 levels at position 64");
        }

        @Test
        void naming_a_key_twice_in_one_object_is_invalid() {
            assertThatThrownBy(() -> LedgerCodec.parseTree("artifact", "{\"id\":\"a\",\"x\":{\"id\":1},\"id\":\"b\"}"))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessage(
                            "INVALID_ARGUMENT: artifact is not valid JSON: the key 'id' appears twice in one object");
        }

        @Test
        void with_text_after_the_value_is_invalid_wherever_it_starts() {
            for (String text :
                    java.util.List.of("{\"id\":\"a\"} garbage", "{\"id\":\"a\"}{\"id\":\"b\"}", "{\"id\":\"a\"}\n}")) {
                assertThatThrownBy(() -> LedgerCodec.parseTree("artifact", text))
                        .as(text)
                        .isInstanceOf(ProofTrailException.class)
                        .hasMessageStartingWith(
                                "INVALID_ARGUMENT: artifact is not valid JSON: unexpected text after the value at position ");
            }
            assertThat(LedgerCodec.parseTree("artifact", " {\"id\":\"}\"} \r\n\t"))
                    .isEqualTo(java.util.Map.of("id", "}"));
        }

        @Test
        void reads_whole_numbers_as_longs_and_refuses_a_fraction_where_a_whole_number_is_expected() {
            java.util.Map<String, Object> expected = new java.util.HashMap<>();
            expected.put("n", 12L);
            expected.put("f", 1.5);
            expected.put("b", true);
            expected.put("z", null);
            assertThat(LedgerCodec.parseTree("q", "{\"n\":12,\"f\":1.5,\"b\":true,\"z\":null}"))
                    .isEqualTo(expected);
            assertThatThrownBy(
                            () -> JsonInput.parse("query", "{\"pageSize\":2.5}").optionalLong("pageSize"))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessage("INVALID_ARGUMENT: query.pageSize must be a whole number");
        }

        @Test
        void that_is_malformed_is_invalid_with_the_parser_s_first_line() {
            assertThatThrownBy(() -> LedgerCodec.parseTree("artifact", "{\"id\":}"))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessageStartingWith("INVALID_ARGUMENT: artifact is not valid JSON: ");
        }

        @Test
        void counts_no_brackets_inside_strings_or_after_escaped_quotes() {
            String text = "{\"a\":\"" + "[{".repeat(500) + "\\\"[\"}";
            assertThat(LedgerCodec.parseTree("query", text)).isInstanceOf(java.util.Map.class);
        }
    }
}
