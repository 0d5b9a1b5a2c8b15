package org.prooftrail.client;

/** A deployment is {@code ACTIVE} from when it is recorded until it is {@code RETIRED}. */
public enum DeploymentStatus {
    ACTIVE,
    RETIRED
}
