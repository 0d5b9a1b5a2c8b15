package org.prooftrail.chaincode.compliance;

import java.util.List;
import org.prooftrail.chaincode.artifact.StatusImpact;
import org.prooftrail.chaincode.graph.GraphNode;
import org.prooftrail.chaincode.graph.LineageGraphs;
import org.prooftrail.chaincode.ledger.Ledger;
import org.prooftrail.chaincode.record.DeploymentStatus;

/**
 * The active deployments a status change reaches: one downstream walk ({@link LineageGraphs#MAX_DEPTH} levels, at
 * most {@link LineageGraphs#MAX_NODES} nodes), its ACTIVE deployment nodes.
 */
public final class DownstreamDeployments implements StatusImpact {
    private final LineageGraphs graphs;

    public DownstreamDeployments(Ledger ledger) {
        this.graphs = new LineageGraphs(ledger);
    }

    @Override
    public List<String> activeDeploymentsDownstream(String artifactId) {
        return graphs
                .walk(new LineageGraphs.NodeRef(LineageGraphs.ARTIFACT, artifactId), LineageGraphs.MAX_DEPTH, true)
                .getNodes()
                .stream()
                .filter(n -> LineageGraphs.DEPLOYMENT.equals(n.getType())
                        && DeploymentStatus.ACTIVE.name().equals(n.getStatus()))
                .map(GraphNode::getId)
                .sorted()
                .toList();
    }
}
