package org.prooftrail.chaincode.simulation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The certificate authorities of a consortium, one per organisation, created on first use: a test or the embedded
 * ledger names organisations by MSP ID and gets identities issued by the same root every time.
 */
public final class Identities {

    private final SortedMap<String, CertificateAuthority> authorities = new TreeMap<>();

    /**
     * The authority of the organisation, created with the domain on first use.
     *
     * @throws IllegalArgumentException if the organisation already exists with another domain
     */
    public synchronized CertificateAuthority organisation(final String mspId, final String orgDomain) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(orgDomain, "orgDomain");
        final CertificateAuthority authority =
                authorities.computeIfAbsent(mspId, id -> CertificateAuthority.create(id, orgDomain));
        if (!authority.orgDomain().equals(orgDomain)) {
            throw new IllegalArgumentException(
                    mspId + " already has the domain " + authority.orgDomain() + ", not " + orgDomain);
        }
        return authority;
    }

    /**
     * The authority of an organisation created earlier.
     *
     * @throws IllegalArgumentException if there is none
     */
    public synchronized CertificateAuthority organisation(final String mspId) {
        final CertificateAuthority authority = authorities.get(Objects.requireNonNull(mspId, "mspId"));
        if (authority == null) {
            throw new IllegalArgumentException("no organisation " + mspId + "; known: " + authorities.keySet());
        }
        return authority;
    }

    /** Issues an identity of an organisation created earlier. */
    public Identity issue(
            final String mspId, final String commonName, final String nodeOu, final Map<String, String> attributes) {
        return organisation(mspId).issue(commonName, nodeOu, attributes);
    }

    /** Every organisation's authority by MSP ID. */
    public synchronized SortedMap<String, CertificateAuthority> organisations() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(authorities));
    }
}
