package io.dinp.store;

import io.dinp.pki.Identity;
import io.dinp.pki.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Every certificate the cluster CA issued, by serial, and which are revoked. Revoking a node
 * revokes every certificate issued to it so far; one issued later (it joined again with a new
 * token) is good.
 */
public final class IssuedCertificateStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public IssuedCertificateStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public IssuedCertificateStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    public void record(String serial, Identity identity, Instant notAfter) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO issued_certificates (serial, role, subject_id, issued_at, not_after) "
                        + "VALUES (:serial, :role, :id, :now, :notAfter)")
                .bind("serial", serial)
                .bind("role", identity.role().id())
                .bind("id", identity.id())
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .bind("notAfter", UtcTimes.toColumn(notAfter))
                .execute());
    }

    /** Whether the CA ever issued a certificate to {@code identity}. */
    public boolean issuedTo(Identity identity) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM issued_certificates WHERE role = :role AND subject_id = :id")
                .bind("role", identity.role().id()).bind("id", identity.id()).mapTo(Integer.class).one()) > 0;
    }

    /**
     * Revokes every certificate issued to {@code identity} that is not revoked yet.
     *
     * @return how many were revoked now
     */
    public int revoke(Identity identity, String by) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE issued_certificates SET revoked_at = :now, revoked_by = :by "
                        + "WHERE role = :role AND subject_id = :id AND revoked_at IS NULL")
                .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                .bind("by", by)
                .bind("role", identity.role().id())
                .bind("id", identity.id())
                .execute());
    }

    /** The revoked certificates that have not expired at {@code now} (expired ones are refused anyway), by serial. */
    public Map<String, Identity> revoked(Instant now) {
        Map<String, Identity> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT serial, role, subject_id FROM issued_certificates "
                        + "WHERE revoked_at IS NOT NULL AND not_after > :now ORDER BY serial")
                .bind("now", UtcTimes.toColumn(now))
                .map((rs, ctx) -> Map.entry(rs.getString("serial"), new Identity(Role.parse(rs.getString("role")), rs.getString("subject_id"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }
}
