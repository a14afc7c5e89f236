package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The store contract on a real MariaDB server, plus surviving the server dropping connections. */
class MariaDbStoreIT extends StoreContract {
    private MariaDbTestDatabase database;

    @Override
    protected Database openDatabase() throws Exception {
        database = MariaDbTestDatabase.create();
        return Database.open(database.url(), MariaDbTestDatabase.USER, MariaDbTestDatabase.PASSWORD);
    }

    @Override
    protected void afterDatabaseClosed() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void kindIsMariaDb() {
        assertThat(db.kind()).isEqualTo(DatabaseKind.MARIADB);
    }

    @Test
    void poolRecoversWhenTheServerDropsItsConnections() throws Exception {
        AppStore apps = new AppStore(db, clock);
        apps.create(spec("survivor"));

        assertThat(database.killConnections()).isPositive();

        // the very next call must succeed: the pool validates and replaces dead connections
        assertThat(apps.get("survivor")).isPresent();
        assertThat(apps.update("survivor", s -> s.withInstances(3)).generation()).isEqualTo(2);
    }
}
