package org.prooftrail.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Nested
    class Reading {
        @Test
        void reads_objects_in_document_order_arrays_strings_integers_booleans_and_null() {
            Map<String, Object> tree =
                    Json.readObject("{\"b\":[1,-2,true,false,null],\"a\":\"x\\u00e9\\n\",\"c\":{}}", "x");

            assertThat(tree).isInstanceOf(LinkedHashMap.class);
            assertThat(tree.keySet()).containsExactly("b", "a", "c");
            assertThat(tree.get("b")).isEqualTo(java.util.Arrays.asList(1L, -2L, true, false, null));
            assertThat(tree.get("a")).isEqualTo("xé\n");
            assertThat(tree.get("c")).isEqualTo(Map.of());
        }

        @Test
        void refuses_a_duplicate_key_naming_it_and_where() {
            assertThatThrownBy(() -> Json.read("{\"a\":{\"k\":1,\"k\":2}}"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("malformed JSON: duplicate key \"k\" at $.a.k");
        }

        @Test
        void refuses_fractions_and_exponents() {
            for (String number : List.of("1.5", "1e3", "1E3", "-0.0", "2.0")) {
                assertThatThrownBy(() -> Json.read("{\"n\":" + number + "}"))
                        .as(number)
                        .hasMessage("malformed JSON: only integers are expected, not " + number + " at $.n");
            }
            assertThatThrownBy(() -> Json.read("99999999999999999999")).hasMessageContaining("out of range");
        }

        @Test
        void refuses_text_after_the_value_and_lenient_syntax() {
            assertThatThrownBy(() -> Json.read("{\"a\":1}{"))
                    .hasMessage("malformed JSON: unexpected text after the JSON value");
            for (String lenient : List.of("{a:1}", "{'a':1}", "[1,]", "{\"a\":1,}", "// c\n1", "[01]", "\"\t\"")) {
                assertThatThrownBy(() -> Json.read(lenient))
                        .as(lenient)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("malformed JSON");
            }
        }

        @Test
        void refuses_nesting_deeper_than_64_before_parsing() {
            assertThat(Json.read("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
            assertThatThrownBy(() -> Json.read("[".repeat(100_000)))
                    .hasMessage("malformed JSON at offset 64: nested deeper than 64 levels");
            assertThatThrownBy(() -> Json.requireNesting("{\"a\":".repeat(65), "the proof"))
                    .hasMessage("the proof is JSON nested deeper than 64 levels (at offset 320)");
        }

        @Test
        void reads_an_object_or_names_what_it_should_have_been() {
            assertThat(Json.readObject("{\"a\":1}", "x")).containsEntry("a", 1L);
            assertThatThrownBy(() -> Json.readObject("[]", "the proof")).hasMessage("the proof must be a JSON object");
        }
    }

    @Nested
    class Writing {
        @Test
        void sorts_keys_at_every_level_and_leaves_out_null_members() {
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("z", 1);
            inner.put("y", null);
            inner.put("x", List.of("a", Map.of("d", 1L, "c", true)));
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("b", inner);
            top.put("a", 2.5);

            assertThat(Json.write(top)).isEqualTo("{\"a\":2.5,\"b\":{\"x\":[\"a\",{\"c\":true,\"d\":1}],\"z\":1}}");
        }

        @Test
        void escapes_only_what_json_requires() {
            assertThat(Json.write(Map.of("s", "a/b<>&='\"\\\u0001é")))
                    .isEqualTo("{\"s\":\"a/b<>&='\\\"\\\\\\u0001é\"}");
        }

        @Test
        void writes_enum_constants_by_name_and_refuses_other_objects() {
            assertThat(Json.write(List.of(java.time.DayOfWeek.MONDAY))).isEqualTo("[\"MONDAY\"]");
            assertThatThrownBy(() -> Json.write(Map.of("at", java.time.Instant.EPOCH)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no JSON form for a java.time.Instant");
        }

        @Test
        void reads_back_what_it_wrote() {
            String json = "{\"a\":[1,{\"b\":\"c\"}],\"d\":false}";
            assertThat(Json.write(Json.read(json))).isEqualTo(json);
        }
    }
}
