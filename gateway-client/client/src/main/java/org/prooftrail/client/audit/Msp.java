package org.prooftrail.client.audit;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An organisation's MSP as the channel configuration defines it: its root and intermediate CA certificates, its
 * admin certificates, and the organisational units that mark a certificate's role when NodeOUs are enabled.
 *
 * @param nodeOus the OU identifier of each role ({@code peer}, {@code client}, {@code admin}, {@code orderer}) when
 *     NodeOUs are enabled; empty otherwise
 */
record Msp(
        String id,
        List<X509Certificate> roots,
        List<X509Certificate> intermediates,
        List<X509Certificate> admins,
        Optional<NodeOus> nodeOus) {
    Msp {
        Objects.requireNonNull(id, "id");
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
        admins = List.copyOf(admins);
        Objects.requireNonNull(nodeOus, "nodeOus");
    }

    /** The OU identifiers of the roles. */
    record NodeOus(String peer, String client, String admin, String orderer) {}
}
