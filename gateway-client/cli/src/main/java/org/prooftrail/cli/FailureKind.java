package org.prooftrail.cli;

import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.TransactionNotCommittedException;

/**
 * Names why a load transaction failed, by the stage that failed: {@code REJECTED:<error code>} when the contract
 * refused it, {@code COMMIT_FAILED:<validation code>} (for example {@code MVCC_READ_CONFLICT} or
 * {@code ENDORSEMENT_POLICY_FAILURE}) when it was ordered but invalidated, {@code NOT_COMMITTED} when its commit
 * status did not come and a lookup by its id proved it was not committed (a retry is safe), {@code UNAVAILABLE} when
 * the ledger
 * was not reached or did not answer in time, {@code CLIENT_ERROR} for another client failure, and
 * {@code ERROR:<exception>} for anything else, so that a defect shows up in the figures instead of ending the run.
 */
final class FailureKind {
    private FailureKind() {}

    static String of(Throwable failure) {
        if (failure instanceof ContractRejectedException rejected) {
            return "REJECTED:" + rejected.code().name();
        }
        if (failure instanceof CommitFailedException failed) {
            return "COMMIT_FAILED:" + failed.validationCode();
        }
        if (failure instanceof TransactionNotCommittedException) {
            return "NOT_COMMITTED";
        }
        if (failure instanceof GatewayUnavailableException) {
            return "UNAVAILABLE";
        }
        if (failure instanceof ProofTrailClientException) {
            return "CLIENT_ERROR";
        }
        return "ERROR:" + failure.getClass().getSimpleName();
    }
}
