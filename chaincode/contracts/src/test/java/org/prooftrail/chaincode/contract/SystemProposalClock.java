package org.prooftrail.chaincode.contract;

import java.time.Clock;

/** For tests outside this package: puts back the system clock that other tests replace with a fixed one. */
public final class SystemProposalClock {
    private SystemProposalClock() {}

    public static void use() {
        ProofTrailContract.useClock(new ProposalClock(Clock.systemUTC(), ProposalClock.DEFAULT_TOLERANCE));
    }
}
