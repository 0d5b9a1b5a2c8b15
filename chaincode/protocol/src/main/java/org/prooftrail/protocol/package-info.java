/**
 * The wire protocol that the chaincode and every client share: contract and transaction names, error codes and
 * their {@code CODE: message} form, the {@code sha256:} digest form, and RFC 9162 Merkle hashing with inclusion
 * proofs. Plain Java with no Fabric imports, so that a client can depend on it without the shim.
 */
package org.prooftrail.protocol;
