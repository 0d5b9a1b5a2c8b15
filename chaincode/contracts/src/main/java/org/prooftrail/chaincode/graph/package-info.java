/**
 * The lineage graph as a read model: artifacts, training runs, deployments, consent attestations and erasure
 * receipts as nodes, derivations and uses as edges, walked upstream or downstream from the point and prefix indexes
 * of the stores, bounded in depth and size. Lineage queries, the deployment gate and compliance all read it; it
 * writes nothing and decides nothing.
 */
package org.prooftrail.chaincode.graph;
