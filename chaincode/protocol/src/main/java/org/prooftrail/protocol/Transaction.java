package org.prooftrail.protocol;

/**
 * Every transaction of the prooftrail chaincode, with the contract it belongs to and whether it is submitted
 * (ordered and committed) or evaluated (a query). On the wire a transaction is named {@code contract:Function},
 * as the contract API routes it: {@code peer chaincode query -c '{"function":"artifact:Get","Args":["x"]}'}.
 */
// The protocol's one list of every function of every contract: a constant per transaction is its point.
@SuppressWarnings("PMD.ExcessivePublicCount")
public enum Transaction {
    ARTIFACT_REGISTER(Contracts.ARTIFACT, "Register", Kind.SUBMIT),
    ARTIFACT_GET(Contracts.ARTIFACT, "Get", Kind.EVALUATE),
    ARTIFACT_VERIFY(Contracts.ARTIFACT, "Verify", Kind.EVALUATE),
    ARTIFACT_RECORD_VERIFICATION(Contracts.ARTIFACT, "RecordVerification", Kind.SUBMIT),
    ARTIFACT_SET_STATUS(Contracts.ARTIFACT, "SetStatus", Kind.SUBMIT),
    ARTIFACT_HISTORY(Contracts.ARTIFACT, "History", Kind.EVALUATE),
    ARTIFACT_LIST(Contracts.ARTIFACT, "List", Kind.EVALUATE),
    ARTIFACT_VERIFY_INCLUSION(Contracts.ARTIFACT, "VerifyInclusion", Kind.EVALUATE),
    ARTIFACT_VERIFICATIONS(Contracts.ARTIFACT, "Verifications", Kind.EVALUATE),

    LINEAGE_RECORD_RUN(Contracts.LINEAGE, "RecordRun", Kind.SUBMIT),
    LINEAGE_GET_RUN(Contracts.LINEAGE, "GetRun", Kind.EVALUATE),
    LINEAGE_RECORD_DEPLOYMENT(Contracts.LINEAGE, "RecordDeployment", Kind.SUBMIT),
    LINEAGE_GET_DEPLOYMENT(Contracts.LINEAGE, "GetDeployment", Kind.EVALUATE),
    LINEAGE_RETIRE_DEPLOYMENT(Contracts.LINEAGE, "RetireDeployment", Kind.SUBMIT),
    LINEAGE_UPSTREAM(Contracts.LINEAGE, "Upstream", Kind.EVALUATE),
    LINEAGE_DOWNSTREAM(Contracts.LINEAGE, "Downstream", Kind.EVALUATE),
    LINEAGE_COMPLIANCE(Contracts.LINEAGE, "Compliance", Kind.EVALUATE),
    LINEAGE_COMPLIANCE_SCAN(Contracts.LINEAGE, "ComplianceScan", Kind.EVALUATE),

    MAINTENANCE_UPGRADE(Contracts.MAINTENANCE, "Upgrade", Kind.SUBMIT),
    MAINTENANCE_UPGRADE_DEPLOYMENT(Contracts.MAINTENANCE, "UpgradeDeployment", Kind.SUBMIT),
    MAINTENANCE_VERSION(Contracts.MAINTENANCE, "Version", Kind.EVALUATE),

    ACCESS_GRANT(Contracts.ACCESS, "Grant", Kind.SUBMIT),
    ACCESS_REVOKE(Contracts.ACCESS, "Revoke", Kind.SUBMIT),
    ACCESS_LOG(Contracts.ACCESS, "Log", Kind.SUBMIT),
    ACCESS_GRANTS(Contracts.ACCESS, "Grants", Kind.EVALUATE),
    ACCESS_LOGS(Contracts.ACCESS, "Logs", Kind.EVALUATE),

    CONSENT_GRANT(Contracts.CONSENT, "Grant", Kind.SUBMIT),
    CONSENT_REVOKE(Contracts.CONSENT, "Revoke", Kind.SUBMIT),
    CONSENT_CHECK(Contracts.CONSENT, "Check", Kind.EVALUATE),
    CONSENT_SUBJECTS(Contracts.CONSENT, "Subjects", Kind.EVALUATE),
    CONSENT_ATTEST(Contracts.CONSENT, "Attest", Kind.SUBMIT),
    CONSENT_REVOKE_ATTESTATION(Contracts.CONSENT, "RevokeAttestation", Kind.SUBMIT),
    CONSENT_GET_ATTESTATION(Contracts.CONSENT, "GetAttestation", Kind.EVALUATE),
    CONSENT_PROVE(Contracts.CONSENT, "Prove", Kind.EVALUATE),
    CONSENT_VERIFY_INCLUSION(Contracts.CONSENT, "VerifyInclusion", Kind.EVALUATE),
    CONSENT_ERASE(Contracts.CONSENT, "Erase", Kind.SUBMIT),
    CONSENT_GET_ERASURE(Contracts.CONSENT, "GetErasure", Kind.EVALUATE),

    FEDERATION_OPEN(Contracts.FEDERATION, "Open", Kind.SUBMIT),
    FEDERATION_OPEN_ROUND(Contracts.FEDERATION, "OpenRound", Kind.SUBMIT),
    FEDERATION_SUBMIT_UPDATE(Contracts.FEDERATION, "SubmitUpdate", Kind.SUBMIT),
    FEDERATION_AGGREGATE(Contracts.FEDERATION, "Aggregate", Kind.SUBMIT),
    FEDERATION_GET(Contracts.FEDERATION, "Get", Kind.EVALUATE),
    FEDERATION_HISTORY(Contracts.FEDERATION, "History", Kind.EVALUATE);

    /** Whether a transaction changes the ledger. */
    public enum Kind {
        SUBMIT,
        EVALUATE
    }

    private final String contract;
    private final String function;
    private final Kind kind;

    Transaction(String contract, String function, Kind kind) {
        this.contract = contract;
        this.function = function;
        this.kind = kind;
    }

    public String contract() {
        return contract;
    }

    public String function() {
        return function;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code contract:Function}, the name a peer routes on. */
    public String qualifiedName() {
        return contract + ":" + function;
    }
}
