package io.dinp.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 database, in a file as the product uses it. */
class H2StoreTest extends StoreContract {
    @TempDir
    static Path dataDir;

    @Override
    protected Database openDatabase() {
        return Database.open(Database.h2FileUrl(dataDir), "dinp", "");
    }
}
