package org.prooftrail.chaincode.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.ledger.JsonInput;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.AttestationStatus;
import org.prooftrail.chaincode.record.ComplianceReason;
import org.prooftrail.chaincode.record.ConsentAttestation;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.chaincode.record.DeploymentStatus;
import org.prooftrail.chaincode.record.GrantStatus;
import org.prooftrail.protocol.ComplianceStatus;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Purpose;

/**
 * {@code lineage:ComplianceScan}: what needs action now or within a window, read through three indexes so the cost
 * follows the results, not the ledger: {@code grantexpiry} (ACTIVE grants in expiry order: read until the window
 * ends, so O(grants of every owner expiring in the window)), {@code consentdataset} (O(consent-requiring datasets of
 * the owner) × one point read per purpose) and {@code activedeployment} (O(active deployments of the owner) × the
 * upstream walk of each). Each kind reads at most {@link #MAX_PER_KIND} index entries.
 */
public final class ComplianceScan {
    public static final long DEFAULT_WITHIN_DAYS = 30;
    public static final long MAX_WITHIN_DAYS = 3650;
    public static final int MAX_PER_KIND = 1000;

    static final String GRANT = "grant";
    static final String ATTESTATION = "attestation";
    static final String DEPLOYMENT = "deployment";

    private final Ledger ledger;
    private final ComplianceService compliance;

    public ComplianceScan(Ledger ledger) {
        this.ledger = ledger;
        this.compliance = new ComplianceService(ledger);
    }

    public ScanReport scan(String json) {
        JsonInput in = JsonInput.parse("scan", json == null || json.isBlank() ? "{}" : json);
        String owner =
                in.optionalString("owner").map(o -> Ids.id("scan.owner", o)).orElse(null);
        long withinDays = in.optionalLong("withinDays").orElse(DEFAULT_WITHIN_DAYS);
        in.rejectUnknownFields();
        if (withinDays < 0 || withinDays > MAX_WITHIN_DAYS) {
            throw ProofTrailException.invalid(
                    "scan.withinDays must be from 0 to " + MAX_WITHIN_DAYS + ", not " + withinDays);
        }
        Instant now = ledger.tx().timestamp();
        Instant windowEnd = now.plus(Duration.ofDays(withinDays));
        List<ScanItem> items = new ArrayList<>();
        boolean truncated = grants(owner, now, windowEnd, items);
        truncated |= attestations(owner, now, windowEnd, items);
        truncated |= deployments(owner, items);
        items.sort(ScanItem.ORDER);
        return new ScanReport(now.toString(), withinDays, owner, items, truncated);
    }

    /** ACTIVE grants whose expiry is at or before the window's end (already expired included). */
    private boolean grants(String owner, Instant now, Instant windowEnd, List<ScanItem> items) {
        List<AccessGrant> grants =
                ledger.access().activeGrantsExpiringBefore(windowEnd.plusNanos(1), owner, MAX_PER_KIND);
        for (AccessGrant grant : grants) {
            boolean expired = !now.isBefore(Instant.parse(grant.getExpiresAt()));
            items.add(ScanItem.of(GRANT, grant.getArtifact(), grant.getOwner())
                    .grantee(grant.getGrantee(), grant.getRole())
                    .status(expired ? "EXPIRED" : GrantStatus.ACTIVE.name())
                    .expiresAt(grant.getExpiresAt())
                    .action(
                            expired
                                    ? "renew the grant (access:Grant) or revoke it (access:Revoke): it has expired"
                                    : "renew the grant (access:Grant) before it expires, or let it lapse")
                    .txId(grant.getTxId())
                    .build());
        }
        return grants.size() >= MAX_PER_KIND;
    }

    /** Attestations that are STALE (recorded, or past their earliest consent expiry) or expire within the window. */
    private boolean attestations(String owner, Instant now, Instant windowEnd, List<ScanItem> items) {
        List<String[]> datasets = ledger.consent().consentDatasets(owner, MAX_PER_KIND);
        for (String[] ownerAndDataset : datasets) {
            for (Purpose purpose : Purpose.values()) {
                Optional<ConsentAttestation> found =
                        ledger.consent().findAttestation(ownerAndDataset[1], purpose.name());
                found.filter(ConsentAttestation::attested).ifPresent(a -> attestation(a, now, windowEnd, items));
            }
        }
        return datasets.size() >= MAX_PER_KIND;
    }

    private static void attestation(ConsentAttestation a, Instant now, Instant windowEnd, List<ScanItem> items) {
        boolean stale = AttestationStatus.STALE.name().equals(a.getStatus());
        boolean active = AttestationStatus.ACTIVE.name().equals(a.getStatus());
        Instant validUntil = a.getValidUntil() == null ? null : Instant.parse(a.getValidUntil());
        boolean expired = active && validUntil != null && !now.isBefore(validUntil);
        boolean expiring = active && validUntil != null && !validUntil.isAfter(windowEnd);
        if (!stale && !expiring) {
            return;
        }
        items.add(ScanItem.of(ATTESTATION, a.getDataset(), a.getOwner())
                .purpose(a.getPurpose())
                .status(stale || expired ? AttestationStatus.STALE.name() : AttestationStatus.ACTIVE.name())
                .expiresAt(a.getValidUntil())
                .action(
                        stale || expired
                                ? "re-attest (consent:Attest): version " + a.getVersion() + " no longer holds"
                                        + (stale && a.getStaleReason() != null ? " (" + a.getStaleReason() + ")" : "")
                                        + "; training is refused until then"
                                : "renew the expiring consents and re-attest (consent:Attest) before "
                                        + a.getValidUntil())
                .txId(stale && a.getStaleTxId() != null ? a.getStaleTxId() : a.getTxId())
                .build());
    }

    /**
     * Active deployments that are TAINTED, or AT_RISK for a reason their deployer did not accept when deploying (a
     * deployment recorded with {@code acceptRisk} is listed again only when a new reason appears).
     */
    private boolean deployments(String owner, List<ScanItem> items) {
        List<String> ids = ledger.lineage().activeDeployments(owner, MAX_PER_KIND);
        for (String id : ids) {
            Optional<Deployment> found = ledger.lineage().findDeployment(id);
            if (found.isEmpty()
                    || !DeploymentStatus.ACTIVE
                            .name()
                            .equals(ledger.lineage().deploymentState(id).getStatus())) {
                continue;
            }
            Deployment deployment = found.get();
            Evaluation evaluation =
                    compliance.evaluate(new LineageGraphs.NodeRef(LineageGraphs.DEPLOYMENT, deployment.getId()));
            if (evaluation.status() == ComplianceStatus.CLEAR || accepted(deployment, evaluation)) {
                continue;
            }
            boolean tainted = evaluation.status() == ComplianceStatus.TAINTED;
            items.add(ScanItem.of(DEPLOYMENT, deployment.getId(), deployment.getOwner())
                    .status(evaluation.status().name())
                    .action(
                            tainted
                                    ? "retire the deployment (lineage:RetireDeployment): its model's upstream is TAINTED;"
                                            + " re-deploy a model trained without it"
                                    : "review the reasons, then retire the deployment (lineage:RetireDeployment), or"
                                            + " re-deploy with --accept-risk REASON (acceptRisk) to record that the risk is"
                                            + " accepted")
                    .txId(deployment.getTxId())
                    .reasons(evaluation.reasons())
                    .build());
        }
        return ids.size() >= MAX_PER_KIND;
    }

    private static boolean accepted(Deployment deployment, Evaluation evaluation) {
        if (evaluation.status() != ComplianceStatus.AT_RISK || deployment.getAcceptedRisk() == null) {
            return false;
        }
        Set<String> accepted = new HashSet<>();
        for (ComplianceReason reason : deployment.acceptedReasons()) {
            accepted.add(reason.identity());
        }
        return evaluation.reasons().stream().allMatch(r -> accepted.contains(r.identity()));
    }
}
