package io.dinp.store;

/** Thrown when an operation names an app that does not exist. */
public final class NoSuchAppException extends RuntimeException {
    private final String app;

    public NoSuchAppException(String app) {
        super("no app named '" + app + "'");
        this.app = app;
    }

    public String app() {
        return app;
    }
}
