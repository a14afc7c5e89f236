package io.dinp.store;

/** The PKI contract on a real MariaDB server. */
class MariaDbPkiIT extends PkiContract {
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
}
