package io.dinp.store;

import io.dinp.model.TlsCertificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The TLS certificate of each custom domain that has one; replacing one is a single upsert. */
public final class CertificateStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public CertificateStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public CertificateStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** Stores (or replaces) the domain's certificate; the caller checked it. */
    public void put(String domain, String app, TlsCertificate cert, Instant notAfter) {
        var now = UtcTimes.toColumn(UtcTimes.now(clock));
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM certificates WHERE domain = :d").bind("d", domain).execute();
            h.createUpdate("INSERT INTO certificates (domain, app, chain_pem, key_pem, not_after, created_at) "
                            + "VALUES (:d, :app, :chain, :key, :notAfter, :now)")
                    .bind("d", domain).bind("app", app).bind("chain", cert.chainPem()).bind("key", cert.keyPem())
                    .bind("notAfter", UtcTimes.toColumn(notAfter)).bind("now", now).execute();
        });
    }

    public Optional<TlsCertificate> get(String domain) {
        return jdbi.withHandle(h -> h.createQuery("SELECT chain_pem, key_pem FROM certificates WHERE domain = :d")
                .bind("d", domain).map((rs, ctx) -> new TlsCertificate(rs.getString("chain_pem"), rs.getString("key_pem")))
                .findOne());
    }

    /** @return whether the app's domain had one */
    public boolean delete(String domain, String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM certificates WHERE domain = :d AND app = :app")
                .bind("d", domain).bind("app", app).execute()) > 0;
    }

    /** Every certificate, domain → chain and key. */
    public Map<String, TlsCertificate> all() {
        Map<String, TlsCertificate> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT domain, chain_pem, key_pem FROM certificates ORDER BY domain")
                .map((rs, ctx) -> Map.entry(rs.getString("domain"),
                        new TlsCertificate(rs.getString("chain_pem"), rs.getString("key_pem"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    public int deleteAll(String app) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM certificates WHERE app = :app").bind("app", app).execute());
    }
}
