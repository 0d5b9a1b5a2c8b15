/**
 * Who is calling: the transaction creator's organisation (MSP ID), identity and prooftrail roles, read from the
 * certificate. Roles come from the {@code prooftrail.role} attribute that a Fabric CA writes into the
 * certificate (a comma-separated list is allowed); a certificate without that attribute whose NodeOU is
 * {@code admin} is an {@link org.prooftrail.protocol.Role#ADMIN}, and any other has no role.
 */
package org.prooftrail.chaincode.identity;
