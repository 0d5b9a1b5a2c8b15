package org.prooftrail.client.embedded;

import org.prooftrail.client.ProofTrailClientException;

/**
 * The embedded ledger's transaction log does not verify: a record was altered, or bytes that are not the remains of
 * an interrupted write follow the last good record. The ledger refuses to open rather than lose or invent history;
 * the message names the record and the byte offset.
 */
public final class CorruptLedgerException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    private final transient LedgerVerification verification;

    CorruptLedgerException(LedgerVerification verification) {
        super(
                "the embedded ledger log " + verification.log() + " is corrupt: "
                        + verification.problem().orElse("unknown problem")
                        + "; prooftrail will not open it (see docs/embedded-ledger.md)",
                null,
                null);
        this.verification = verification;
    }

    /** What the check found; null after deserialisation. */
    public LedgerVerification verification() {
        return verification;
    }
}
