package org.prooftrail.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

/**
 * The upgrade side of a ledger: which release of the chaincode answers ({@code maintenance:Version}), and the
 * owner-endorsed, idempotent back-fills for what release 0.1.0 wrote ({@code maintenance:Upgrade},
 * {@code maintenance:UpgradeDeployment}); see docs/upgrading.md. Over the same transport as {@link ProofTrail}.
 */
public final class LedgerMaintenance {
    /** The record format of release 0.1.0, which has no {@code maintenance} contract. */
    public static final int FIRST_RECORD_FORMAT = 1;

    private final LedgerTransport transport;

    private LedgerMaintenance(LedgerTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    public static LedgerMaintenance over(LedgerTransport transport) {
        return new LedgerMaintenance(transport);
    }

    /** What the chaincode says about itself: the record format it writes and the oldest it reads. */
    public static final class ChaincodeFormats {
        private final int recordFormat;
        private final int readsFrom;
        private final boolean maintenanceContract;

        ChaincodeFormats(int recordFormat, int readsFrom, boolean maintenanceContract) {
            this.recordFormat = recordFormat;
            this.readsFrom = readsFrom;
            this.maintenanceContract = maintenanceContract;
        }

        /** The record format the chaincode writes: 1 for release 0.1.0. */
        public int recordFormat() {
            return recordFormat;
        }

        /** The oldest record format it reads. */
        public int readsFrom() {
            return readsFrom;
        }

        /** Whether it has the maintenance contract (release 0.1.0 does not, so cannot back-fill). */
        public boolean maintenanceContract() {
            return maintenanceContract;
        }

        @Override
        public String toString() {
            return maintenanceContract
                    ? "record format " + recordFormat + " (reads formats " + readsFrom + " to " + recordFormat + ")"
                    : "record format 1: release 0.1.0, without the maintenance contract";
        }
    }

    /** What one back-fill did. */
    public static final class UpgradeReport {
        private final String id;
        private final String owner;
        private final List<String> backfilled;
        private final List<String> grantsAdopted;
        private final String transactionId;

        UpgradeReport(
                String id, String owner, List<String> backfilled, List<String> grantsAdopted, String transactionId) {
            this.id = id;
            this.owner = owner;
            this.backfilled = List.copyOf(backfilled);
            this.grantsAdopted = List.copyOf(grantsAdopted);
            this.transactionId = transactionId;
        }

        /** The artifact or deployment upgraded. */
        public String id() {
            return id;
        }

        public String owner() {
            return owner;
        }

        /** The keys written ({@code type/attribute...}, policies marked), empty when it was up to date. */
        public List<String> backfilled() {
            return backfilled;
        }

        /** Whether nothing was missing (and so nothing written). */
        public boolean upToDate() {
            return backfilled.isEmpty();
        }

        /** The 0.1.0 grants copied into the grant list, as {@code grantee/role STATUS}. */
        public List<String> grantsAdopted() {
            return grantsAdopted;
        }

        public String transactionId() {
            return transactionId;
        }
    }

    /**
     * The chaincode's record formats. A chaincode without {@code maintenance:Version} (an {@code UNIMPLEMENTED}
     * answer) is release 0.1.0: record format 1.
     */
    public ChaincodeFormats chaincodeFormats() {
        try {
            Answer version = Answer.parse(
                    transport.evaluate(Transaction.MAINTENANCE_VERSION, List.of()),
                    Transaction.MAINTENANCE_VERSION.qualifiedName());
            return new ChaincodeFormats(
                    Math.toIntExact(version.integer("recordFormat")),
                    Math.toIntExact(version.integer("readsRecordFormatsFrom")),
                    true);
        } catch (ContractRejectedException e) {
            if (e.code() != ErrorCode.UNIMPLEMENTED) {
                throw e;
            }
            return new ChaincodeFormats(FIRST_RECORD_FORMAT, FIRST_RECORD_FORMAT, false);
        }
    }

    /** Back-fills what release 0.1.0 did not write for an artifact of the caller's organisation. */
    public UpgradeReport upgradeArtifact(String id) {
        return upgrade(Transaction.MAINTENANCE_UPGRADE, "artifact", id);
    }

    /** Back-fills what release 0.1.0 did not write for a deployment of the caller's organisation. */
    public UpgradeReport upgradeDeployment(String id) {
        return upgrade(Transaction.MAINTENANCE_UPGRADE_DEPLOYMENT, "deployment", id);
    }

    private UpgradeReport upgrade(Transaction transaction, String kind, String id) {
        Objects.requireNonNull(id, "id");
        SubmitResult result = transport.submit(transaction, List.of(id), Map.of());
        Answer report = Answer.parse(result.payload(), transaction.qualifiedName());
        List<String> adopted = report.objects(
                "grantsAdopted",
                grant -> grant.string("grantee") + "/"
                        + grant.optionalString("role").orElse("") + " " + grant.string("status"));
        return new UpgradeReport(
                report.string(kind),
                report.string("owner"),
                report.strings("backfilled"),
                adopted,
                result.transactionId());
    }
}
