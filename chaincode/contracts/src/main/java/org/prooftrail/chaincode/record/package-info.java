/**
 * The records the ledger stores, one final class per stored JSON shape (artifacts and their state, verifications,
 * access grants and the access log, consent records, attestations and erasure receipts, training runs and
 * deployments). They sit below both the stores that read and write them ({@link org.prooftrail.chaincode.ledger})
 * and the services that decide what to write, so neither imports the other's layer. A record's bytes are the
 * contract with every earlier release: {@code PreviousReleaseRecordsTest} reads 0.1.0's back byte-identical.
 */
package org.prooftrail.chaincode.record;
