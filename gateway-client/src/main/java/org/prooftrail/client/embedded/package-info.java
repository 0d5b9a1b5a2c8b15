/**
 * The embedded ledger: the prooftrail contracts run in this process, through the shim's own {@code ContractRouter},
 * against a world state kept in memory and made durable by an append-only, hash-chained transaction log under
 * {@code <home>/ledger/}. It is what the library and the command line use when no Fabric network is configured.
 *
 * <p>Storage is a log rather than an embedded database (RocksDB, H2 MVStore) on purpose: the ledger's unit of
 * durability is a committed transaction, which a single appended record holds whole; a log makes crash safety a short
 * argument (a transaction is acknowledged only after the bytes of its record are forced to disk; at open a torn final
 * record, which was never acknowledged, is cut off), makes every byte covered by a SHA-256 hash chain that {@code
 * prooftrail ledger verify} re-checks, and needs no native library. The world state, history, private data and
 * events are rebuilt by replaying the log at open, which took about two seconds per hundred thousand transactions when measured; see
 * {@code docs/embedded-ledger.md} for the format, the crash-safety argument and measured figures.
 *
 * <p>Private data reaches the log only sealed (AES-GCM, one data key per private write, kept outside the log in
 * {@code ledger/keys/}), so a purge erases by destroying keys while the hash chain keeps covering every byte. One process
 * writes (an OS lock); any number read beside it, following the log as it grows. A log of release 0.1.0 (format 1,
 * private writes in clear) is refused until {@link org.prooftrail.client.embedded.EmbeddedLedgerUpgrade} converts it
 * once, keeping a map of its record hashes to the new ones.
 */
package org.prooftrail.client.embedded;
