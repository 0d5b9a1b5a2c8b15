package org.prooftrail.chaincode.record;

/** What the chaincode decided about a logged access, stored by its name in {@link AccessRecord}. */
public enum AccessDecision {
    ALLOWED,
    DENIED
}
