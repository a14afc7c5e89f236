package io.dinp.store;

import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;

/**
 * No connection to the database could be made at start-up, with the reason in words an operator
 * can act on: the pool and the driver wrap it several layers deep.
 */
public final class DatabaseUnreachableException extends IllegalStateException {
    private DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    static DatabaseUnreachableException of(String jdbcUrl, DatabaseTls tls, Throwable failure) {
        String at = "database at " + JdbcUrls.redact(jdbcUrl);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            // Connector/J says "Self signed certificates" when no CA it trusts signed the server's certificate
            if (t instanceof CertPathValidatorException || m.contains("PKIX path") || m.contains("unable to find valid certification path")
                    || lower.contains("self signed certificate")) {
                return new DatabaseUnreachableException(at + ": its TLS certificate is not signed by a trusted CA (trusted: "
                        + (tls.caCertificate() == null ? "the JVM's default CAs; give the CA that signed it" : tls.caCertificate())
                        + ")", failure);
            }
            if (lower.contains("doesn't correspond to certificate") || lower.contains("no subject alternative")
                    || lower.contains("no name matching")) {
                return new DatabaseUnreachableException(at + ": its TLS certificate does not name that host (" + firstLine(m)
                        + "); connect by a name or address the certificate lists", failure);
            }
            if (lower.contains("ssl not enabled in the server")) {
                return new DatabaseUnreachableException(at + " does not offer TLS (" + firstLine(m) + "): give the server"
                        + " ssl_cert and ssl_key, or connect without TLS", failure);
            }
            if (lower.contains("access denied")) {
                return new DatabaseUnreachableException(at + " refused the login (" + firstLine(m) + "): check the user"
                        + " and the password file", failure);
            }
            if (lower.contains("requires secure transport") || lower.contains("insecure transport")) {
                return new DatabaseUnreachableException(at + " accepts only TLS connections (" + firstLine(m)
                        + "): turn TLS on for the database", failure);
            }
            if (t instanceof ConnectException) {
                return new DatabaseUnreachableException(at + " cannot be reached (" + firstLine(m) + ")", failure);
            }
        }
        return new DatabaseUnreachableException(at + ": " + deepest(failure), failure);
    }

    private static String deepest(Throwable failure) {
        String message = String.valueOf(failure);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = firstLine(t.getMessage());
            }
        }
        return message;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m.strip() : m.substring(0, nl).strip();
    }
}
