/**
 * The Fabric network as a {@link org.prooftrail.client.LedgerTransport}: {@link
 * org.prooftrail.client.gateway.FabricGatewayTransport} drives fabric-gateway's endorse, submit and commit-status
 * stages over one shared TLS gRPC channel, with a deadline per stage, retries read conflicts as new transactions,
 * resolves a commit-status timeout by asking again about the same transaction, and delivers chaincode events from a
 * checkpoint. Fabric's checked exceptions never leave this package: they are translated into the client's own
 * typed exceptions, with the chaincode's error code parsed from its message. It is the only package that imports
 * fabric-gateway, and {@code FabricGatewayTransport} the only class that touches its {@code Contract}.
 */
package org.prooftrail.client.gateway;
