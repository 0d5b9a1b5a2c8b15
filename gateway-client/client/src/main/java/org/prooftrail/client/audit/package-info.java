/**
 * Evidence that leaves the ledger: a {@link org.prooftrail.client.audit.ProofBundle} holds, for a record and
 * everything upstream of it, the committed Fabric transactions that wrote those records as the peers store them
 * (blocks with every envelope and endorsement, validation flags, the header chain to a tip signed by the orderers,
 * the channel configuration), collected through the system chaincode {@code qscc} by {@link
 * org.prooftrail.client.audit.BundleCollector}; {@link org.prooftrail.client.audit.BundleVerifier} re-checks every
 * signature, policy, write set and hash with no network and reports one {@link
 * org.prooftrail.client.audit.RecordVerification} per record. Parsing is by the fabric-protos classes only; the
 * format is documented in docs/audit-bundles.md.
 */
package org.prooftrail.client.audit;
