package io.dinp.server.pki;

import io.dinp.common.pki.ClusterIdentity;
import io.dinp.pki.CertificatePolicy;
import io.dinp.pki.ClusterCa;
import io.dinp.pki.Credentials;
import io.dinp.pki.Fingerprints;
import io.dinp.pki.Identity;
import io.dinp.pki.KeyPairs;
import io.dinp.pki.Role;
import io.dinp.store.ClusterCaStore;
import io.dinp.store.Database;
import io.dinp.store.IssuedCertificateStore;
import io.dinp.store.JoinTokenStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's PKI: the cluster CA (checked against the one the database knows), the server's own
 * certificate, issued here and renewed here, what the CA issued and revoked, and the join tokens.
 */
public final class ServerPki implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerPki.class);
    /** How often the revocations are re-read without a notice from dash. */
    static final long RELOAD_SECONDS = 5;

    private final ClusterCa ca;
    private final CertificatePolicy policy;
    private final Clock clock;
    private final JoinTokenStore tokens;
    private final IssuedCertificateStore issued;
    private final Revocations revocations;
    private final ClusterIdentity self;
    private final ScheduledExecutorService reloads;
    private volatile Consumer<Identity> onRevoked = who -> { };

    private ServerPki(ClusterCa ca, CertificatePolicy policy, Clock clock, Database db) {
        this.ca = ca;
        this.policy = policy;
        this.clock = clock;
        this.tokens = new JoinTokenStore(db, clock);
        this.issued = new IssuedCertificateStore(db, clock);
        this.revocations = new Revocations(issued, clock);
        Identity me = new Identity(Role.SERVER, "server");
        this.self = new ClusterIdentity(issueOwn(me), null, clock).renewWith(current -> issueOwn(me));
        this.reloads = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dinp-revocations").factory());
    }

    /**
     * Checks that {@code ca} is the cluster's (recording it when the database has none yet) and
     * starts re-reading the revocations.
     *
     * @throws IllegalStateException when the database belongs to a cluster with another CA
     */
    public static ServerPki start(ClusterCa ca, Database db, CertificatePolicy policy, Clock clock) {
        X509Certificate known = new ClusterCaStore(db, clock).claim(ca.certificate());
        if (!known.equals(ca.certificate())) {
            throw new IllegalStateException("the database belongs to a cluster whose CA has the fingerprint "
                    + Fingerprints.sha256(known) + ", this server's CA is " + ca.fingerprint()
                    + ": give this server that CA (--ca-cert, --ca-key, or copy DATA_DIR/pki/ca from the first server)");
        }
        ServerPki pki = new ServerPki(ca, policy, clock, db);
        pki.revocations.reload();
        pki.reloads.scheduleWithFixedDelay(pki::reloadRevocations, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
        log.info("cluster CA sha256 {}; certificates live {}", ca.fingerprint(), policy.lifetime());
        return pki;
    }

    private Credentials issueOwn(Identity me) {
        var keys = KeyPairs.ecP256();
        return new Credentials(keys.getPrivate(), ca.issue(keys.getPublic(), me, List.of(), clock.instant(), policy), ca.certificate());
    }

    /** Who to tell when certificates turn out revoked: the controller, which then counts the node as gone. */
    public void onRevoked(Consumer<Identity> listener) {
        this.onRevoked = listener;
    }

    /** Re-reads the revocations now and tells of new ones. */
    public void reloadRevocations() {
        try {
            for (Identity who : revocations.reload()) {
                log.warn("the certificates of {} were revoked: refused from now on", who);
                onRevoked.accept(who);
            }
        } catch (RuntimeException e) {
            log.warn("could not re-read the revoked certificates (keeping the last list): {}", e.toString());
        }
    }

    /** Signs a certificate for {@code who} and records it. */
    X509Certificate issue(PublicKey key, Identity who, List<String> names) {
        X509Certificate cert = ca.issue(key, who, names, clock.instant(), policy);
        issued.record(cert.getSerialNumber().toString(16), who, cert.getNotAfter().toInstant());
        return cert;
    }

    public ClusterCa ca() {
        return ca;
    }

    public ClusterIdentity identity() {
        return self;
    }

    public Revocations revocations() {
        return revocations;
    }

    JoinTokenStore tokens() {
        return tokens;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        reloads.shutdownNow();
        self.close();
    }
}
