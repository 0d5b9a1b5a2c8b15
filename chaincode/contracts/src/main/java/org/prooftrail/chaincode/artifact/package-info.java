/**
 * The fingerprint registry: registering an artifact's digest and Merkle root, verifying a local copy against
 * it, recording that a party checked its copy, the owner's status changes, history, paginated listing and
 * Merkle inclusion proofs. Governance follows the data from registration on: deriving from another organisation's
 * artifact passes the {@link org.prooftrail.chaincode.artifact.DerivationGate} (composed where the contracts are
 * wired), a derived artifact records the consent-requiring datasets above it, and a governed digest is not
 * registered again as if it were new. Plain Java rules over the stores of {@link org.prooftrail.chaincode.ledger};
 * nothing here sees the stub.
 */
package org.prooftrail.chaincode.artifact;
