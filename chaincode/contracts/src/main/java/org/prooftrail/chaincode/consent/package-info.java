/**
 * Consent, kept private: a hospital's steward records that a pseudonymous subject consented to purposes on a
 * dataset until an expiry. Consent records live only in the owning organisation's private data collection
 * ({@code consent_<MSP ID>}) and arrive only in the transient map; the public channel holds Fabric's hash of each
 * record, a per-dataset and per-purpose attestation (count and Merkle root of the consenting subject references,
 * owner-endorsed and versioned) that other organisations can rely on, and, after an erasure, a receipt proving the
 * record had existed. Subject references are pseudonyms the client makes with a keyed hash before anything leaves
 * the organisation; the chaincode refuses anything else.
 */
package org.prooftrail.chaincode.consent;
