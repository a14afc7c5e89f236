package io.dinp.store;

/** Thrown when an app is created under a name that is already taken. */
public final class AppExistsException extends RuntimeException {
    private final String app;

    public AppExistsException(String app) {
        super("an app named '" + app + "' already exists; choose another name or update that app");
        this.app = app;
    }

    public String app() {
        return app;
    }
}
