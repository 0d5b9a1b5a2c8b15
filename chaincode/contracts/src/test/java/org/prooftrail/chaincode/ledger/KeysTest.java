package org.prooftrail.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.Locale;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.LedgerTime;
import org.prooftrail.protocol.ProofTrailException;

class KeysTest {
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00.123456789Z");

    @Nested
    class SortableTime {
        @Test
        void is_nanoseconds_since_1970_in_19_ascii_digits() {
            assertThat(Keys.sortableTime(AT)).isEqualTo("1772355600123456789");
            assertThat(Keys.sortableTime(LedgerTime.EARLIEST)).isEqualTo("0946684800000000000");
        }

        @Test
        void sorts_as_the_times_sort_across_the_whole_range() {
            Instant last = LedgerTime.LATEST.minusNanos(1);

            assertThat(Keys.sortableTime(last)).hasSize(19).isEqualTo("9214646399999999999");
            assertThat(Keys.sortableTime(LedgerTime.EARLIEST)).isLessThan(Keys.sortableTime(AT));
            assertThat(Keys.sortableTime(AT)).isLessThan(Keys.sortableTime(last));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "1999-12-31T23:59:59.999999999Z",
                    "1969-12-31T23:59:59Z",
                    "2262-01-01T00:00:00Z",
                    "2300-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z"
                })
        void refuses_a_time_that_would_be_negative_or_overflow(String text) {
            assertThatThrownBy(() -> Keys.sortableTime(Instant.parse(text)))
                    .isInstanceOfSatisfying(
                            ProofTrailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("INVALID_ARGUMENT: time " + text + " is outside the times the ledger stores,"
                            + " 2000-01-01T00:00:00Z up to 2262-01-01T00:00:00Z");
        }
    }

    /** Each locale writes other digits than 0-9 by default, which {@code String.format} would put in a key. */
    @Nested
    class UnderADefaultLocaleWithOtherDigits {
        private Locale original;
        private Locale originalFormat;

        @BeforeEach
        void remember() {
            original = Locale.getDefault();
            originalFormat = Locale.getDefault(Locale.Category.FORMAT);
        }

        @AfterEach
        void restore() {
            Locale.setDefault(original);
            Locale.setDefault(Locale.Category.FORMAT, originalFormat);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ar", "fa-IR", "th-TH-u-nu-thai", "hi-IN-u-nu-deva"})
        void still_writes_ascii_digits(String tag) {
            String expected = Keys.sortableTime(AT);
            Locale.setDefault(Locale.forLanguageTag(tag));

            assertThat(String.format("%d", 7))
                    .as("the locale changes default formatting")
                    .isNotEqualTo("7");
            assertThat(Keys.sortableTime(AT)).isEqualTo(expected).matches("[0-9]{19}");
            assertThat(Keys.key(Keys.ACCESS_LOG, "xrays", Keys.sortableTime(AT), "tx1"))
                    .isEqualTo("\u0000accesslog\u0000xrays\u00001772355600123456789\u0000tx1\u0000");
        }
    }

    @Nested
    class CompositeKeys {
        @ParameterizedTest
        @ValueSource(strings = {"", "xrays", "a b", "\uD83D\uDE00 emoji", "\uE000\uFFFF", "sha256:00ff", "\u0001"})
        void are_what_the_shim_makes_of_the_same_segments(String segment) {
            assertThat(Keys.key(Keys.ACCESS_LOG, segment, "tx1"))
                    .isEqualTo(new CompositeKey(Keys.ACCESS_LOG, segment, "tx1").toString());
            assertThat(Keys.key(segment)).isEqualTo(new CompositeKey(segment).toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\u0000b", "\uDBFF\uDFFF", "x\uDBFF\uDFFFy"})
        void with_a_segment_the_shim_refuses_are_refused_by_the_shim(String segment) {
            Throwable shim = catchThrowable(() -> new CompositeKey(Keys.ACCESS_LOG, "xrays", segment));
            Throwable shimType = catchThrowable(() -> new CompositeKey(segment, "xrays"));

            assertThat(shim).isNotNull();
            assertThatThrownBy(() -> Keys.key(Keys.ACCESS_LOG, "xrays", segment))
                    .isExactlyInstanceOf(shim.getClass())
                    .hasMessage(shim.getMessage());
            assertThatThrownBy(() -> Keys.key(segment, "xrays"))
                    .isExactlyInstanceOf(shimType.getClass())
                    .hasMessage(shimType.getMessage());
        }
    }
}
