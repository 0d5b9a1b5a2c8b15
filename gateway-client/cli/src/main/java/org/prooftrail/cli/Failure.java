package org.prooftrail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.prooftrail.client.CommitFailedException;
import org.prooftrail.client.ConfigException;
import org.prooftrail.client.ContractRejectedException;
import org.prooftrail.client.GatewayUnavailableException;
import org.prooftrail.client.ProofTrailClientException;
import org.prooftrail.client.TransactionNotCommittedException;
import org.prooftrail.protocol.ErrorCode;
import org.prooftrail.protocol.ProofTrailException;

/**
 * A failure as the command line reports it: one line {@code error: CODE: message} on standard error and an exit
 * code. {@link #of} is the one place that decides, for every exception that can end a command, which code and exit
 * code it gets, so that scripts can rely on them:
 *
 * <ul>
 *   <li>the contract refused ({@link ContractRejectedException}): its code, exit 1;
 *   <li>the command line or a value given to it is wrong, found here before anything reached the ledger: {@code
 *       USAGE}, {@code INVALID_ARGUMENT}, {@code NOT_FOUND}, {@code PERMISSION_DENIED} (a local file) or {@code
 *       FAILED_PRECONDITION} (the configuration, a missing secret), exit 2;
 *   <li>the ledger could not be reached or opened: {@code UNAVAILABLE}, exit 3;
 *   <li>the transaction's commit status did not come and a lookup by its id proved it was not committed: {@code
 *       NOT_COMMITTED}, exit 3 (it did not take effect; running the same command again is safe);
 *   <li>the transaction failed validation: {@code COMMIT_FAILED}, exit 4;
 *   <li>anything else is a defect of prooftrail: {@code INTERNAL}, exit 5, never 1, so that a script cannot take
 *       a crash for a mismatch or a rejection.
 * </ul>
 *
 * <p>The message is one line and never names a Java class: people act on it, and scripts match the code.
 */
record Failure(String code, int exitCode, String message) {
    static final String USAGE = "USAGE";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String COMMIT_FAILED = "COMMIT_FAILED";
    static final String NOT_COMMITTED = "NOT_COMMITTED";
    static final String INTERNAL = "INTERNAL";

    /**
     * A qualified Java exception or error class name, with the ": " that follows it in {@code toString()}, as some
     * libraries put it into their messages. Simple names are left alone: they may be part of an id a user chose.
     */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b(?::\\s*)?");

    Failure {
        message = clean(message);
    }

    String line() {
        return "error: " + code + ": " + message;
    }

    static Failure usage(String message) {
        return new Failure(USAGE, ExitCode.USAGE, message);
    }

    static Failure of(Throwable failure) {
        if (failure instanceof ContractRejectedException rejected) {
            return new Failure(rejected.code().name(), ExitCode.MISMATCH_OR_REJECTED, rejected.detail());
        }
        if (failure instanceof CommitFailedException failed) {
            return new Failure(COMMIT_FAILED, ExitCode.COMMIT_FAILED, failed.getMessage());
        }
        if (failure instanceof TransactionNotCommittedException) {
            return new Failure(NOT_COMMITTED, ExitCode.UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof GatewayUnavailableException) {
            return new Failure(UNAVAILABLE, ExitCode.UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof ConfigException) {
            FileSystemException file = fileCause(failure);
            String code = file == null ? ErrorCode.FAILED_PRECONDITION.name() : codeOf(file);
            return new Failure(code, ExitCode.USAGE, explain(failure.getMessage(), file));
        }
        if (failure instanceof UsageException usage) {
            return new Failure(usage.code(), ExitCode.USAGE, usage.getMessage());
        }
        if (failure instanceof ProofTrailException checked) {
            // The protocol's own checks (an id, a digest) run here too, before anything is sent.
            return new Failure(checked.code().name(), ExitCode.USAGE, checked.detail());
        }
        if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            IOException io = ioCause(failure);
            return new Failure(codeOf(io), ExitCode.USAGE, explain(failure.getMessage(), io));
        }
        if (failure instanceof ProofTrailClientException && fileCause(failure) != null) {
            // A local file of the client's, such as an event checkpoint.
            FileSystemException file = fileCause(failure);
            return new Failure(codeOf(file), ExitCode.USAGE, explain(failure.getMessage(), file));
        }
        if (failure instanceof ProofTrailClientException) {
            // For example a corrupt embedded ledger that refuses to open, or a result that is not JSON.
            return new Failure(UNAVAILABLE, ExitCode.UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof IllegalArgumentException) {
            return new Failure(ErrorCode.INVALID_ARGUMENT.name(), ExitCode.USAGE, failure.getMessage());
        }
        if (failure instanceof InterruptedException) {
            return new Failure(UNAVAILABLE, ExitCode.UNAVAILABLE, "interrupted before the ledger answered");
        }
        String detail = failure.getMessage() == null ? words(failure) : words(failure) + ": " + failure.getMessage();
        return new Failure(
                INTERNAL,
                ExitCode.INTERNAL,
                "prooftrail failed unexpectedly (" + detail + "); this is a defect: run it again with"
                        + " PROOFTRAIL_DEBUG=1 for the stack trace and report it");
    }

    /** The code for a local file that could not be used. */
    static String codeOf(IOException io) {
        if (io instanceof NoSuchFileException) {
            return ErrorCode.NOT_FOUND.name();
        }
        if (io instanceof AccessDeniedException) {
            return ErrorCode.PERMISSION_DENIED.name();
        }
        return ErrorCode.INVALID_ARGUMENT.name();
    }

    /** What went wrong with a file, in words, without the file's name: "no such file or directory". */
    static String reason(IOException io) {
        if (io instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (io instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (io instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (io instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (io instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (io instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return io.getMessage() != null && !(io instanceof FileSystemException) ? io.getMessage() : "input/output error";
    }

    /**
     * The message of a failure caused by {@code io}, with the I/O exception's own text (a bare path, or its class
     * name and path) replaced by the reason in words.
     */
    private static String explain(String message, IOException io) {
        if (io == null) {
            return message;
        }
        String file = io instanceof FileSystemException fs ? fs.getFile() : null;
        String described = file == null ? reason(io) : file + ": " + reason(io);
        if (message == null || message.equals(io.getMessage()) || message.equals(io.toString())) {
            return described;
        }
        for (String raw : new String[] {io.toString(), io.getMessage()}) {
            if (raw != null && message.endsWith(": " + raw)) {
                String head = message.substring(0, message.length() - raw.length());
                return head + (file != null && !head.contains(file) ? file + ": " : "") + reason(io);
            }
        }
        return message;
    }

    /** The innermost I/O exception in the chain (there is one: {@code failure} is one, or wraps one). */
    private static IOException ioCause(Throwable failure) {
        IOException found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                found = io;
            }
        }
        return found;
    }

    /**
     * The innermost failure to use a named file in the chain, if any. Not any I/O exception: a JSON parser reports
     * malformed text as one, which is a problem of the content, not of the file.
     */
    static FileSystemException fileCause(Throwable failure) {
        FileSystemException found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FileSystemException file) {
                found = file;
            }
        }
        return found;
    }

    /** A throwable's kind in words, not as its class name: {@code NullPointerException} reads "null pointer". */
    private static String words(Throwable failure) {
        String name = failure.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.isBlank() ? "unknown failure" : spaced;
    }

    /** One line, without Java class names, never empty. */
    static String clean(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = CLASS_NAME.matcher(message).replaceAll("");
        line = line.replaceAll("\\s*\\R\\s*", " ").replaceAll("\\p{Cntrl}", " ").strip();
        return line.isEmpty() ? "no detail" : line;
    }
}
