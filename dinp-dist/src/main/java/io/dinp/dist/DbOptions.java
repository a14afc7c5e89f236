package io.dinp.dist;

import io.dinp.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the SQL store is: an embedded H2 file by default, or MySQL/MariaDB by JDBC URL. */
final class DbOptions {
    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "JDBC URL of the store, e.g. jdbc:mariadb://db:3306/dinp (default: H2 file in --data-dir)")
    String url;

    @Option(names = "--db-user", defaultValue = "dinp", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password-file", paramLabel = "FILE",
            description = "file holding the database password (or set DINP_DB_PASSWORD)")
    Path passwordFile;

    Database open(Path dataDir) throws Exception {
        if (url == null) {
            java.nio.file.Files.createDirectories(dataDir);
            return Database.open(Database.h2FileUrl(dataDir), "dinp", "");
        }
        String password = Secrets.read(passwordFile, "DINP_DB_PASSWORD", "database password");
        return Database.open(url, user, password == null ? "" : password);
    }
}
