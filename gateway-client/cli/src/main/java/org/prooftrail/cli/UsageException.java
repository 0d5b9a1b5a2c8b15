package org.prooftrail.cli;

import java.io.IOException;
import org.prooftrail.protocol.ErrorCode;

/**
 * A mistake in how the command was called or in what it was given, found here before anything reached the ledger;
 * exit code 2. Its code is {@code USAGE} for a wrong command line (an option that needs another, a stray argument),
 * or names what is wrong with a value: {@code INVALID_ARGUMENT}, {@code NOT_FOUND} (a path), {@code
 * PERMISSION_DENIED} (a file that cannot be read) or {@code FAILED_PRECONDITION} (something the command needs, such as
 * a secret, is missing).
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    /** A wrong command line: code {@code USAGE}. */
    UsageException(String message) {
        this(Failure.USAGE, message);
    }

    private UsageException(String code, String message) {
        super(message);
        this.code = code;
    }

    static UsageException invalid(String message) {
        return new UsageException(ErrorCode.INVALID_ARGUMENT.name(), message);
    }

    static UsageException notFound(String message) {
        return new UsageException(ErrorCode.NOT_FOUND.name(), message);
    }

    static UsageException failedPrecondition(String message) {
        return new UsageException(ErrorCode.FAILED_PRECONDITION.name(), message);
    }

    /** A file the command was given cannot be read: "cannot read the proof p.json: no such file or directory". */
    static UsageException cannotRead(String what, IOException e) {
        return new UsageException(Failure.codeOf(e), "cannot read " + what + ": " + Failure.reason(e));
    }

    /** A file the command was asked to write cannot be written. */
    static UsageException cannotWrite(String what, IOException e) {
        return new UsageException(Failure.codeOf(e), "cannot write " + what + ": " + Failure.reason(e));
    }

    String code() {
        return code;
    }
}
