package org.prooftrail.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {
    private static final String EMPTY = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Nested
    class Computing {
        @Test
        void hashes_the_empty_input_to_the_well_known_sha256() {
            assertThat(Digest.sha256(new byte[0])).hasToString(EMPTY);
        }

        @Test
        void hashes_abc_to_the_fips_180_test_vector() {
            assertThat(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII))).hasToString(ABC);
        }

        @Test
        void wraps_32_raw_bytes_and_copies_them_both_ways() {
            byte[] raw = new byte[32];
            Digest digest = Digest.of(raw);
            raw[0] = 1;
            assertThat(digest.bytes()[0]).isZero();
            digest.bytes()[1] = 1;
            assertThat(digest.bytes()[1]).isZero();
        }

        @Test
        void refuses_raw_bytes_of_the_wrong_length() {
            assertThatThrownBy(() -> Digest.of(new byte[31]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a SHA-256 digest has 32 bytes, not 31");
            assertThatThrownBy(() -> Digest.of(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Parsing {
        @Test
        void round_trips_the_wire_form() {
            Digest digest = Digest.parse("digest", ABC);
            assertThat(digest).hasToString(ABC).isEqualTo(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
            assertThat(digest.hex()).isEqualTo(ABC.substring(7));
            assertThat(digest.hashCode()).isEqualTo(Digest.parse("other", ABC).hashCode());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(
                strings = {
                    "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                    "sha256:Ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
                    "sha256:",
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "SHA256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "sha512:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "sha-256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                    "md5:900150983cd24fb0d6963f7d28e17f72",
                    "sha256:ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a ",
                    " sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
                    "sha256:+a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a\u0661",
                })
        void rejects_anything_but_lowercase_hex_after_the_sha256_prefix(String text) {
            assertThat(Digest.isWellFormed(text)).isFalse();
            assertThatThrownBy(() -> Digest.parse("digest", text))
                    .isInstanceOfSatisfying(
                            ProofTrailException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith(
                            "INVALID_ARGUMENT: digest must be sha256: followed by 64 lowercase hex" + " digits, not '");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void says_a_missing_digest_is_required(String text) {
            assertThat(Digest.isWellFormed(text)).isFalse();
            assertThatThrownBy(() -> Digest.parse("merkle.root", text))
                    .isInstanceOf(ProofTrailException.class)
                    .hasMessage("INVALID_ARGUMENT: merkle.root is required (sha256: followed by 64 lowercase hex"
                            + " digits)");
        }

        @Test
        void quotes_the_bad_input_in_the_message_so_a_person_can_see_the_mistake() {
            assertThatThrownBy(() -> Digest.parse("digest", "md5:900150983cd24fb0d6963f7d28e17f72"))
                    .hasMessage("INVALID_ARGUMENT: digest must be sha256: followed by 64 lowercase hex digits, not"
                            + " 'md5:900150983cd24fb0d6963f7d28e17f72'");
        }

        @Test
        void escapes_control_characters_and_cuts_long_input_in_the_message() {
            String hostile = "sha256:\n" + "a".repeat(500);
            assertThatThrownBy(() -> Digest.parse("digest", hostile))
                    .hasMessageNotContaining("\n")
                    .hasMessageContaining("sha256:\\u000aaaa")
                    .hasMessageEndingWith("...'")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        }
    }
}
