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
     * a ", " or ": " separator.
     */
    public static Optional<ProofTrailException> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        // The earliest coded prefix wins, so that a detail that itself mentions a code is not mistaken for one.
        ErrorCode found = null;
        int foundAt = -1;
        for (ErrorCode code : ErrorCode.values()) {
            String prefix = code.name() + ": ";
            int at = message.indexOf(prefix);
            while (at >= 0 && (foundAt < 0 || at < foundAt)) {
                boolean atBoundary = at == 0
                        || message.startsWith(", ", at - 2)
                        || message.startsWith(": ", at - 2)
                        || message.charAt(at - 1) == '\n';
                if (atBoundary) {
                    found = code;
                    foundAt = at;
                    break;
                }
                at = message.indexOf(prefix, at + 1);
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new ProofTrailException(
                found, message.substring(foundAt + found.name().length() + 2)));
    }
}
