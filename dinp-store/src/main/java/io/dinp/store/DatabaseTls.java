package io.dinp.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Whether a {@link Database} reaches MariaDB/MySQL over TLS, with the server's certificate and
 * name verified ({@code sslMode=verify-full}), and which CA vouches for that certificate. Without
 * TLS, MariaDB Connector/J sends every query, row and the login in the clear.
 *
 * @param caCertificate PEM file of the CA that signed the server's certificate; null: the JVM's CAs
 */
public record DatabaseTls(boolean enabled, Path caCertificate) {
    /** No TLS: the driver's default, for H2 and for MariaDB on loopback. */
    public static final DatabaseTls NONE = new DatabaseTls(false, null);

    /** URL options that choose TLS themselves; with them in the URL, who decides would be unclear. */
    private static final String[] TLS_URL_OPTIONS = {"sslmode", "usessl", "serversslcert", "truststore", "trustservercertificate"};

    public DatabaseTls {
        if (!enabled && caCertificate != null) {
            throw new IllegalArgumentException("a CA certificate for the database needs TLS turned on");
        }
    }

    /** TLS verifying the server's certificate against {@code caCertificate} (null: the JVM's CAs) and its name. */
    public static DatabaseTls verified(Path caCertificate) {
        return new DatabaseTls(true, caCertificate);
    }

    /**
     * Checks that TLS can apply to {@code jdbcUrl}.
     *
     * @throws IllegalArgumentException for an H2 URL, or a URL that sets TLS options of its own
     */
    void checkFits(String jdbcUrl, DatabaseKind kind) {
        if (!enabled) {
            return;
        }
        if (kind != DatabaseKind.MARIADB) {
            throw new IllegalArgumentException("TLS applies to MariaDB/MySQL (jdbc:mariadb://…), not to " + JdbcUrls.redact(jdbcUrl));
        }
        int query = jdbcUrl.indexOf('?');
        String options = query < 0 ? "" : jdbcUrl.substring(query + 1).toLowerCase(Locale.ROOT);
        for (String o : TLS_URL_OPTIONS) {
            if (("&" + options).contains("&" + o + "=")) {
                throw new IllegalArgumentException("the database URL sets " + o + " itself; with TLS turned on, leave"
                        + " the TLS options out of the URL");
            }
        }
    }

    /** What MariaDB Connector/J is given next to the URL. */
    Properties driverProperties() {
        Properties p = new Properties();
        if (enabled) {
            // verify-full: the chain up to the CA and the host name in the URL, as a browser would
            p.setProperty("sslMode", "verify-full");
            if (caCertificate != null) {
                p.setProperty("serverSslCert", caCertificate.toAbsolutePath().toString());
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return !enabled ? "no TLS" : "TLS, server verified by " + (caCertificate == null ? "the JVM's CAs" : caCertificate);
    }
}
