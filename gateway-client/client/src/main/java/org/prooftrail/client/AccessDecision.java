package org.prooftrail.client;

/** The chaincode's decision on a logged access, recorded either way. */
public enum AccessDecision {
    ALLOWED,
    DENIED
}
