/**
 * The only package that touches the {@code ChaincodeStub} and bytes: the one class that builds every composite
 * key ({@link org.prooftrail.chaincode.ledger.Keys}), the one codec that owns the JSON
 * ({@link org.prooftrail.chaincode.ledger.LedgerCodec}), the reader that turns a JSON argument into typed fields
 * with {@code INVALID_ARGUMENT} errors, and the stores that read and write domain objects, set key-level
 * endorsement policies and emit events.
 */
package org.prooftrail.chaincode.ledger;
