package io.dinp.registry;

import com.github.dockerjava.api.exception.DockerException;
import io.dinp.registry.RegistryException.Reason;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the Docker daemon says about a failed push or pull into a {@link RegistryException}.
 */
public final class DockerFailures {
    // docker-java puts the daemon's JSON body in the message: {"message":"..."}
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerFailures() {
    }

    /** The daemon's sentence out of a docker-java exception. */
    public static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        if (t instanceof DockerException) {
            Matcher matcher = MESSAGE.matcher(m);
            if (matcher.find()) {
                return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
        }
        return m.trim();
    }

    /** Guesses the reason from the daemon's wording (it only gives text). */
    static Reason classify(String daemonMessage) {
        String m = daemonMessage.toLowerCase(Locale.ROOT);
        if (m.contains("unauthorized") || m.contains("authentication required") || m.contains("no basic auth")
                || m.contains("denied") || m.contains("incorrect username or password")) {
            return Reason.AUTH;
        }
        if (m.contains("x509:") || m.contains("certificate signed by unknown authority") || m.contains("tls: ")) {
            return Reason.TLS;
        }
        if (m.contains("connection refused") || m.contains("no such host") || m.contains("i/o timeout")
                || m.contains("dial tcp") || m.contains("network is unreachable") || m.contains("no route to host")
                || m.contains("server gave http response to https client")) {
            return Reason.UNREACHABLE;
        }
        if (m.contains("manifest unknown") || m.contains("not found") || m.contains("name unknown")
                || m.contains("does not exist")) {
            return Reason.NOT_FOUND;
        }
        return Reason.OTHER;
    }

    /** An exception for {@code action} (e.g. "pushing 127.0.0.1:5000/app:v1") whose message explains the reason. */
    static RegistryException failure(RegistryCredentials registry, String action, String daemonMessage, Throwable cause) {
        Reason reason = classify(daemonMessage);
        String why = switch (reason) {
            case AUTH -> "registry " + registry.address() + " rejected the credentials of user "
                    + registry.username();
            case UNREACHABLE -> "registry " + registry.address() + " cannot be reached";
            case TLS -> "the Docker Engine does not trust the TLS certificate of registry " + registry.address()
                    + " (give its CA with --registry-ca-cert: it goes to /etc/docker/certs.d/" + registry.address() + "/ca.crt)";
            case NOT_FOUND -> "registry " + registry.address() + " has no such image";
            case OTHER -> "registry " + registry.address() + " or the Docker daemon reported an error";
        };
        return new RegistryException(reason, why + " while " + action + ": " + daemonMessage, cause);
    }
}
