package io.dinp.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The PKI contract on the embedded H2 database. */
class H2PkiTest extends PkiContract {
    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(Database.h2FileUrl(dataDir), "dinp", "");
    }
}
