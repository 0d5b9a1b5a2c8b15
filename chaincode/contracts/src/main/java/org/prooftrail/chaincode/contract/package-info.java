/**
 * The Fabric contracts: thin adapters that take the string arguments of {@code artifact:*} and {@code lineage:*}
 * transactions, call the domain services with the caller read from the certificate, and return canonical JSON.
 * Every rejection leaves as a {@code ChaincodeException} whose message is {@code CODE: detail}, the only form in
 * which Fabric's gateway passes a chaincode error to the client. Before any of that, every transaction's proposal
 * timestamp is checked against this peer's clock ({@link org.prooftrail.chaincode.contract.ProposalClock}), since
 * the client chooses it and every expiry depends on it.
 */
package org.prooftrail.chaincode.contract;
