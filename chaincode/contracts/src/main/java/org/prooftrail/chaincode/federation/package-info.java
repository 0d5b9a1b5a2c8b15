/**
 * Federated learning on the ledger: a coordinator opens a federation over a registered global model and opens its
 * rounds; members submit the digests of their model updates with the local datasets they trained on (under the same
 * training gate as a training run) and their sample counts; the coordinator records the aggregation that produced
 * the next global model. The records put federated models in the lineage graph, so lineage, compliance and erasure
 * impact reach them as they reach trained ones.
 */
package org.prooftrail.chaincode.federation;
