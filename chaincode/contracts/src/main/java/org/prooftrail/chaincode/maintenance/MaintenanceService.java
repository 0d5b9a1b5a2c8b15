package org.prooftrail.chaincode.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.prooftrail.chaincode.identity.Caller;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.ledger.RecordFormats;
import org.prooftrail.chaincode.ledger.UpgradeStore;
import org.prooftrail.chaincode.record.AccessGrant;
import org.prooftrail.chaincode.record.Artifact;
import org.prooftrail.chaincode.record.Deployment;
import org.prooftrail.protocol.Ids;
import org.prooftrail.protocol.ProofTrailException;
import org.prooftrail.protocol.Role;

/**
 * Brings what an earlier release wrote up to today's rules, one artifact or deployment per transaction, on its
 * owner's request: the owner's own peer must endorse (the transaction re-stores a key that has carried the owner-only
 * policy since 0.1.0), so no majority can run it for the owner, and running it again changes nothing.
 */
public final class MaintenanceService {
    private final Ledger ledger;
    private final Caller caller;

    public MaintenanceService(Ledger ledger, Caller caller) {
        this.ledger = ledger;
        this.caller = caller;
    }

    /** {@code maintenance:Upgrade(id)}: back-fills an artifact's guard, grant list, indexes, consent keys, policies. */
    public Map<String, Object> upgradeArtifact(String idText) {
        String id = Ids.id("id", idText);
        Artifact artifact = ledger.artifacts()
                .find(id)
                .orElseThrow(() -> ProofTrailException.notFound("artifact " + id + " does not exist"));
        if (!caller.belongsTo(artifact.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + artifact.getOwner() + " may upgrade artifact " + id
                    + "; the caller belongs to " + caller.mspId());
        }
        caller.requireRole("upgrading an artifact's keys", Role.CURATOR, Role.STEWARD);
        Map<String, String> parentOwners = new TreeMap<>();
        for (String parent : artifact.getParents()) {
            ledger.upgrades().ownerOf(parent).ifPresent(owner -> parentOwners.put(parent, owner));
        }
        UpgradeStore.Outcome outcome = ledger.upgrades()
                .upgradeArtifact(
                        artifact,
                        parentOwners,
                        ledger.tx().timestampText(),
                        ledger.tx().txId());
        Map<String, Object> report = report("artifact", id, artifact.getOwner(), outcome);
        List<Map<String, Object>> adopted = new ArrayList<>();
        for (AccessGrant grant : outcome.adopted()) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("grantee", grant.getGrantee());
            entry.put("role", grant.getRole());
            entry.put("status", grant.getStatus());
            entry.put("txId", grant.getTxId());
            adopted.add(entry);
        }
        report.put("grantsAdopted", adopted);
        return report;
    }

    /** {@code maintenance:UpgradeDeployment(id)}: back-fills a deployment's scan entry and policies. */
    public Map<String, Object> upgradeDeployment(String idText) {
        String id = Ids.id("id", idText);
        Deployment deployment = ledger.lineage()
                .findDeployment(id)
                .orElseThrow(() -> ProofTrailException.notFound("deployment " + id + " does not exist"));
        if (!caller.belongsTo(deployment.getOwner())) {
            throw ProofTrailException.permissionDenied("only " + deployment.getOwner() + " may upgrade deployment " + id
                    + "; the caller belongs to " + caller.mspId());
        }
        caller.requireRole("upgrading a deployment's keys", Role.DEPLOYER);
        String modelOwner = ledger.upgrades().ownerOf(deployment.getModel()).orElse(null);
        return report(
                "deployment", id, deployment.getOwner(), ledger.upgrades().upgradeDeployment(deployment, modelOwner));
    }

    /**
     * {@code maintenance:Version()}: the record format this chaincode writes and the oldest it reads. A chaincode
     * without this function is release 0.1.0 (format 1).
     */
    public Map<String, Object> version() {
        Map<String, Object> version = new TreeMap<>();
        version.put("recordFormat", RecordFormats.CURRENT);
        version.put("readsRecordFormatsFrom", RecordFormats.FIRST);
        version.put("previousRelease", "0.1.0");
        return version;
    }

    private Map<String, Object> report(String kind, String id, String owner, UpgradeStore.Outcome outcome) {
        Map<String, Object> report = new TreeMap<>();
        report.put(kind, id);
        report.put("owner", owner);
        report.put("recordFormat", RecordFormats.CURRENT);
        report.put("backfilled", outcome.backfilled());
        report.put("upToDate", outcome.backfilled().isEmpty());
        report.put("txId", ledger.tx().txId());
        return report;
    }
}
