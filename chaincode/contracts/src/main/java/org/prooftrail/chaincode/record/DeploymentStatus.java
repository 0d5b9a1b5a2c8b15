package org.prooftrail.chaincode.record;

/** A deployment's status, stored by its name in {@link DeploymentState#getStatus()}. */
public enum DeploymentStatus {
    ACTIVE,
    RETIRED
}
