package org.prooftrail.client.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an offline verification found: one {@link RecordVerification} per bundled record, in ledger order.
 *
 * @param trust where the trusted channel configuration came from (the bundle itself, a config block, CA files)
 */
public record BundleVerification(String root, String trust, List<RecordVerification> records) {
    public BundleVerification {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(trust, "trust");
        records = List.copyOf(records);
    }

    /** Whether every check of every record held (and there was at least one record). */
    public boolean ok() {
        return !records.isEmpty() && records.stream().allMatch(RecordVerification::ok);
    }

    /** The names of the checks that failed for any record, in the order records list their checks. */
    public List<String> failedChecks() {
        Set<String> failed = new LinkedHashSet<>();
        for (String name : Check.NAMES) {
            if (records.stream()
                    .anyMatch(record ->
                            record.check(name).map(check -> !check.ok()).orElse(false))) {
                failed.add(name);
            }
        }
        records.forEach(record -> record.failures().forEach(check -> failed.add(check.name())));
        return List.copyOf(failed);
    }
}
