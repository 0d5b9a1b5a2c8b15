package org.prooftrail.client;

import java.util.Objects;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.Transaction;

/**
 * Recognises, in a chaincode's refusal, that the chaincode is another release than this client: the client only
 * calls the functions of its own protocol, so a chaincode that has no such contract (the contract API's {@code
 * Undefined contract called}) or no such function ({@code ... is not a function of the ... contract}) is older or
 * newer. Such a refusal becomes {@link ErrorCode#UNIMPLEMENTED} naming the function and what to do, instead of an
 * {@code INVALID_ARGUMENT} that would blame the caller's input. Anything else passes through unchanged, including
 * {@code ... takes N arguments, not M}: the transport passes on whatever arguments its caller gives, so a wrong count
 * may be the caller's own mistake, and stays {@code INVALID_ARGUMENT}.
 */
public final class ChaincodeVersionSkew {
    /** What the contract API of fabric-chaincode-java answers for a contract the chaincode does not have. */
    static final String UNDEFINED_CONTRACT = "Undefined contract called";

    private ChaincodeVersionSkew() {}

    /**
     * {@code failure} as the client reports it for a call of {@code transaction}: {@code UNIMPLEMENTED} when the
     * chaincode does not have the function as this client knows it, else {@code failure} itself.
     */
    public static ProofTrailClientException explain(Transaction transaction, ProofTrailClientException failure) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(failure, "failure");
        String name = transaction.qualifiedName();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String what;
        if (message.contains(UNDEFINED_CONTRACT)) {
            what = "the chaincode has no " + transaction.contract() + " contract";
        } else if (failure instanceof ContractRejectedException rejected
                && rejected.code() == ErrorCode.INVALID_ARGUMENT
                && rejected.detail().startsWith(name + " is not a function of the ")) {
            what = "the chaincode's " + transaction.contract() + " contract has no " + transaction.function()
                    + " function";
        } else {
            return failure;
        }
        return new ContractRejectedException(
                ErrorCode.UNIMPLEMENTED,
                name + " is not available on this chaincode version: " + what + ". The chaincode is an older or"
                        + " newer prooftrail release than this client; use a client of the chaincode's release, or"
                        + " upgrade the chaincode (docs/upgrading.md; maintenance:Version says which release it is)",
                failure.transactionId().orElse(null),
                failure);
    }
}
