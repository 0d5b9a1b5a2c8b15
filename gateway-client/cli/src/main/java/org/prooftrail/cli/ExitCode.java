package org.prooftrail.cli;

/** The exit codes scripts can rely on. */
final class ExitCode {
    static final int OK = 0;
    /** A verification mismatch, or the contract rejected the request. */
    static final int MISMATCH_OR_REJECTED = 1;
    /** Bad command-line usage or configuration. */
    static final int USAGE = 2;
    /** The ledger could not be reached. */
    static final int UNAVAILABLE = 3;
    /** The transaction was endorsed but failed validation. */
    static final int COMMIT_FAILED = 4;
    /**
     * A defect in prooftrail itself ({@code error: INTERNAL: ...}). Not 1: a script must not take a crash for a
     * mismatch or a rejection.
     */
    static final int INTERNAL = 5;

    private ExitCode() {}
}
