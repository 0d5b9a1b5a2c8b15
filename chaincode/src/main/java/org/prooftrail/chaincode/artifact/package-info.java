/**
 * The fingerprint registry: registering an artifact's digest and Merkle root, verifying a local copy against
 * it, recording that a party checked its copy, the owner's status changes, history, paginated listing and
 * Merkle inclusion proofs. Plain Java rules over the stores of {@link org.prooftrail.chaincode.ledger}; nothing
 * here sees the stub.
 */
package org.prooftrail.chaincode.artifact;
