package io.dinp.store;

/** Thrown when a user is created under a name that is already taken. */
public final class UserExistsException extends RuntimeException {
    public UserExistsException(String user) {
        super("a user named '" + user + "' already exists");
    }
}
