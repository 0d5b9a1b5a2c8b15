package org.prooftrail.client;

/**
 * The gateway configuration is missing, unreadable or invalid. The message is one line and names the file, key or
 * environment variable at fault, so a command line can print it as it is.
 *
 * <p>It extends {@link ProofTrailClientException} so that the library keeps a single unchecked hierarchy: a caller
 * that catches the client's exceptions catches this one too. It never carries a transaction id, since it is raised
 * before any transaction exists; a command line reports it as a usage error.
 */
public final class ConfigException extends ProofTrailClientException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        this(message, null);
    }

    public ConfigException(String message, Throwable cause) {
        super(oneLine(message), null, cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
