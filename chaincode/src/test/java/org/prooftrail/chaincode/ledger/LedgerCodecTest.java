package org.prooftrail.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.artifact.Artifact;
import org.prooftrail.chaincode.artifact.MerkleRef;
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
    class One_pass_encoding {
        private String byTree(Object value) {
            return LedgerCodec.encodeByTree(new GensonOutput(value).json);
        }

        private String encoded(Object value) {
            return new String(LedgerCodec.encode(value), StandardCharsets.UTF_8);
        }

        @Test
        void takes_a_record_as_genson_writes_it_since_its_keys_are_already_sorted() {
            assertThat(LedgerCodec.isCanonical(new GensonOutput(sample()).json)).isTrue();
            assertThat(encoded(sample())).isEqualTo(byTree(sample()));
        }

        @Test
        void sorts_a_map_written_in_another_order_through_the_tree_pass() {
            Map<String, Object> unsorted = new LinkedHashMap<>();
            unsorted.put("b", 1);
            unsorted.put("a", Map.of("y", 2));
            unsorted.put("c", List.of(new LinkedHashMap<>(Map.of("k", "v"))));

            assertThat(LedgerCodec.isCanonical(new GensonOutput(unsorted).json)).isFalse();
            assertThat(encoded(unsorted)).isEqualTo("{\"a\":{\"y\":2},\"b\":1,\"c\":[{\"k\":\"v\"}]}");
        }

        @Test
        void gives_the_same_bytes_as_the_tree_pass_for_values_it_is_unsure_of() {
            Map<String, Object> tricky = new TreeMap<>();
            tricky.put("a\"quoted", "x");
            tricky.put("fraction", 1.5);
            tricky.put("long", Long.MAX_VALUE);
            tricky.put("negative", -42);
            tricky.put("text", "line\nbreak \u2028 \u00e9 \\ \"");
            tricky.put("flags", List.of(true, false));
            tricky.put("empty", Map.of());
            tricky.put("nested", List.of(List.of(), List.of(1, 2)));
            Map<Integer, String> numericKeys = new TreeMap<>(Map.of(2, "two", 10, "ten"));

            for (Object value : List.of(tricky, numericKeys, List.of(), "plain", 7L, sample())) {
                assertThat(encoded(value)).as("%s", value).isEqualTo(byTree(value));
            }
            assertThat(encoded(numericKeys)).isEqualTo("{\"10\":\"ten\",\"2\":\"two\"}");
        }

        @Test
        void refuses_repeated_or_descending_keys_nulls_fractions_exponents_and_whitespace() {
            assertThat(LedgerCodec.isCanonical("{\"a\":1,\"b\":{\"c\":[1,{\"d\":true}]},\"e\":false}"))
                    .isTrue();
            for (String json : List.of(
                    "{\"a\":1,\"a\":2}",
                    "{\"b\":1,\"a\":2}",
                    "{\"a\":null}",
                    "{\"a\":1.5}",
                    "{\"a\":1e5}",
                    "{\"a\":1234567890123456789}",
                    "{\"a\": 1}",
                    "{\"a\\u0041\":1}",
                    "{\"a\":tru}",
                    "{\"a\":1")) {
                assertThat(LedgerCodec.isCanonical(json)).as(json).isFalse();
            }
        }
    }

    /** What Genson writes for a value before any canonical pass, as {@code LedgerCodec.encode} first sees it. */
    private static final class GensonOutput {
        final String json;

        GensonOutput(Object value) {
            this.json = new com.owlike.genson.GensonBuilder()
                    .setSkipNull(true)
                    .create()
                    .serialize(value);
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
        void counts_no_brackets_inside_strings_or_after_escaped_quotes() {
            String text = "{\"a\":\"" + "[{".repeat(500) + "\\\"[\"}";
            assertThat(LedgerCodec.parseTree("query", text)).isInstanceOf(java.util.Map.class);
        }
    }
}
