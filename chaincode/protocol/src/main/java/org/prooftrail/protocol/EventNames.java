package org.prooftrail.protocol;

/** The chaincode events, one per state change; payloads are small JSON objects of ids, never personal data. */
public final class EventNames {
    public static final String ARTIFACT_REGISTERED = "ArtifactRegistered";
    public static final String ARTIFACT_VERIFIED = "ArtifactVerified";
    public static final String ARTIFACT_STATUS_CHANGED = "ArtifactStatusChanged";
    public static final String RUN_RECORDED = "RunRecorded";
    public static final String DEPLOYMENT_RECORDED = "DeploymentRecorded";
    public static final String DEPLOYMENT_RETIRED = "DeploymentRetired";
    public static final String ACCESS_GRANTED = "AccessGranted";
    public static final String ACCESS_REVOKED = "AccessRevoked";
    public static final String ACCESS_LOGGED = "AccessLogged";
    public static final String CONSENT_GRANTED = "ConsentGranted";
    public static final String CONSENT_REVOKED = "ConsentRevoked";
    public static final String CONSENT_ATTESTED = "ConsentAttested";
    public static final String CONSENT_ERASED = "ConsentErased";
    /** An attestation became STALE: a consent it counted was revoked, erased or expired. */
    public static final String CONSENT_ATTESTATION_STALE = "ConsentAttestationStale";

    public static final String FEDERATION_OPENED = "FederationOpened";
    public static final String FEDERATION_ROUND_OPENED = "FederationRoundOpened";
    public static final String FEDERATION_UPDATE_SUBMITTED = "FederationUpdateSubmitted";
    public static final String FEDERATION_AGGREGATED = "FederationAggregated";

    private EventNames() {}
}
