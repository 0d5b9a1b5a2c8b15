package org.prooftrail.chaincode.ledger;

/**
 * Values exactly as release 0.1.0 (commit 41fcc83, record format 1) stored them, copied byte for byte from the write
 * sets of a home that 41fcc83's own command line wrote: {@code prooftrail demo}, then, as {@code LocalOrgMSP}, a code
 * artifact registered, verified with {@code --record}, granted to two organisations, one grant revoked, the artifact
 * deprecated. The home itself is {@code gateway-client/embedded/src/test/resources/previous-release/0.1.0-home}; the keys are
 * named as {@code type/attribute/...}. Shared by the codec's fixture test and the contract-level upgrade test.
 */
public final class Release010Records {
    /** {@code artifact/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    public static final String ARTIFACT_DATASET =
            "{\"digest\":\"sha256:75763b3a079b152a5d6798cf2fb40dbec73ecff7f5b0a5a0201f8e3276df10b4\",\"id\":"
                    + "\"chest-xray-v3\",\"kind\":\"DATASET\",\"merkle\":{\"leaves\":8,\"root\":\"sha256:4dc32ff5cb1334d"
                    + "802e30f4c4cb61c1e6a74f3a5ca237d5b157c97bdbeeced78\"},\"metadata\":{\"modality\":\"x-ray\"},\"own"
                    + "er\":\"HospitalAMSP\",\"parents\":[],\"registeredAt\":\"2026-11-30T08:44:12.095975252Z\",\"regis"
                    + "teredBy\":\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::CN=ca.hospitala.p"
                    + "rooftrail.local, O=hospitala.prooftrail.local\",\"requiresConsent\":true,\"txId\":\"78cfe5c2515a"
                    + "dcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\",\"uri\":\"file:/tmp/r14-v010.MmMt/demo/ch"
                    + "est-xray-v3\"}";

    /** {@code artifact/train-code-v1} as 0.1.0 wrote it (record 14 of the fixture home). */
    public static final String ARTIFACT_CODE =
            "{\"digest\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"id\":"
                    + "\"train-code-v1\",\"kind\":\"CODE\",\"metadata\":{\"lang\":\"python\"},\"owner\":\"LocalOrgMSP\","
                    + "\"parents\":[],\"registeredAt\":\"2026-11-30T08:44:24.737926582Z\",\"registeredBy\":\"x509::CN=l"
                    + "ocal-user, OU=client, O=localorg.prooftrail.local::CN=ca.localorg.prooftrail.local, O=localorg.p"
                    + "rooftrail.local\",\"size\":15,\"txId\":\"8e6a9c213aa3eed826948e07b762fe50f937b4fb1368720a71f093d"
                    + "8c00bb016\"}";

    /** {@code artifactstate/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    public static final String ARTIFACT_STATE_ACTIVE =
            "{\"changedAt\":\"2026-11-30T08:44:12.095975252Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"changedByOrg\":\"HospitalAMSP\",\"id\":\"chest-xray-v3\",\"reason\":\"\",\"status\":\"AC"
                    + "TIVE\",\"txId\":\"78cfe5c2515adcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\"}";

    /** {@code artifactstate/chest-xray-v3} as 0.1.0 wrote it (record 13 of the fixture home). */
    public static final String ARTIFACT_STATE_REVOKED =
            "{\"changedAt\":\"2026-11-30T08:44:18.607646050Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"changedByOrg\":\"HospitalAMSP\",\"id\":\"chest-xray-v3\",\"reason\":\"file altered after"
                    + " registration\",\"status\":\"REVOKED\",\"txId\":\"31394f4f9a2f2de7e4e1755f2a537f5a8d4e56875fbd64"
                    + "7d7763e19ad38e3aad\"}";

    /** {@code verification/train-code-v1/bfcaa45237362d1807a94d306ed174c91e18f925f13c24cece119fc7bbd9a64e} as 0.1.0 wrote it (record 15 of the fixture home). */
    public static final String VERIFICATION =
            "{\"digestSeen\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"ex"
                    + "pected\":\"sha256:2c5466541599433d0a4d173ed1846ccfb6d1b779fb2c6b6bb5c5b942ddfb56d4\",\"id\":\"tr"
                    + "ain-code-v1\",\"match\":true,\"purpose\":\"TRAINING\",\"status\":\"ACTIVE\",\"txId\":\"bfcaa4523"
                    + "7362d1807a94d306ed174c91e18f925f13c24cece119fc7bbd9a64e\",\"verifiedAt\":\"2026-11-30T08:44:38.4"
                    + "84330805Z\",\"verifiedBy\":\"x509::CN=local-user, OU=client, O=localorg.prooftrail.local::CN=ca."
                    + "localorg.prooftrail.local, O=localorg.prooftrail.local\",\"verifierOrg\":\"LocalOrgMSP\"}";

    /** {@code consentattestation/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 1 of the fixture home). */
    public static final String ATTESTATION_NONE =
            "{\"attestedAt\":\"2026-11-30T08:44:12.095975252Z\",\"attestedBy\":\"HospitalAMSP\",\"count\":0,"
                    + "\"dataset\":\"chest-xray-v3\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"root\":\"sha2"
                    + "56:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\"status\":\"NONE\",\"txId"
                    + "\":\"78cfe5c2515adcd974068b530074ad9b08dbf4fb2eaf5ecf75dbd0ea50950d65\",\"version\":0}";

    /** {@code consentattestation/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 8 of the fixture home). */
    public static final String ATTESTATION_ACTIVE =
            "{\"attestedAt\":\"2026-11-30T08:44:18.407399142Z\",\"attestedBy\":\"x509::CN=curator-steward, OU"
                    + "=client, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail."
                    + "local\",\"count\":3,\"dataset\":\"chest-xray-v3\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAIN"
                    + "ING\",\"root\":\"sha256:5c1514a3684d7affa6f619e533f686e22a01ea167fd5567b48f793dd5efa8fea\",\"sta"
                    + "tus\":\"ACTIVE\",\"txId\":\"74b4229ae1683573e4b59332e09bb650cf458899d6ca2bfe0b001fc92c8ad21d\","
                    + "\"validUntil\":\"2028-11-29T08:44:18.360233365Z\",\"version\":1}";

    /** {@code attestedsubjects/chest-xray-v3/TRAINING} as 0.1.0 wrote it (record 8 of the fixture home). */
    public static final String ATTESTED_SUBJECTS =
            "[\"0ea2da7e60ba23d9df9f7a93ed80b13bbc4eb94017f2acc2094489e30e13db6a\",\"1bfb0744fa15fa6057122c08"
                    + "fcff5b92c8a89298c2bc437b59915b9d41f4f8f3\",\"d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9"
                    + "647bc5da1294c\"]";

    /** {@code consent/chest-xray-v3/d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9647bc5da1294c} as 0.1.0 wrote it (record 5 of the fixture home). */
    public static final String CONSENT =
            "{\"changedAt\":\"2026-11-30T08:44:18.362790168Z\",\"changedBy\":\"x509::CN=curator-steward, OU=c"
                    + "lient, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.lo"
                    + "cal\",\"dataset\":\"chest-xray-v3\",\"expiresAt\":\"2028-11-29T08:44:18.360233365Z\",\"formDiges"
                    + "t\":\"sha256:3773deba04c46dceea8d485779336a584ba8720bfd7c265f92997ccfa1fe827a\",\"grantedAt\":\""
                    + "2026-11-30T08:44:18.362790168Z\",\"purposes\":[\"EVALUATION\",\"TRAINING\"],\"status\":\"GRANTED"
                    + "\",\"subject\":\"d44b73478190df0d5dfc39659b64096b4632b2d33d9a0e50bf9647bc5da1294c\",\"txId\":\"5"
                    + "ac3e91213ddee44fb829bbadd8dafa6e231b335872e6316d7f5e18bdb2a7486\"}";

    /** {@code erasurelog/chest-xray-v3} as 0.1.0 wrote it (record 1 of the fixture home). */
    public static final String ERASURE_LOG_EMPTY = "{\"count\":0,\"dataset\":\"chest-xray-v3\"}";

    /** {@code erasurelog/chest-xray-v3} as 0.1.0 wrote it (record 12 of the fixture home). */
    public static final String ERASURE_LOG =
            "{\"count\":1,\"dataset\":\"chest-xray-v3\",\"last\":{\"attestations\":[\"TRAINING:1\"],\"collect"
                    + "ion\":\"consent_HospitalAMSP\",\"dataset\":\"chest-xray-v3\",\"erasedAt\":\"2026-11-30T08:44:18."
                    + "519978186Z\",\"erasedBy\":\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::C"
                    + "N=ca.hospitala.prooftrail.local, O=hospitala.prooftrail.local\",\"erasedByOrg\":\"HospitalAMSP\""
                    + ",\"id\":\"erasure:chest-xray-v3:c07a8e889270051cd25a34c56e5fd455f0157ead25be154ee1c9b7243572d31b"
                    + "\",\"keyHash\":\"82cd272947d62c6b47d178ffc3885440f66c9cfdfedcd2151c71c9175207a660\",\"reason\":"
                    + "\"erasure request under GDPR art. 17\",\"txId\":\"c07a8e889270051cd25a34c56e5fd455f0157ead25be154"
                    + "ee1c9b7243572d31b\",\"valueHash\":\"54ae384e9a0d146fe98861a4eaa5040794cd75c5f7be51609b280c4bbe91"
                    + "0f76\"}}";

    /** {@code accessgrant/chest-xray-v3/ResearchMSP/*} as 0.1.0 wrote it (record 4 of the fixture home). */
    public static final String GRANT_ACTIVE =
            "{\"artifact\":\"chest-xray-v3\",\"changedAt\":\"2026-11-30T08:44:18.324585903Z\",\"changedBy\":"
                    + "\"x509::CN=curator-steward, OU=client, O=hospitala.prooftrail.local::CN=ca.hospitala.prooftrail.l"
                    + "ocal, O=hospitala.prooftrail.local\",\"expiresAt\":\"2027-11-30T08:44:18.323854670Z\",\"grantee"
                    + "\":\"ResearchMSP\",\"owner\":\"HospitalAMSP\",\"purposes\":[\"TRAINING\"],\"role\":\"*\",\"status"
                    + "\":\"ACTIVE\",\"txId\":\"b1e1f1c26fd149c6642bc3188f112b6d42b200c4468bdbe9988cdc1991212ac6\"}";

    /** {@code accessgrant/train-code-v1/HospitalBMSP/auditor} as 0.1.0 wrote it (record 18 of the fixture home). */
    public static final String GRANT_REVOKED =
            "{\"artifact\":\"train-code-v1\",\"changedAt\":\"2026-11-30T08:44:52.153154441Z\",\"changedBy\":"
                    + "\"x509::CN=local-user, OU=client, O=localorg.prooftrail.local::CN=ca.localorg.prooftrail.local, O"
                    + "=localorg.prooftrail.local\",\"expiresAt\":\"2027-06-30T00:00:00Z\",\"grantee\":\"HospitalBMSP\""
                    + ",\"owner\":\"LocalOrgMSP\",\"purposes\":[\"READ\"],\"reason\":\"audit finished\",\"role\":\"audi"
                    + "tor\",\"status\":\"REVOKED\",\"txId\":\"6b0505cf5a1b2219b44000dee0b421764ca84d5e71c88189082e4950"
                    + "25338eea\"}";

    /** {@code accesslog/chest-xray-v3/1796028258316082843/836c6c63fd42ac008b08afbd91b6e3f291cb97084ec0fbca615b3ac973c52a35} as 0.1.0 wrote it (record 3 of the fixture home). */
    public static final String ACCESS_DENIED =
            "{\"accessor\":\"ResearchMSP\",\"accessorId\":\"x509::CN=trainer-deployer, OU=client, O=research."
                    + "prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"artifact\":\""
                    + "chest-xray-v3\",\"at\":\"2026-11-30T08:44:18.316082843Z\",\"decision\":\"DENIED\",\"note\":\"tra"
                    + "ining run-2026-03-01\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"reason\":\"Research"
                    + "MSP holds no active TRAINING grant on HospitalAMSP's dataset chest-xray-v3 for its roles\",\"txI"
                    + "d\":\"836c6c63fd42ac008b08afbd91b6e3f291cb97084ec0fbca615b3ac973c52a35\"}";

    /** {@code accesslog/chest-xray-v3/1796028258421129112/71fd83664b9bb832449e97650a77414d17292d64344e8c1fe431b011287e7cd6} as 0.1.0 wrote it (record 9 of the fixture home). */
    public static final String ACCESS_ALLOWED =
            "{\"accessor\":\"ResearchMSP\",\"accessorId\":\"x509::CN=trainer-deployer, OU=client, O=research."
                    + "prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"artifact\":\""
                    + "chest-xray-v3\",\"at\":\"2026-11-30T08:44:18.421129112Z\",\"decision\":\"ALLOWED\",\"note\":\"tr"
                    + "aining run-2026-03-01\",\"owner\":\"HospitalAMSP\",\"purpose\":\"TRAINING\",\"reason\":\"granted"
                    + " by HospitalAMSP in transaction b1e1f1c26fd149c6642bc3188f112b6d42b200c4468bdbe9988cdc1991212ac6"
                    + "\",\"txId\":\"71fd83664b9bb832449e97650a77414d17292d64344e8c1fe431b011287e7cd6\"}";

    /** {@code run/run-2026-03-01} as 0.1.0 wrote it (record 10 of the fixture home). */
    public static final String RUN =
            "{\"environment\":{},\"id\":\"run-2026-03-01\",\"inputs\":[{\"consentVersion\":1,\"digest\":\"sha"
                    + "256:75763b3a079b152a5d6798cf2fb40dbec73ecff7f5b0a5a0201f8e3276df10b4\",\"id\":\"chest-xray-v3\"}"
                    + "],\"outputs\":[\"triage-model-v1\"],\"parameters\":{\"epochs\":\"20\",\"lr\":\"0.001\"},\"record"
                    + "edAt\":\"2026-11-30T08:44:18.429660791Z\",\"recordedBy\":\"x509::CN=trainer-deployer, OU=client,"
                    + " O=research.prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.local\",\"t"
                    + "rainer\":\"ResearchMSP\",\"txId\":\"4c44aee628ff5c637503a135ce47a44ab348eb1066bb4db2157ecaf35357"
                    + "78b7\"}";

    /** {@code deployment/triage-prod} as 0.1.0 wrote it (record 11 of the fixture home). */
    public static final String DEPLOYMENT =
            "{\"endpoint\":\"https://triage.example/v1\",\"environment\":\"production\",\"id\":\"triage-prod"
                    + "\",\"model\":\"triage-model-v1\",\"modelDigest\":\"sha256:f7c6858a31e717d0ee6ac69a7990720d79b2149"
                    + "ba942340a0abe157ea052e93d\",\"owner\":\"ResearchMSP\",\"recordedAt\":\"2026-11-30T08:44:18.46015"
                    + "7940Z\",\"recordedBy\":\"x509::CN=trainer-deployer, OU=client, O=research.prooftrail.local::CN=c"
                    + "a.research.prooftrail.local, O=research.prooftrail.local\",\"txId\":\"2b193fdfcd274e718da001d06c"
                    + "fa71d4e57dd7ad6f69d864ba332eab15e1046d\"}";

    /** {@code deploymentstate/triage-prod} as 0.1.0 wrote it (record 11 of the fixture home). */
    public static final String DEPLOYMENT_STATE =
            "{\"changedAt\":\"2026-11-30T08:44:18.460157940Z\",\"changedBy\":\"x509::CN=trainer-deployer, OU="
                    + "client, O=research.prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.loca"
                    + "l\",\"id\":\"triage-prod\",\"reason\":\"\",\"status\":\"ACTIVE\",\"txId\":\"2b193fdfcd274e718da0"
                    + "01d06cfa71d4e57dd7ad6f69d864ba332eab15e1046d\"}";

    /** {@code artifact/triage-model-v1} as 0.1.0 wrote it (record 2 of the fixture home). */
    public static final String ARTIFACT_MODEL =
            "{\"digest\":\"sha256:f7c6858a31e717d0ee6ac69a7990720d79b2149ba942340a0abe157ea052e93d\",\"id\":"
                    + "\"triage-model-v1\",\"kind\":\"MODEL\",\"metadata\":{\"framework\":\"pytorch\"},\"owner\":\"Resea"
                    + "rchMSP\",\"parents\":[],\"registeredAt\":\"2026-11-30T08:44:18.273122114Z\",\"registeredBy\":\"x"
                    + "509::CN=trainer-deployer, OU=client, O=research.prooftrail.local::CN=ca.research.prooftrail.loca"
                    + "l, O=research.prooftrail.local\",\"txId\":\"6a0282de79d8c4185029bafcf0066dd78af1ed3cea82fd1846a1"
                    + "8746635733ce\"}";

    /** {@code artifactstate/triage-model-v1} as 0.1.0 wrote it (record 2 of the fixture home). */
    public static final String ARTIFACT_STATE_MODEL =
            "{\"changedAt\":\"2026-11-30T08:44:18.273122114Z\",\"changedBy\":\"x509::CN=trainer-deployer, OU="
                    + "client, O=research.prooftrail.local::CN=ca.research.prooftrail.local, O=research.prooftrail.loca"
                    + "l\",\"changedByOrg\":\"ResearchMSP\",\"id\":\"triage-model-v1\",\"reason\":\"\",\"status\":\"ACT"
                    + "IVE\",\"txId\":\"6a0282de79d8c4185029bafcf0066dd78af1ed3cea82fd1846a18746635733ce\"}";

    private Release010Records() {}
}
