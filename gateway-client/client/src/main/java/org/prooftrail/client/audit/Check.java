package org.prooftrail.client.audit;

import java.util.List;
import java.util.Objects;

/**
 * One named check of one record: whether it held, and what was found (why it failed, or what it established).
 *
 * @param name one of {@link #NAMES}, stable across versions: reports and scripts key on it
 */
public record Check(String name, boolean ok, String detail) {

    /** The channel configuration used is the one trusted and sits in the header chain. */
    public static final String CHANNEL_CONFIG = "channel-config";

    /** The creator's signature over the envelope's payload; its certificate chains to its MSP's roots. */
    public static final String CREATOR_SIGNATURE = "creator-signature";

    /** Every endorser's signature over the proposal response payload and its identity; certificates chained. */
    public static final String ENDORSER_SIGNATURES = "endorser-signatures";

    /** The valid endorsements satisfy the policy of every key written (key-level, else the chaincode's). */
    public static final String ENDORSEMENT_POLICY = "endorsement-policy";

    /** The transaction's write set sets the claimed key to exactly the claimed value. */
    public static final String WRITE_SET = "write-set";

    /** The block's TRANSACTIONS_FILTER metadata marks the transaction VALID. */
    public static final String VALIDATION_FLAG = "validation-flag";

    /** SHA-256 of the block's concatenated data entries equals its header's data hash. */
    public static final String DATA_HASH = "data-hash";

    /** The block's header links by previous-hash, header by header, to the tip's. */
    public static final String HEADER_CHAIN = "header-chain";

    /** The tip's orderer signatures satisfy the channel's Orderer/BlockValidation policy. */
    public static final String ORDERER_SIGNATURES = "orderer-signatures";

    /** Every check name, in the order a record's checks are listed. */
    public static final List<String> NAMES = List.of(
            CHANNEL_CONFIG,
            CREATOR_SIGNATURE,
            ENDORSER_SIGNATURES,
            ENDORSEMENT_POLICY,
            WRITE_SET,
            VALIDATION_FLAG,
            DATA_HASH,
            HEADER_CHAIN,
            ORDERER_SIGNATURES);

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    static Check passed(String name, String detail) {
        return new Check(name, true, detail);
    }

    static Check failed(String name, String detail) {
        return new Check(name, false, detail);
    }
}
