/**
 * The embedded ledger: the prooftrail contracts run in this process, through the shim's routing and serialisation
 * over a fixed list of contracts ({@code ContractRoutes}, no class-path scan), against a world state made durable by
 * an append-only, hash-chained transaction log under {@code <home>/ledger/}. It is what the library and the command
 * line use when no Fabric network is configured.
 *
 * <p>The log is the source of truth: a transaction is acknowledged only after the bytes of its record are forced to
 * disk, a torn final record (never acknowledged) is cut at open, and every byte is covered by a SHA-256 hash chain that
 * {@code prooftrail ledger verify} re-checks. What the contracts read - public state, history, events - comes from a
 * durable index derived from the log ({@code LedgerIndex}, an H2 MVStore file), which
 * is opened, not rebuilt: opening checks its last record against the log and applies only the records after it, so
 * neither start-up nor memory grows with the history. See {@code docs/embedded-ledger.md} for the formats, the
 * crash-safety argument and measured figures.
 *
 * <p>Private data reaches the log only sealed (AES-GCM, one data key per private write, kept outside the log in
 * {@code ledger/keys/}), so a purge erases by destroying keys while the hash chain keeps covering every byte; the index
 * never holds private data. One process writes (an OS lock); any number read beside it, following the index as the
 * writer commits. A log of release 0.1.0 (format 1, private writes in clear) is refused until
 * {@link org.prooftrail.client.embedded.EmbeddedLedgerUpgrade} converts it once, keeping a map of its record hashes to
 * the new ones.
 */
package org.prooftrail.client.embedded;
