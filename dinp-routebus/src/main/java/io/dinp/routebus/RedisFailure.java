package io.dinp.routebus;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;

/**
 * Why a Redis connection failed, in words an operator can act on. Lettuce wraps the real cause
 * (a refused password, an untrusted certificate) in "Unable to connect"; this digs it out.
 *
 * @param settings true when retrying cannot help (password, certificate, TLS or not): the
 *                 configuration is wrong; false when Redis is only unreachable for now
 */
public record RedisFailure(boolean settings, String message) {

    /** Describes {@code failure} of a connection to {@code endpoint}; never includes the password. */
    public static RedisFailure of(RedisEndpoint endpoint, Throwable failure) {
        String at = "Redis at " + endpoint.uri();
        // the specific causes first, wherever Lettuce and the JDK put them in the chain
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            String upper = m.toUpperCase(Locale.ROOT);
            if (upper.startsWith("WRONGPASS") || upper.contains("INVALID PASSWORD")) {
                return new RedisFailure(true, at + " refused the password (" + firstLine(m) + "): check the password file"
                        + " or DINP_REDIS_PASSWORD against the server's requirepass");
            }
            if (upper.startsWith("NOAUTH")) {
                return new RedisFailure(true, at + " requires a password and none was given (" + firstLine(m) + ")");
            }
            if (upper.contains("WITHOUT ANY PASSWORD CONFIGURED")) {
                return new RedisFailure(true, at + " has no password set (no requirepass) but one was given");
            }
            if (t instanceof CertPathValidatorException || m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return new RedisFailure(true, at + ": its TLS certificate is not signed by a trusted CA ("
                        + endpoint.trust().map(tr -> "trusted: " + tr.file()).orElse("trusted: the JVM's default CAs; give the CA that signed it")
                        + ")");
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return new RedisFailure(true, at + ": its TLS certificate does not name that host (" + firstLine(m)
                        + "); connect by a name or address the certificate lists");
            }
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("not an SSL/TLS record")) {
                return new RedisFailure(true, at + " does not speak TLS on that port: use its TLS port, or redis:// for a plain one");
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) {
                return new RedisFailure(true, at + ": the TLS handshake failed (" + firstLine(String.valueOf(t.getMessage())) + ")");
            }
            if (t instanceof ConnectException) {
                return new RedisFailure(false, at + " cannot be reached (" + firstLine(String.valueOf(t.getMessage())) + ")");
            }
        }
        String m = deepest(failure);
        String lower = m.toLowerCase(Locale.ROOT);
        if (endpoint.tls() && lower.contains("timed out")) {
            // a plain Redis takes the TLS hello for a command and waits for its end: no answer, ever
            return new RedisFailure(false, at + ": " + m + "; a plain (non-TLS) port never answers a TLS handshake:"
                    + " use the TLS port, or redis:// for a plain one");
        }
        if (!endpoint.tls() && (lower.contains("closed") || lower.contains("reset"))) {
            return new RedisFailure(false, at + " closed the connection (" + m + "); if that port speaks TLS, use rediss://");
        }
        return new RedisFailure(false, at + ": " + m);
    }

    private static String deepest(Throwable failure) {
        Throwable t = failure;
        String message = String.valueOf(failure);
        while (t != null) {
            if (t.getMessage() != null) {
                message = firstLine(t.getMessage());
            }
            t = t.getCause();
        }
        return message;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m.strip() : m.substring(0, nl).strip();
    }

    @Override
    public String toString() {
        return message;
    }
}
