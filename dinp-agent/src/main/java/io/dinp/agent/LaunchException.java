package io.dinp.agent;

/**
 * An instance could not be created or started; the message is shown to the user as is.
 */
public final class LaunchException extends Exception {
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
