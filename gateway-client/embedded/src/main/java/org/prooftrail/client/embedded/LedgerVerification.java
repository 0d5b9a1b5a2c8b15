package org.prooftrail.client.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link EmbeddedLedger#verify()} found: how many records of the transaction log verified, the hash of the last
 * one (a value to write down or anchor elsewhere: a log cut short at a record boundary can only be told apart from
 * the original by it), and the first record that did not verify, if any.
 */
public final class LedgerVerification {
    private final Path log;
    private final long records;
    private final String lastHash;
    private final long firstBadRecord;
    private final long firstBadOffset;
    private final String problem;

    LedgerVerification(
            Path log, long records, String lastHash, long firstBadRecord, long firstBadOffset, String problem) {
        this.log = Objects.requireNonNull(log, "log");
        this.records = records;
        this.lastHash = Objects.requireNonNull(lastHash, "lastHash");
        this.firstBadRecord = firstBadRecord;
        this.firstBadOffset = firstBadOffset;
        this.problem = problem;
    }

    /** Whether every record verified and replaying them rebuilt the state the ledger holds. */
    public boolean intact() {
        return problem == null;
    }

    /** The transaction log file that was checked. */
    public Path log() {
        return log;
    }

    /** How many records verified, in order from the first. */
    public long records() {
        return records;
    }

    /** The SHA-256 (hex) of the last record that verified; 64 zeros for an empty log. */
    public String lastHash() {
        return lastHash;
    }

    /** The number (block number, from 1) of the first record that did not verify. */
    public OptionalLong firstBadRecord() {
        return problem == null || firstBadRecord < 1 ? OptionalLong.empty() : OptionalLong.of(firstBadRecord);
    }

    /** The byte offset in the log at which the first bad record starts. */
    public OptionalLong firstBadOffset() {
        return problem == null || firstBadOffset < 0 ? OptionalLong.empty() : OptionalLong.of(firstBadOffset);
    }

    /** What is wrong, for people; empty when intact. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public String toString() {
        return intact()
                ? "intact: " + records + " records, last hash " + lastHash
                : "NOT intact: " + problem + " (" + records + " records verified before it, last good hash " + lastHash
                        + ")";
    }
}
