/**
 * The only package that touches the {@code ChaincodeStub} and bytes: the one class that builds every composite
 * key ({@link org.prooftrail.chaincode.ledger.Keys}), the one codec that owns the JSON
 * ({@link org.prooftrail.chaincode.ledger.LedgerCodec}), the reader that turns a JSON argument into typed fields
 * with {@code INVALID_ARGUMENT} errors, and the stores that read and write domain objects, set key-level
 * endorsement policies and emit events. Every stored record carries its record format
 * ({@link org.prooftrail.chaincode.ledger.RecordFormats}: how a record of release 0.1.0 reads today, and the refusal of
 * a newer one), and {@link org.prooftrail.chaincode.ledger.UpgradeStore} back-fills what 0.1.0 did not write.
 */
package org.prooftrail.chaincode.ledger;
