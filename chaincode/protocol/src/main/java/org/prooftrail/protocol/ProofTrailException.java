package org.prooftrail.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A rejection with its {@link ErrorCode}. {@link #wireMessage()} is the form that crosses Fabric,
 * {@code CODE: message}; {@link #parse(String)} reads it back on the client.
 */
public class ProofTrailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String detail;

    public ProofTrailException(ErrorCode code, String detail) {
        super(Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(detail, "detail"));
        this.code = code;
        this.detail = detail;
    }

    public static ProofTrailException invalid(String detail) {
        return new ProofTrailException(ErrorCode.INVALID_ARGUMENT, detail);
    }

    public static ProofTrailException notFound(String detail) {
        return new ProofTrailException(ErrorCode.NOT_FOUND, detail);
    }

    public static ProofTrailException alreadyExists(String detail) {
        return new ProofTrailException(ErrorCode.ALREADY_EXISTS, detail);
    }

    public static ProofTrailException permissionDenied(String detail) {
        return new ProofTrailException(ErrorCode.PERMISSION_DENIED, detail);
    }

    public static ProofTrailException failedPrecondition(String detail) {
        return new ProofTrailException(ErrorCode.FAILED_PRECONDITION, detail);
    }

    public ErrorCode code() {
        return code;
    }

    /** The message without its code. */
    public String detail() {
        return detail;
    }

    /** {@code CODE: detail}, the form a chaincode error message takes on the wire. */
    public String wireMessage() {
        return getMessage();
    }

    /**
     * Reads a {@code CODE: detail} message. Fabric may wrap the chaincode's message (the gateway reports
     * "chaincode response 500, CODE: detail"), so the code is looked for at the start of the message or after
     * a ", " or ": " separator or a line break. The earliest such code wins: a detail may itself quote another
     * coded message ("NOT_FOUND: parent p: INVALID_ARGUMENT: ..."), and the outer code is the one that was thrown.
     */
    public static Optional<ProofTrailException> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        ErrorCode found = null;
        int foundAt = Integer.MAX_VALUE;
        for (ErrorCode code : ErrorCode.values()) {
            int at = firstAtBoundary(message, code.name() + ": ");
            if (at >= 0 && at < foundAt) {
                found = code;
                foundAt = at;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new ProofTrailException(
                found, message.substring(foundAt + found.name().length() + 2)));
    }

    private static int firstAtBoundary(String message, String prefix) {
        for (int at = message.indexOf(prefix); at >= 0; at = message.indexOf(prefix, at + 1)) {
            boolean atBoundary = at == 0
                    || message.startsWith(", ", at - 2)
                    || message.startsWith(": ", at - 2)
                    || message.charAt(at - 1) == '\n';
            if (atBoundary) {
                return at;
            }
        }
        return -1;
    }
}
