package org.prooftrail.chaincode.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import org.prooftrail.protocol.Printable;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Whether this peer endorses a proposal at the time it claims. Every expiry (grants, consents, attestations) and the
 * access log's order use the proposal's timestamp, which the client chooses and Fabric's endorser does not check: a
 * back-dated proposal would find an expired grant still active. This peer therefore endorses only a proposal whose
 * timestamp lies within a tolerance of its own clock.
 *
 * <p>The check decides only whether to endorse: nothing read from the clock reaches a result or a write set, which
 * stay functions of the proposal alone, so peers whose clocks differ by less than the tolerance endorse identical
 * results. A peer whose clock is wrong refuses honest proposals (and accepts skewed ones), and a colluding endorser
 * can skip the check: the tolerance bounds what an honest peer signs, nothing more.
 */
public final class ProposalClock {
    /** The chaincode server's variable that sets the tolerance: an ISO-8601 duration or whole seconds. */
    public static final String TOLERANCE_VARIABLE = "PROOFTRAIL_CLOCK_TOLERANCE";
    /** The tolerance when the variable is unset: generous for clients whose clocks run NTP, short for an expiry. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;
    private final Duration tolerance;

    public ProposalClock(Clock clock, Duration tolerance) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the clock tolerance must be positive, not " + tolerance);
        }
    }

    /**
     * The system clock with the tolerance of {@value #TOLERANCE_VARIABLE} in {@code environment}, or the default.
     *
     * @throws IllegalArgumentException naming the variable if its value is not a positive duration
     */
    public static ProposalClock fromEnvironment(Map<String, String> environment) {
        return new ProposalClock(Clock.systemUTC(), tolerance(environment.get(TOLERANCE_VARIABLE)));
    }

    /**
     * A tolerance as {@value #TOLERANCE_VARIABLE} gives it: an ISO-8601 duration ({@code PT5M}) or whole seconds
     * ({@code 300}); null or blank is the default.
     */
    static Duration tolerance(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_TOLERANCE;
        }
        String value = text.trim();
        Duration tolerance;
        try {
            tolerance = value.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(TOLERANCE_VARIABLE + " must be an ISO-8601 duration such as PT5M or"
                    + " whole seconds such as 300, not '" + Printable.truncate(text) + "'");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException(
                    TOLERANCE_VARIABLE + " must be a positive duration, not '" + Printable.truncate(text) + "'");
        }
        return tolerance;
    }

    public Duration tolerance() {
        return tolerance;
    }

    /**
     * Refuses a proposal timestamped further than the tolerance from this peer's clock, with
     * {@code FAILED_PRECONDITION} naming both times and the tolerance: the proposal is well formed, but this peer
     * will not vouch for it at that time; the client should correct its clock and send a new proposal.
     */
    public void admit(Instant proposalTime) {
        Objects.requireNonNull(proposalTime, "proposalTime");
        Instant now = clock.instant();
        Duration skew = Duration.between(now, proposalTime);
        if (skew.abs().compareTo(tolerance) <= 0) {
            return;
        }
        throw ProofTrailException.failedPrecondition("the proposal's timestamp " + proposalTime + " is "
                + skew.abs() + (skew.isNegative() ? " behind" : " ahead of") + " this peer's clock " + now
                + ", more than the tolerance of " + tolerance + " (" + TOLERANCE_VARIABLE + "): this peer endorses"
                + " only proposals timestamped within the tolerance of its clock; correct the client's clock and send"
                + " a new proposal");
    }
}
