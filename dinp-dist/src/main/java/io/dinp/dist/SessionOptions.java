package io.dinp.dist;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Browser-session settings of the API, shared by {@code dinp dash} and {@code dinp up}. */
final class SessionOptions {
    @Option(names = "--secure-cookies", description = "mark the session cookie Secure even over plain HTTP (for a TLS proxy "
            + "in front that does not send X-Forwarded-Proto: https)")
    boolean secureCookies;

    @Option(names = "--session-hours", defaultValue = "12", paramLabel = "H",
            description = "how long a browser session lasts after signing in (default: ${DEFAULT-VALUE})")
    int sessionHours;

    Duration ttl() {
        if (sessionHours < 1 || sessionHours > 24 * 30) {
            throw new IllegalArgumentException("--session-hours: must be 1 to 720, was " + sessionHours);
        }
        return Duration.ofHours(sessionHours);
    }
}
