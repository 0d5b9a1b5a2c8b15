/**
 * How the client finds a Fabric network: the validated, immutable {@link org.prooftrail.client.config.GatewayConfig}
 * (gateway endpoint, TLS trust, server name override, MSP ID, certificate and private key files, channel,
 * chaincode and per-stage deadlines) and the three places it is read from: a prooftrail config file, environment
 * variables, or a Fabric common connection profile plus the user's certificate and key. Every problem with a
 * source is reported as a one-line {@link org.prooftrail.client.ConfigException} that names the file or
 * variable at fault. Nothing here opens a connection.
 */
package org.prooftrail.client.config;
