/**
 * The client's one way to read and write JSON, on Gson (which fabric-gateway already brings): a strict reader that
 * turns text into plain maps, lists, strings, longs and booleans, refusing duplicate keys, fractions and exponents,
 * and nesting deeper than {@link org.prooftrail.protocol.JsonNesting#MAX_DEPTH}; and a writer with sorted keys for
 * transaction arguments and command-line output. Manifests add RFC 8785 canonical bytes on top
 * ({@code fingerprint.CanonicalJson}). Nothing here knows prooftrail's documents.
 */
package org.prooftrail.client.json;
