package io.dinp.registry;

/**
 * A registry operation failed; {@link #reason()} says whether to fix credentials, the network or the request.
 */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** The registry refused the credentials (or none were given). */
        AUTH,
        /** The registry could not be reached (refused connection, unknown host, timeout). */
        UNREACHABLE,
        /** The registry's TLS certificate is not trusted or does not name it. */
        TLS,
        /** The repository, tag or manifest does not exist. */
        NOT_FOUND,
        /** Anything else: a daemon or registry error, an unexpected answer, an interrupted wait. */
        OTHER
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
