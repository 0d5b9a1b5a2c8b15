package org.prooftrail.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.HOSPITAL_A;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.RESEARCH;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.ok;
import static org.prooftrail.chaincode.contract.ChaincodeHarness.user;
import static org.prooftrail.chaincode.contract.Json.artifact;
import static org.prooftrail.chaincode.contract.Json.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.prooftrail.chaincode.contract.ChaincodeHarness.Result;
import org.prooftrail.chaincode.simulation.Identity;
import org.prooftrail.protocol.Role;

/**
 * The proposal's timestamp is the client's choice; the endorsing peer refuses one further than the tolerance from
 * its own clock, before any rule runs. Through the router over the simulator, with the peer's clock following the
 * harness's sequence of transactions and a client that proposes at another time.
 */
class ClockSkewTest {
    private final ChaincodeHarness ledger = new ChaincodeHarness();
    private final Identity curatorA = user(HOSPITAL_A, Role.CURATOR);
    private final Identity trainer = user(RESEARCH, Role.TRAINER);
    private final Identity auditor = user(RESEARCH, Role.AUDITOR);

    /** Refused at the clock check: the code, the skewed time, the peer's time and the tolerance, nothing written. */
    private static void refusedAtTheClock(Result result, Instant proposed, Instant peerTime, String tolerance) {
        assertThat(result.ok()).as(result.toString()).isFalse();
        assertThat(result.message())
                .startsWith("FAILED_PRECONDITION: the proposal's timestamp " + proposed + " is ")
                .contains(" this peer's clock " + peerTime + ", more than the tolerance of " + tolerance
                        + " (PROOFTRAIL_CLOCK_TOLERANCE)");
        assertThat(result.writeSet().isEmpty()).as("write set").isTrue();
    }

    private Result trainOnXrays(String runId) {
        return ledger.submit(
                trainer,
                "lineage:RecordRun",
                Json.of(Json.object(
                        "id", runId,
                        "inputs", List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                        "outputs", List.of("model-v1"))));
    }

    @Nested
    class ABackDatedProposal {
        private String expiresAt;

        @BeforeEach
        void grantThatHasExpired() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
            ok(ledger.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
            expiresAt = ledger.nextTimestamp().plusSeconds(2).toString();
            ok(ledger.submit(
                    curatorA,
                    "access:Grant",
                    Json.of(Json.object(
                            "artifact",
                            "xrays",
                            "grantee",
                            RESEARCH,
                            "purposes",
                            List.of("TRAINING"),
                            "expiresAt",
                            expiresAt))));
            ledger.passTime(Duration.ofDays(1));
        }

        @Test
        void cannot_make_an_expired_grant_admit_a_run_it_is_refused_at_the_clock_check() {
            Instant backDated = Instant.parse(expiresAt).minusSeconds(1);
            Instant peerTime = ledger.nextTimestamp();
            ledger.proposeNextAt(backDated);

            refusedAtTheClock(trainOnXrays("run-1"), backDated, peerTime, "PT5M");
            assertThat(ledger.evaluate(trainer, "lineage:GetRun", "run-1").message())
                    .startsWith("NOT_FOUND: ");
        }

        @Test
        void at_the_peers_time_is_refused_by_the_expired_grant() {
            Result result = trainOnXrays("run-1");

            assertThat(result.ok()).as(result.toString()).isFalse();
            assertThat(result.message()).startsWith("FAILED_PRECONDITION: ").contains("TRAINING grant");
            assertThat(result.writeSet().isEmpty()).isTrue();
        }

        @Test
        void would_have_been_admitted_without_the_clock_check_which_is_what_it_prevents() {
            // The tolerance widened to two days: the back-dated proposal reaches the rules, which see a live grant.
            ledger.clockTolerance(Duration.ofDays(2));
            ledger.proposeNextAt(Instant.parse(expiresAt).minusSeconds(1));

            Result result = ok(trainOnXrays("run-1"));

            assertThat(result.writeSet().isEmpty()).isFalse();
        }

        @Test
        void is_still_admitted_within_the_tolerance_after_the_expiry_which_bounds_what_a_client_gains() {
            ChaincodeHarness fresh = new ChaincodeHarness();
            ok(fresh.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
            ok(fresh.submit(trainer, "artifact:Register", artifact("model-v1", "MODEL")));
            String soon = fresh.nextTimestamp().plusSeconds(2).toString();
            ok(fresh.submit(
                    curatorA,
                    "access:Grant",
                    Json.of(Json.object(
                            "artifact",
                            "xrays",
                            "grantee",
                            RESEARCH,
                            "purposes",
                            List.of("TRAINING"),
                            "expiresAt",
                            soon))));
            fresh.passTime(Duration.ofMinutes(4));
            fresh.proposeNextAt(Instant.parse(soon).minusSeconds(1));

            ok(fresh.submit(
                    trainer,
                    "lineage:RecordRun",
                    Json.of(Json.object(
                            "id", "run-1",
                            "inputs", List.of(Json.object("id", "xrays", "digest", digest("xrays"))),
                            "outputs", List.of("model-v1")))));
        }

        @Test
        void is_refused_for_an_evaluate_only_function_too() {
            Instant backDated = Instant.parse(expiresAt).minus(Duration.ofHours(1));
            Instant peerTime = ledger.nextTimestamp();
            ledger.proposeNextAt(backDated);

            refusedAtTheClock(ledger.evaluate(auditor, "access:Grants", "xrays"), backDated, peerTime, "PT5M");
        }

        @Test
        void within_the_tolerance_is_endorsed_at_its_own_timestamp() {
            Instant slightlyBehind = ledger.nextTimestamp().minus(Duration.ofMinutes(4));
            ledger.proposeNextAt(slightlyBehind);

            Result result = ok(ledger.submit(curatorA, "artifact:Register", artifact("late", "OTHER")));

            assertThat(result.timestamp()).isEqualTo(slightlyBehind);
            assertThat(result.json()).containsEntry("registeredAt", slightlyBehind.toString());
        }
    }

    @Nested
    class AFarFutureProposal {
        private static final Instant YEAR_2300 = Instant.parse("2300-01-01T00:00:00Z");

        @BeforeEach
        void registered() {
            ok(ledger.submit(curatorA, "artifact:Register", artifact("xrays", "DATASET")));
        }

        private Result logAccess() {
            return ledger.submit(auditor, "access:Log", Json.of(Json.object("artifact", "xrays", "purpose", "AUDIT")));
        }

        @Test
        void is_refused_at_the_clock_check_and_logs_nothing() {
            Instant peerTime = ledger.nextTimestamp();
            ledger.proposeNextAt(YEAR_2300);

            refusedAtTheClock(logAccess(), YEAR_2300, peerTime, "PT5M");
        }

        @Test
        void never_becomes_a_sort_key_even_with_a_tolerance_that_would_admit_it() {
            ledger.clockTolerance(Duration.ofDays(365L * 400));
            ledger.proposeNextAt(YEAR_2300);

            Result result = logAccess();

            assertThat(result.ok()).as(result.toString()).isFalse();
            assertThat(result.message())
                    .isEqualTo("FAILED_PRECONDITION: the proposal's timestamp 2300-01-01T00:00:00Z is outside the"
                            + " times the ledger stores, 2000-01-01T00:00:00Z up to 2262-01-01T00:00:00Z");
            assertThat(result.writeSet().isEmpty()).isTrue();
        }

        @Test
        void leaves_the_access_log_in_time_order() {
            ledger.proposeNextAt(YEAR_2300);
            logAccess();
            Result first = ok(logAccess());
            Result second = ok(logAccess());

            Result page = ok(
                    ledger.evaluate(auditor, "access:Logs", Json.of(Json.object("artifact", "xrays", "pageSize", 10))));

            assertThat(page.payload())
                    .contains(first.txId())
                    .contains(second.txId())
                    .doesNotContain("2300-01-01");
            assertThat(page.payload().indexOf(first.txId()))
                    .isLessThan(page.payload().indexOf(second.txId()));
        }
    }
}
