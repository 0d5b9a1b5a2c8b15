package org.prooftrail.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void leaves_short_plain_text_alone() {
        assertThat(Printable.truncate("chest-xray-v3")).isEqualTo("chest-xray-v3");
        assertThat(Printable.truncate(null)).isEqualTo("null");
    }

    @Test
    void cuts_long_text_to_80_characters_and_marks_the_cut() {
        assertThat(Printable.truncate("a".repeat(81))).isEqualTo("a".repeat(80) + "...");
        assertThat(Printable.truncate("a".repeat(80))).isEqualTo("a".repeat(80));
    }

    @Test
    void marks_the_cut_when_escaped_control_characters_fill_the_room_of_short_input() {
        // 20 characters, but each escapes to six: the output is cut and must say so.
        String escaped = Printable.truncate("\n".repeat(20));
        assertThat(escaped).endsWith("...").doesNotContain("\n");
        assertThat(escaped.length()).isLessThanOrEqualTo(83);
    }

    @Test
    void never_cuts_an_escape_sequence_in_half() {
        String escaped = Printable.truncate("a".repeat(77) + "\u0001" + "b".repeat(10));
        assertThat(escaped).isEqualTo("a".repeat(77) + "...");
    }
}
