package org.prooftrail.protocol;

/** The chaincode's name and its contracts' names, as compile-time constants for annotations. */
public final class Contracts {
    /** The default chaincode name, and the default channel name. */
    public static final String CHAINCODE = "prooftrail";

    public static final String ARTIFACT = "artifact";
    public static final String LINEAGE = "lineage";
    public static final String ACCESS = "access";
    public static final String CONSENT = "consent";

    private Contracts() {}
}
