/**
 * The Fabric contracts: thin adapters that take the string arguments of the {@code artifact:*}, {@code lineage:*},
 * {@code consent:*} and {@code access:*} transactions, call the domain services with the caller read from the
 * certificate, and return canonical JSON. The services are composed here: the training gate that lineage asks
 * ({@link org.prooftrail.chaincode.contract.GovernedTrainingGate}) combines the access grants and the consent
 * attestations, so that neither of those packages and lineage import each other.
 * Every rejection leaves as a {@code ChaincodeException} whose message is {@code CODE: detail}, the only form in
 * which Fabric's gateway passes a chaincode error to the client. Before any of that, every transaction's proposal
 * timestamp is checked against this peer's clock ({@link org.prooftrail.chaincode.contract.ProposalClock}), since
 * the client chooses it and every expiry depends on it.
 */
package org.prooftrail.chaincode.contract;
