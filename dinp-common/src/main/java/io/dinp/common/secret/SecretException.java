package io.dinp.common.secret;

/**
 * A secret could not be sealed or opened: a missing or wrong key, a value that was changed or
 * moved. The message names the key id and the problem, never a plaintext or key material.
 */
public final class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
