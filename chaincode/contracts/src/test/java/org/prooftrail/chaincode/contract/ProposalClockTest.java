package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

class ProposalClockTest {
    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    private final ProposalClock clock = new ProposalClock(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Nested
    class Admitting {
        @Test
        void admits_a_proposal_timestamped_within_the_tolerance_either_side_edges_included() {
            assertThatCode(() -> clock.admit(NOW)).doesNotThrowAnyException();
            assertThatCode(() -> clock.admit(NOW.minus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
            assertThatCode(() -> clock.admit(NOW.plus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
        }

        @Test
        void refuses_a_back_dated_proposal_naming_both_times_and_the_tolerance() {
            Instant backDated = NOW.minus(Duration.ofMinutes(5)).minusNanos(1);

            assertThatThrownBy(() -> clock.admit(backDated))
                    .isInstanceOfSatisfying(ProofTrailException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.FAILED_PRECONDITION))
                    .hasMessage("FAILED_PRECONDITION: the proposal's timestamp 2026-11-30T06:54:59.999999999Z is"
                            + " PT5M0.000000001S behind this peer's clock 2026-11-30T07:00:00Z, more than the"
                            + " tolerance of PT5M (PROOFTRAIL_CLOCK_TOLERANCE): this peer endorses only proposals"
                            + " timestamped within the tolerance of its clock; correct the client's clock and send a"
                            + " new proposal");
        }

        @Test
        void refuses_a_far_future_proposal_saying_it_is_ahead() {
            assertThatThrownBy(() -> clock.admit(Instant.parse("2300-01-01T00:00:00Z")))
                    .hasMessageStartingWith("FAILED_PRECONDITION: the proposal's timestamp 2300-01-01T00:00:00Z is ")
                    .hasMessageContaining(
                            " ahead of this peer's clock 2026-11-30T07:00:00Z, more than the tolerance" + " of PT5M");
        }
    }

    @Nested
    class Tolerance {
        @Test
        void is_five_minutes_when_the_variable_is_unset_or_blank() {
            assertThat(ProposalClock.fromEnvironment(Map.of()).tolerance()).isEqualTo(Duration.ofMinutes(5));
            assertThat(ProposalClock.tolerance("  ")).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void reads_an_iso_duration_or_whole_seconds() {
            assertThat(ProposalClock.fromEnvironment(Map.of(ProposalClock.TOLERANCE_VARIABLE, "PT2M"))
                            .tolerance())
                    .isEqualTo(Duration.ofMinutes(2));
            assertThat(ProposalClock.tolerance("90")).isEqualTo(Duration.ofSeconds(90));
            assertThat(ProposalClock.tolerance(" P1D ")).isEqualTo(Duration.ofDays(1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"5m", "-PT5M", "PT0S", "0", "five minutes", "99999999999999999999"})
        void refuses_anything_but_a_positive_duration_naming_the_variable(String value) {
            assertThatThrownBy(() -> ProposalClock.tolerance(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("PROOFTRAIL_CLOCK_TOLERANCE must be")
                    .hasMessageContaining(value.trim());
        }
    }
}
