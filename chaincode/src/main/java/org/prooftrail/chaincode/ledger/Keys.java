package org.prooftrail.chaincode.ledger;

import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Builds every key the chaincode writes. All keys are composite keys whose object type is one of the constants
 * below (lower case, fixed here, never chosen by input); attributes are ids that the boundary has already
 * validated, so they hold no NUL.
 */
final class Keys {
    /** {@code artifact/<id>}: the immutable registration record. */
    static final String ARTIFACT = "artifact";
    /** {@code artifactstate/<id>}: status, owner-endorsed. */
    static final String ARTIFACT_STATE = "artifactstate";
    /** {@code artifactkind/<kind>/<owner>/<id>}: index for listing by kind, and by kind and owner. */
    static final String ARTIFACT_BY_KIND = "artifactkind";
    /** {@code artifactowner/<owner>/<id>}: index for listing by owner. */
    static final String ARTIFACT_BY_OWNER = "artifactowner";
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

    /** The value of index entries: Fabric treats an empty value as a delete. */
    static final byte[] PRESENT = {0x00};

    private Keys() {}

    static String key(String type, String... attributes) {
        return new CompositeKey(type, attributes).toString();
    }

    static CompositeKey partial(String type, String... attributes) {
        return new CompositeKey(type, attributes);
    }
}
