package org.prooftrail.client;

import java.util.Objects;
import org.prooftrail.protocol.ErrorCode;

/** The chaincode refused the transaction: bad input, a missing record, no permission, a failed precondition. */
public final class ContractRejectedException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;

    public ContractRejectedException(ErrorCode code, String detail, String transactionId, Throwable cause) {
        super(
                Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(detail, "detail"),
                transactionId,
                cause);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    /** The chaincode's message without its code. */
    public String detail() {
        return detail;
    }
}
