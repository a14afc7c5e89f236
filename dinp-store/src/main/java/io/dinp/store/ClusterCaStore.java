package io.dinp.store;

import io.dinp.pki.Fingerprints;
import io.dinp.pki.Pem;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The cluster CA's certificate in SQL, so every server can check it runs with the cluster's CA
 * and dash can trust the server when it joins. Never the key.
 */
public final class ClusterCaStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public ClusterCaStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public ClusterCaStore(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /** The cluster's CA certificate, or empty before the first server started. */
    public Optional<X509Certificate> get() {
        return jdbi.withHandle(h -> h.createQuery("SELECT cert_pem FROM cluster_ca WHERE id = 1").mapTo(String.class).findOne())
                .map(Pem::certificate);
    }

    /**
     * Records {@code ca} as the cluster's unless one is recorded already; answers the one
     * recorded, which the caller compares with its own (two first starts race: one wins).
     */
    public X509Certificate claim(X509Certificate ca) {
        Optional<X509Certificate> known = get();
        if (known.isPresent()) {
            return known.get();
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO cluster_ca (id, cert_pem, fingerprint, created_at) "
                            + "VALUES (1, :pem, :fp, :now)")
                    .bind("pem", Pem.certificate(ca))
                    .bind("fp", Fingerprints.sha256(ca))
                    .bind("now", UtcTimes.toColumn(UtcTimes.now(clock)))
                    .execute());
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        return get().orElseThrow();
    }
}
