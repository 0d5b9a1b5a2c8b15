package org.prooftrail.chaincode.record;

/** Whether a federation round still accepts updates. */
public enum RoundStatus {
    OPEN,
    AGGREGATED
}
