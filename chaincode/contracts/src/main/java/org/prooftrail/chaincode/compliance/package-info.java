/**
 * Compliance: what a node's whole upstream says about it ({@code CLEAR}, {@code AT_RISK}, {@code TAINTED}, with
 * every reason and the transaction that caused it), the deployment gate that acts on it (and on the owner's
 * INFERENCE grant for another organisation's model), the scan of what needs action (expiring grants, stale
 * attestations, deployments at risk) over dedicated indexes, and the impact of a status change on active
 * deployments. It reads the other domains' stores and the lineage read model; none of them imports it: it is
 * composed where the contracts are wired.
 */
package org.prooftrail.chaincode.compliance;
