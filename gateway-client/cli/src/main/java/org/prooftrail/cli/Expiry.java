package org.prooftrail.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** {@code --expires ISO | --days N}: when a grant ends; exactly one of them. */
final class Expiry {
    @Option(
            names = "--expires",
            paramLabel = "ISO",
            description = "when it ends: an instant (2027-01-31T00:00:00Z) or a date (2027-01-31, midnight UTC)")
    String expires;

    @Option(names = "--days", paramLabel = "N", description = "it ends N days from now")
    Integer days;

    Instant instant() {
        if (days != null) {
            if (days <= 0) {
                throw UsageException.invalid("--days must be at least 1, not " + days);
            }
            return Instant.now().plus(Duration.ofDays(days));
        }
        try {
            return Instant.parse(expires);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(expires).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw UsageException.invalid("--expires " + expires
                        + " is neither an ISO instant (2027-01-31T00:00:00Z) nor a date (2027-01-31)");
            }
        }
    }
}
