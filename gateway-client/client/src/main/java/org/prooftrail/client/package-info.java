/**
 * The prooftrail client library: the facade that applications use ({@link org.prooftrail.client.ProofTrail}), the
 * immutable result types it returns (read from the chaincode's JSON answers in one place, {@code Answers}, with
 * enums for statuses and {@link java.time.Instant}s for times), the exceptions it throws, and the
 * {@link org.prooftrail.client.LedgerTransport} seam behind which either a Fabric gateway or the embedded ledger
 * carries transactions. Nothing here imports the command line or the chaincode: only the protocol.
 */
package org.prooftrail.client;
