package io.dinp.cli;

/** Ends a command with an exit code and a message for the user: what went wrong and what to do. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException notLoggedIn() {
        return new CliException(ExitCodes.AUTH,
                "not logged in: run dinp login --api URL --token TOKEN (or set DINP_API and DINP_TOKEN)");
    }
}
