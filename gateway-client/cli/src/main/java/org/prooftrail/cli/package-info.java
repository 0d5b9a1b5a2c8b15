/**
 * The {@code prooftrail} command line: one picocli command class per use case, over the library's
 * {@link org.prooftrail.client.ProofTrail} facade and fingerprinting. Data goes to standard output (human text,
 * or JSON with {@code --json}); every failure is exactly one line, {@code error: CODE: message}, on standard error,
 * decided in one place ({@code Failure}). Exit codes: 0 ok, 1 mismatch or rejected, 2 usage or
 * configuration, 3 ledger unavailable, 4 commit failed, 5 internal error.
 */
package org.prooftrail.cli;
