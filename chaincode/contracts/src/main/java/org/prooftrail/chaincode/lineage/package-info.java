/**
 * The model life cycle: training runs that link inputs, code and configuration to the models they produced,
 * deployments of models, and the upstream and downstream queries over the graph of artifacts, runs and deployments
 * (walked by {@link org.prooftrail.chaincode.graph.LineageGraphs}). The graph
 * is acyclic by construction: an artifact's parents exist before it, a run's outputs must have nothing derived
 * from them yet, and a deployment is always a sink. Recording a run walks each input's whole upstream (bounded like
 * the graph queries) through the {@link org.prooftrail.chaincode.lineage.TrainingGate}, and records every consent
 * attestation relied on, so that governance follows the data and not the id it was registered under.
 */
package org.prooftrail.chaincode.lineage;
