package io.dinp.store;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The leadership lease in SQL: compare-and-set writes on one row, and fenced transactions that
 * lock the row and check the writer still holds it at its term before anything else is written.
 * Because the take-over is an UPDATE of the same row, it waits for a fenced transaction holding
 * the row's lock and the fenced writes commit only while their term is current.
 */
public final class LeaseStore {
    private static final int MAX_HOLDER = 128;
    private static final int MAX_ADVERTISE = 512;
    private final Jdbi jdbi;
    private final String name;

    public LeaseStore(Database db, String name) {
        this.jdbi = db.jdbi();
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The controller's lease. */
    public static LeaseStore controller(Database db) {
        return new LeaseStore(db, "controller");
    }

    public Lease read() {
        return jdbi.withHandle(h -> read(h, false));
    }

    private Lease read(Handle h, boolean lock) {
        Optional<Lease> l = h.createQuery("SELECT holder, term, version, advertise FROM leader_lease WHERE name = :name"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("name", name)
                .map((rs, ctx) -> new Lease(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .findOne();
        if (l.isPresent()) {
            return l.get();
        }
        h.createUpdate("INSERT INTO leader_lease (name, holder, term, version, advertise) VALUES (:name, '', 0, 0, '')")
                .bind("name", name).execute();
        return new Lease("", 0, 0, "");
    }

    /**
     * Takes the lease over from what was seen: succeeds only if nobody wrote the row since.
     *
     * @return the new lease (term one higher than {@code seen}), or empty when someone else was faster
     */
    public Optional<Lease> acquire(Lease seen, String holder, String advertise) {
        check(holder, advertise);
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE leader_lease SET holder = :holder, term = term + 1, "
                        + "version = version + 1, advertise = :advertise WHERE name = :name AND term = :term AND version = :version")
                .bind("holder", holder)
                .bind("advertise", advertise)
                .bind("name", name)
                .bind("term", seen.term())
                .bind("version", seen.version())
                .execute());
        return n == 1 ? Optional.of(new Lease(holder, seen.term() + 1, seen.version() + 1, advertise)) : Optional.empty();
    }

    /** Renews the lease held at {@code term}; false when it is no longer ours. */
    public boolean renew(String holder, long term) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE leader_lease SET version = version + 1 "
                        + "WHERE name = :name AND holder = :holder AND term = :term")
                .bind("name", name)
                .bind("holder", holder)
                .bind("term", term)
                .execute()) == 1;
    }

    /** Gives the lease up (a clean stop), so a standby takes over at once; false when it was not ours. */
    public boolean release(String holder, long term) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE leader_lease SET holder = '', version = version + 1, "
                        + "advertise = '' WHERE name = :name AND holder = :holder AND term = :term")
                .bind("name", name)
                .bind("holder", holder)
                .bind("term", term)
                .execute()) == 1;
    }

    /**
     * Runs {@code work} in one transaction that first locks the lease and checks that
     * {@code holder} still holds it at {@code term}. Stores called inside on the same thread join
     * the transaction (Jdbi hands nested calls the same handle), so their writes commit only with
     * the check.
     *
     * @throws StaleTermException when the lease moved on; nothing is written
     */
    public <T> T fenced(String holder, long term, HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(h -> {
            Lease now = read(h, true);
            if (!now.holder().equals(holder) || now.term() != term) {
                throw new StaleTermException(holder, term, now);
            }
            return work.withHandle(h);
        });
    }

    private static void check(String holder, String advertise) {
        if (holder == null || holder.isEmpty() || holder.length() > MAX_HOLDER) {
            throw new IllegalArgumentException("holder: 1 to " + MAX_HOLDER + " characters");
        }
        if (advertise == null || advertise.length() > MAX_ADVERTISE) {
            throw new IllegalArgumentException("advertise: at most " + MAX_ADVERTISE + " characters");
        }
    }
}
