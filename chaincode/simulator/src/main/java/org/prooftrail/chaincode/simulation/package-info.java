/**
 * An in-process simulation of a Fabric peer's transaction simulator: a {@link
 * org.prooftrail.chaincode.simulation.TransactionSimulator} implements {@code ChaincodeStub} over the committed
 * {@link org.prooftrail.chaincode.simulation.WorldState} and records what a transaction would write as an immutable
 * {@link org.prooftrail.chaincode.simulation.WriteSet}, which a world state such as {@link
 * org.prooftrail.chaincode.simulation.MemoryWorldState} commits. It follows Fabric v2.5 rather than a map: reads see
 * committed state only, range queries hide composite keys, pagination is read-only, history is newest first, absent
 * keys read as empty arrays, and private data is readable only on a peer that holds the collection. An in-process
 * {@link org.prooftrail.chaincode.simulation.CertificateAuthority} issues creators in the form a Fabric CA does, so
 * that the shim's own {@code ClientIdentity} reads them. Every chaincode test and the client's embedded ledger run on
 * this package.
 */
package org.prooftrail.chaincode.simulation;
