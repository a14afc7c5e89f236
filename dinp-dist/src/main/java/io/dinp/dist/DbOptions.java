package io.dinp.dist;

import io.dinp.common.PemTrust;
import io.dinp.store.Database;
import io.dinp.store.DatabaseTls;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the SQL store is: an embedded H2 file by default, or MySQL/MariaDB by JDBC URL, over TLS if asked. */
final class DbOptions {
    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "JDBC URL of the store, e.g. jdbc:mariadb://db:3306/dinp (default: H2 file in --data-dir)")
    String url;

    @Option(names = "--db-user", defaultValue = "dinp", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "file holding the database password (or set DINP_DB_PASSWORD)")
    Path passwordFile;

    @Option(names = "--db-tls", description = "reach MariaDB/MySQL over TLS, verifying the server's certificate and host name")
    boolean tls;

    @Option(names = "--db-ca-cert", paramLabel = "FILE",
            description = "PEM certificate of the CA that signed the database server's certificate, with --db-tls "
                    + "(default: the JVM's CAs)")
    Path caCertificate;

    /**
     * The TLS settings asked for, checked now.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    DatabaseTls tlsSettings() {
        if (caCertificate != null && !tls) {
            throw new IllegalArgumentException("--db-ca-cert needs --db-tls");
        }
        if (tls && url == null) {
            throw new IllegalArgumentException("--db-tls needs --db-url jdbc:mariadb://…: the embedded H2 database has no network to protect");
        }
        if (!tls) {
            return DatabaseTls.NONE;
        }
        // read now: a wrong file is a start-up error naming the option, not a driver error at the first query
        return DatabaseTls.verified(caCertificate == null ? null : PemTrust.read(caCertificate, "--db-ca-cert").file());
    }

    /**
     * Opens the store for {@code role}, warning on stderr when a remote database is reached in the clear.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     * @throws io.dinp.store.DatabaseUnreachableException saying why no connection could be made
     */
    Database open(Path dataDir, String role) throws Exception {
        DatabaseTls tlsSettings = tlsSettings();
        if (url == null) {
            java.nio.file.Files.createDirectories(dataDir);
            return Database.open(Database.h2FileUrl(dataDir), "dinp", "");
        }
        if (!tls && !Loopback.host(hostOf(url))) {
            System.err.println("dinp " + role + ": warning: the database is reached without TLS: queries, rows and the "
                    + "login cross the network in the clear (use --db-tls)");
        }
        String password = Secrets.read(passwordFile, "DINP_DB_PASSWORD", "database password");
        return Database.open(url, user, password == null ? "" : password, tlsSettings);
    }

    /** The first host of a jdbc:mariadb://host[:port][,host…]/db URL. */
    static String hostOf(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return "";
        }
        String rest = jdbcUrl.substring(start + 2);
        int end = rest.length();
        for (char c : new char[] {'/', ',', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String host = rest.substring(0, end);
        if (host.startsWith("[")) {
            return host.substring(1, Math.max(1, host.indexOf(']')));
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
