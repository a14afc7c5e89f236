package io.dinp.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The lease contract on the embedded H2 database (one process: one pool stands for both servers). */
class H2LeaseTest extends LeaseContract {
    @TempDir
    static Path dataDir;

    @Override
    protected Database[] openDatabases() {
        Database db = Database.open(Database.h2FileUrl(dataDir), "dinp", "");
        return new Database[] {db, db};
    }
}
