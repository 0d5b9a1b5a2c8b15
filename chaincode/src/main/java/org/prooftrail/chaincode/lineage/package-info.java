/**
 * The model life cycle: training runs that link inputs, code and configuration to the models they produced,
 * deployments of models, and the upstream and downstream graphs over artifacts, runs and deployments. The graph
 * is acyclic by construction: an artifact's parents exist before it, a run's outputs must have nothing derived
 * from them yet, and a deployment is always a sink.
 */
package org.prooftrail.chaincode.lineage;
