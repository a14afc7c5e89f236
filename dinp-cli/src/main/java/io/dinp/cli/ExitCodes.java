package io.dinp.cli;

/** The exit codes of the client commands (docs/cli.md lists them for users). */
public final class ExitCodes {
    public static final int OK = 0;
    /** The operation ran and failed: a build failed, a rollout failed or timed out, the API erred. */
    public static final int FAILED = 1;
    /** A bad command line, or input the API refused (400). */
    public static final int USAGE = 2;
    /** Not logged in, or the token or password was refused (401, 403). */
    public static final int AUTH = 3;
    /** No such app, release, build or domain (404). */
    public static final int NOT_FOUND = 4;
    /** The change conflicts with what exists (409): an app or release of that name, a domain of another app. */
    public static final int CONFLICT = 5;
    /** The API could not be reached, or a proxy in front of it answered 502, 503 or 504. */
    public static final int UNREACHABLE = 6;

    private ExitCodes() {
    }
}
