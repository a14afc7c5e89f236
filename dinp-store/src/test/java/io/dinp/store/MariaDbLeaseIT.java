package io.dinp.store;

/** The lease contract on a real MariaDB server, through two pools as two servers would. */
class MariaDbLeaseIT extends LeaseContract {
    private MariaDbTestDatabase database;

    @Override
    protected Database[] openDatabases() throws Exception {
        database = MariaDbTestDatabase.create();
        return new Database[] {
            Database.open(database.url(), MariaDbTestDatabase.USER, MariaDbTestDatabase.PASSWORD),
            Database.open(database.url(), MariaDbTestDatabase.USER, MariaDbTestDatabase.PASSWORD)};
    }

    @Override
    protected void afterDatabasesClosed() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
