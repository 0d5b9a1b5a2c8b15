package org.prooftrail.protocol;

/** The chaincode's name and its contracts' names, as compile-time constants for annotations. */
public final class Contracts {
    /** The default chaincode name, and the default channel name. */
    public static final String CHAINCODE = "prooftrail";

    public static final String ARTIFACT = "artifact";
    public static final String LINEAGE = "lineage";
    public static final String ACCESS = "access";
    public static final String CONSENT = "consent";
    /** Upgrades of what earlier releases wrote, and the chaincode's record formats (since release 0.2). */
    public static final String MAINTENANCE = "maintenance";
    /** Federated learning: rounds, members' updates and the coordinator's aggregations (since release 0.3). */
    public static final String FEDERATION = "federation";

    /**
     * The transient map entry that marks a proposal as evaluated, never submitted: the queries that answer from
     * private consent ({@code consent:Check}, {@code Subjects}, {@code Prove}) run only with it, because a submitted
     * transaction's response is kept in the block. Clients set it on their evaluate path only; transient data
     * itself never reaches a block.
     */
    public static final String TRANSIENT_EVALUATE = "evaluate";

    private Contracts() {}
}
