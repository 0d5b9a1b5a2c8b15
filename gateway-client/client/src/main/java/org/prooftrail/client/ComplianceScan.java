package org.prooftrail.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What needs action ({@code lineage:ComplianceScan}), as of the transaction's time: expiring or expired grants and
 * attestations, stale attestations, deployments at risk or tainted.
 *
 * @param owner the organisation the scan was narrowed to, if any
 * @param needsAction whether any item was found
 * @param truncated whether an index held more entries than one scan reads
 * @param json the ledger's answer as JSON (keys sorted)
 */
public record ComplianceScan(
        Instant asOf,
        long withinDays,
        Optional<String> owner,
        List<Item> items,
        boolean needsAction,
        boolean truncated,
        String json) {
    public ComplianceScan {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(owner, "owner");
        items = List.copyOf(items);
        Objects.requireNonNull(json, "json");
    }

    /** What an item is about. */
    public enum Kind {
        GRANT,
        ATTESTATION,
        DEPLOYMENT;

        /** The wire name: {@code grant}, {@code attestation}, {@code deployment}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One thing that needs action. {@code id} is the artifact (grant), dataset (attestation) or deployment;
     * {@code status} is the grant's ({@code ACTIVE}, {@code EXPIRED}), the attestation's ({@code ACTIVE},
     * {@code STALE}) or the deployment's compliance ({@code AT_RISK}, {@code TAINTED}); {@code action} says what to
     * do.
     */
    public record Item(
            Kind kind,
            String id,
            String owner,
            Optional<String> grantee,
            Optional<String> role,
            Optional<String> purpose,
            String status,
            Optional<Instant> expiresAt,
            String action,
            Optional<String> transactionId,
            List<ComplianceReason> reasons) {
        public Item {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(grantee, "grantee");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(transactionId, "transactionId");
            reasons = List.copyOf(reasons);
        }
    }
}
