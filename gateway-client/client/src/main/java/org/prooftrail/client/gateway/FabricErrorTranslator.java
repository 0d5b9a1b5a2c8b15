package org.prooftrail.client.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.protocol.ProofTrailException;

/**
 * Turns fabric-gateway's exceptions into the client's. A chaincode rejection reaches the client only as text, in
 * the error details of each endorsing peer ({@code chaincode response 500, NOT_FOUND: ...}) and sometimes in the
 * status message, so those are searched for a prooftrail {@code CODE: detail}; a peer that could not be reached or
 * did not answer in time becomes {@link GatewayUnavailableException} naming the endpoint; a transaction that
 * committed invalid becomes {@link CommitFailedException} with its validation code.
 */
final class FabricErrorTranslator {
    private final String endpoint;

    FabricErrorTranslator(String endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    String endpoint() {
        return endpoint;
    }

    /** Read conflicts are the validation failures that a new proposal, reading fresh state, can get past. */
    static boolean isRetryable(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    /** Whether a failed call may succeed if made again: the peer was unreachable or slow. */
    static boolean isTransient(io.grpc.Status status) {
        io.grpc.Status.Code code = status.getCode();
        return code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
    }

    ProofTrailClientException evaluateFailed(GatewayException e, String transactionId) {
        return translate("evaluation", transactionId, e.getStatus(), e.getDetails(), e);
    }

    ProofTrailClientException endorseFailed(EndorseException e) {
        return translate("endorsement", e.getTransactionId(), e.getStatus(), e.getDetails(), e);
    }

    ProofTrailClientException submitFailed(SubmitException e) {
        return translate("submission to the orderer", e.getTransactionId(), e.getStatus(), e.getDetails(), e);
    }

    /**
     * The commit status could not be had, even after asking again. The transaction was submitted, so it may yet
     * commit: the caller is told to look it up, not to submit it again.
     */
    ProofTrailClientException commitStatusUnknown(CommitStatusException e, String transactionId, int queries) {
        String txId = transactionId != null ? transactionId : e.getTransactionId();
        if (isTransient(e.getStatus())) {
            return new GatewayUnavailableException(
                    "commit status of transaction " + txId + " still unknown after " + queries
                            + " queries to gateway peer " + endpoint + " (" + describe(e.getStatus())
                            + "); it was submitted and may yet commit: look it up by its id before submitting again",
                    txId,
                    e);
        }
        return translate("commit status query", txId, e.getStatus(), e.getDetails(), e);
    }

    /** A commit status that is not successful. */
    CommitFailedException commitFailed(Status status) {
        return commitFailed(status.getCode(), status.getTransactionId());
    }

    /** A transaction found in a block, marked invalid with this code. */
    CommitFailedException commitFailed(TxValidationCode code, String transactionId) {
        return new CommitFailedException(code.name(), isRetryable(code), transactionId, null);
    }

    /**
     * The same, from the exception of {@code Transaction.submit()}, which waits for the commit itself. The transport
     * uses {@code submitAsync()} and reads the status so that it can re-query on a timeout; this keeps the mapping
     * in one place for any caller of the blocking form.
     */
    CommitFailedException commitFailed(CommitException e) {
        TxValidationCode code = e.getCode();
        return new CommitFailedException(code.name(), isRetryable(code), e.getTransactionId(), e);
    }

    private ProofTrailClientException translate(
            String stage, String transactionId, io.grpc.Status status, List<ErrorDetail> details, Throwable cause) {
        String txId = transactionId == null || transactionId.isEmpty() ? null : transactionId;
        Optional<ProofTrailException> rejection = chaincodeRejection(status, details);
        if (rejection.isPresent()) {
            return new ContractRejectedException(
                    rejection.get().code(), rejection.get().detail(), txId, cause);
        }
        if (status.getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            return new GatewayUnavailableException(
                    "gateway peer " + endpoint + " is unavailable (" + stage + "): " + describe(status), txId, cause);
        }
        if (status.getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
            return new GatewayUnavailableException(
                    "gateway peer " + endpoint + " did not answer within the " + stage + " deadline: "
                            + describe(status),
                    txId,
                    cause);
        }
        String peers = details.stream()
                .map(detail -> detail.getMspId() + "@" + detail.getAddress() + ": " + detail.getMessage())
                .collect(Collectors.joining("; "));
        return new ProofTrailClientException(
                stage + (txId != null ? " of transaction " + txId : "") + " failed at gateway peer " + endpoint + ": "
                        + describe(status) + (peers.isEmpty() ? "" : " [" + peers + "]"),
                txId,
                cause);
    }

    /** The chaincode's own coded message, looked for first in each peer's detail, then in the status message. */
    private static Optional<ProofTrailException> chaincodeRejection(io.grpc.Status status, List<ErrorDetail> details) {
        List<String> messages = new ArrayList<>();
        details.forEach(detail -> messages.add(detail.getMessage()));
        messages.add(status.getDescription());
        return messages.stream()
                .map(ProofTrailException::parse)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String describe(io.grpc.Status status) {
        return status.getCode() + (status.getDescription() != null ? ": " + status.getDescription() : "");
    }
}
