/**
 * The chaincode's entry point: {@link org.prooftrail.chaincode.ChaincodeServer} starts the contracts as a
 * chaincode-as-a-service server (or, without {@code CHAINCODE_SERVER_ADDRESS}, connects to a peer the classic
 * way), through the shim's {@code ContractRouter}.
 */
package org.prooftrail.chaincode;
