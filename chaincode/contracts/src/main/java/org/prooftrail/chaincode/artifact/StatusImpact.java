package org.prooftrail.chaincode.artifact;

import java.util.List;

/**
 * The seam through which a status change learns what it affects downstream, so that its event tells a watcher
 * what needs action; composed where the contracts are wired, since the registry does not know lineage.
 */
@FunctionalInterface
public interface StatusImpact {
    /** Knows of nothing downstream. */
    StatusImpact NONE = id -> List.of();

    /** The ids of ACTIVE deployments downstream of the artifact, sorted. */
    List<String> activeDeploymentsDownstream(String artifactId);
}
