package org.prooftrail.chaincode.ledger;

import java.time.Instant;
import java.util.Locale;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.prooftrail.protocol.LedgerTime;

/**
 * Builds every key the chaincode writes. All keys are composite keys whose object type is one of the constants
 * below (lower case, fixed here, never chosen by input); attributes are ids that the boundary has already
 * validated, so they hold no NUL.
 */
final class Keys {
    /** {@code artifact/<id>}: the immutable registration record. */
    static final String ARTIFACT = "artifact";
    /**
     * {@code artifactguard/<id>}: created at registration under the owner-only policy and written by every transaction
     * that relies on the artifact (a derivation, a run, a deployment, a logged access), so that the owner's own peer
     * must endorse it and runs the rule. Its value names the last such transaction; its history names them all.
     */
    static final String ARTIFACT_GUARD = "artifactguard";
    /**
     * {@code member/<MSP ID>}: an organisation that has registered an artifact; the "another organisation" of the
     * owner-and-another policies is any of these but the owner.
     */
    static final String MEMBER = "member";
    /** {@code artifactstate/<id>}: status, owner-endorsed. */
    static final String ARTIFACT_STATE = "artifactstate";
    /** {@code artifactkind/<kind>/<owner>/<id>}: index for listing by kind, and by kind and owner. */
    static final String ARTIFACT_BY_KIND = "artifactkind";
    /** {@code artifactowner/<owner>/<id>}: index for listing by owner. */
    static final String ARTIFACT_BY_OWNER = "artifactowner";
    /** {@code artifactdigest/<digest>/<id>}: index finding the artifacts registered with a digest. */
    static final String ARTIFACT_BY_DIGEST = "artifactdigest";
    /** {@code verification/<id>/<txId>}: a party's check of its local copy. */
    static final String VERIFICATION = "verification";
    /** {@code run/<id>}: a training run. */
    static final String RUN = "run";
    /** {@code deployment/<id>}: the immutable deployment record. */
    static final String DEPLOYMENT = "deployment";
    /** {@code deploymentstate/<id>}: active or retired, deployer-endorsed. */
    static final String DEPLOYMENT_STATE = "deploymentstate";
    /** {@code child/<parent>/<child>}: an artifact registered as derived from another. */
    static final String CHILD = "child";
    /** {@code consumer/<artifact>/<run>}: a run that used the artifact as input, code or config. */
    static final String CONSUMER = "consumer";
    /** {@code producer/<artifact>/<run>}: the run that produced the artifact. */
    static final String PRODUCER = "producer";
    /** {@code deployed/<model>/<deployment>}: a deployment of the model. */
    static final String DEPLOYED = "deployed";

    /** {@code activedeployment/<owner>/<deployment>}: a deployment not yet retired, owner-endorsed. */
    static final String ACTIVE_DEPLOYMENT = "activedeployment";
    /**
     * {@code verified/<artifact>/<org>/<time>/<txId>}: a verification by {@code org} whose digest matched the
     * registry, in time order, so "did org verify it at or before T" is one prefix read of one entry.
     */
    static final String VERIFIED = "verified";

    /**
     * {@code accessgrants/<artifact>}: every grant on the artifact, sorted by grantee and role, in one key created at
     * registration under the owner-only policy: a grant outside it does not exist, so no majority can create one.
     */
    static final String ACCESS_GRANTS = "accessgrants";
    /** {@code accesslog/<artifact>/<time>/<txId>}: a logged access, by artifact. */
    static final String ACCESS_LOG = "accesslog";
    /** {@code accesslogorg/<accessor>/<time>/<txId>}: the same record, by accessing organisation. */
    static final String ACCESS_LOG_BY_ORG = "accesslogorg";
    /**
     * {@code grantexpiry/<time>/<owner>/<artifact>/<grantee>/<role>}: an ACTIVE grant by its expiry, so a scan of
     * grants expiring before T reads only those; removed when the grant is revoked or replaced.
     */
    static final String GRANT_EXPIRY = "grantexpiry";
    /** {@code consent/<dataset>/<subject>}: a consent record, only in the owner's private collection. */
    static final String CONSENT = "consent";
    /** {@code consentattestation/<dataset>/<purpose>}: the public count and root of consents, owner-endorsed. */
    static final String CONSENT_ATTESTATION = "consentattestation";
    /** {@code consentuse/<dataset>/<purpose>/<run>}: a run that relied on a consent attestation (valued its version). */
    static final String CONSENT_USE = "consentuse";
    /** {@code erasurelog/<dataset>}: the latest erasure receipt of a dataset (its history holds them all). */
    static final String ERASURE_LOG = "erasurelog";

    /** {@code consentdataset/<owner>/<dataset>}: a dataset registered as requiring consent, by owner. */
    static final String CONSENT_DATASET = "consentdataset";

    /** {@code federation/<id>}: a federation, immutable evidence of the coordinator and another member. */
    static final String FEDERATION = "federation";
    /**
     * {@code fedround/<federation>/<round, 10 digits>}: a round's state, created when the coordinator opens it and
     * closed by its aggregation, under the coordinator-only policy: no majority without the coordinator aggregates.
     */
    static final String FEDERATION_ROUND = "fedround";
    /** {@code fedupdate/<id>}: a member's update, immutable evidence of the member and another. */
    static final String FEDERATION_UPDATE = "fedupdate";
    /** {@code fedsubmission/<federation>/<round>/<member>}: the one update a member submitted in a round. */
    static final String FEDERATION_SUBMISSION = "fedsubmission";
    /**
     * {@code fedconsumer/<artifact>/<node>}: a federated update trained on the dataset (valued {@code update}) or an
     * aggregation that started from the model (valued {@code aggregation}, node {@code <federation>:<round>}).
     */
    static final String FEDERATION_CONSUMER = "fedconsumer";
    /** {@code fedproducer/<model>/<federation>:<round>}: the aggregation that produced a global model. */
    static final String FEDERATION_PRODUCER = "fedproducer";

    /** The value of index entries: Fabric treats an empty value as a delete. */
    static final byte[] PRESENT = {0x00};

    private static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

    private Keys() {}

    /**
     * The composite key the shim's {@link CompositeKey} makes of these segments, built without it: the shim compiles a
     * regular expression for every segment it checks, which was a tenth of a registration's time. A segment holding
     * U+0000 or U+10FFFF goes to the shim, which refuses it with its own {@code CompositeKeyFormatException}.
     */
    static String key(String type, String... attributes) {
        final StringBuilder key = new StringBuilder(64).append(CompositeKey.NAMESPACE);
        boolean valid = appendSegment(key, type);
        for (int i = 0; valid && i < attributes.length; i++) {
            valid = appendSegment(key, attributes[i]);
        }
        return valid ? key.toString() : new CompositeKey(type, attributes).toString();
    }

    /** Appends a segment and the delimiter U+0000, unless the segment may not be part of a composite key. */
    private static boolean appendSegment(StringBuilder key, String segment) {
        if (segment == null || segment.indexOf(0) >= 0 || segment.contains(MAX_CODE_POINT)) {
            return false;
        }
        key.append(segment).append(CompositeKey.NAMESPACE);
        return true;
    }

    /**
     * A time as nanoseconds since 1970 in 19 ASCII digits, so that keys sort in time order. Only times from
     * {@link TxContext#EARLIEST} up to {@link TxContext#LATEST} have such a form (earlier ones would be negative,
     * later ones overflow a {@code long}); any other is refused with {@code INVALID_ARGUMENT}. The digits are the
     * {@link Locale#ROOT} ones: the default locale could write Arabic-Indic or Thai digits, and peers would disagree.
     */
    static String sortableTime(Instant at) {
        LedgerTime.requireStorable("time", at);
        return String.format(Locale.ROOT, "%019d", at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    static CompositeKey partial(String type, String... attributes) {
        return new CompositeKey(type, attributes);
    }
}
