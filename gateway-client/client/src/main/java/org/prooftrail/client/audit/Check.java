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

    /**
     * Embedded ledger only: the organisation's signed checkpoint covers the end of the hash chain (so a truncated
     * log does not verify as intact); it takes the place of {@link #ORDERER_SIGNATURES}.
     */
    public static final String CHECKPOINT_SIGNATURE = "checkpoint-signature";

    /** The checks of a Fabric record, in the order they are listed. */
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

    /**
     * The checks of an embedded-ledger record, in order: no creator or endorser signatures (the embedded log records
     * the creator's MSP ID and a digest of its identity, unsigned); the record hash is its {@link #DATA_HASH}.
     */
    public static final List<String> EMBEDDED_NAMES =
            List.of(CHANNEL_CONFIG, WRITE_SET, DATA_HASH, HEADER_CHAIN, CHECKPOINT_SIGNATURE);

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
