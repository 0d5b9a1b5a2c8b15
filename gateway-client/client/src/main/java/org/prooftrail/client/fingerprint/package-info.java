/**
 * Fingerprints of files and directories as prooftrail registers them: streaming SHA-256, an RFC 9162 Merkle tree
 * over the fixed-size chunks of a large file and over the files of a directory (sorted by the UTF-8 bytes of their
 * relative paths), the canonical JSON manifest whose digest a directory is registered by, comparison of a fresh
 * fingerprint with a manifest, and inclusion proofs for single files. Hashing runs in parallel across cores, yet
 * every result is independent of the number of threads. The exact encodings are specified in
 * {@code docs/fingerprints.md}. Nothing here prints; progress is reported through {@link
 * org.prooftrail.client.fingerprint.ProgressListener}.
 */
package org.prooftrail.client.fingerprint;
