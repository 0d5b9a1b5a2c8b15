/**
 * The prooftrail client library: the typed facade that applications use, the exceptions it throws, and the
 * {@link org.prooftrail.client.LedgerTransport} seam behind which either a Fabric gateway or the embedded ledger
 * carries transactions. Nothing here imports the command line.
 */
package org.prooftrail.client;
