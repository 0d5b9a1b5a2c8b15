/**
 * Exports of a record's provenance in formats other tools read: an in-toto Statement v1 with a SLSA Provenance v1
 * predicate ({@link org.prooftrail.cli.export.InTotoExport}) and OpenLineage RunEvents ({@link
 * org.prooftrail.cli.export.OpenLineageExport}), both built from the ledger's answers through the client library.
 * docs/exports.md says how each field is filled.
 */
package org.prooftrail.cli.export;
