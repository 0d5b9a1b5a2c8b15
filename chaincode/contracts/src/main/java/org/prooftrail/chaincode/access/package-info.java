/**
 * Access accountability: an owner organisation grants another organisation (optionally one role within it) access
 * to an artifact for purposes until an expiry, and may revoke it; every access is logged by the accessor through
 * the ledger, decided here against the grants, and recorded with its decision, allowed or denied. Grants carry a
 * key-level endorsement policy naming the owner, so no majority can grant on the owner's behalf. The grants also
 * decide derivation: {@link org.prooftrail.chaincode.access.GrantedDerivationGate} requires a {@code DERIVE} grant
 * to register an artifact derived from another organisation's.
 */
package org.prooftrail.chaincode.access;
