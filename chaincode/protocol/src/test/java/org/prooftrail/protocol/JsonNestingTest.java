package org.prooftrail.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonNestingTest {
    @Test
    void accepts_nesting_up_to_the_limit() {
        assertThat(JsonNesting.tooDeepAt("[".repeat(3) + "]".repeat(3), 3)).isEqualTo(-1);
    }

    @Test
    void names_the_offset_of_the_first_bracket_past_the_limit() {
        assertThat(JsonNesting.tooDeepAt("{\"a\":[[[1]]]}", 3)).isEqualTo(7);
    }

    @Test
    void does_not_count_brackets_inside_strings_or_escaped_quotes() {
        assertThat(JsonNesting.tooDeepAt("{\"a\":\"[[[[\\\"[[[[\"}", 1)).isEqualTo(-1);
    }

    @Test
    void counts_siblings_at_their_own_depth() {
        assertThat(JsonNesting.tooDeepAt("[[1],[2],[3]]", 2)).isEqualTo(-1);
    }
}
