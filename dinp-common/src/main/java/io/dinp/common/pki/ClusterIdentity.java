package io.dinp.common.pki;

import io.dinp.common.http.JsonClient;
import io.dinp.pki.ClusterTrust;
import io.dinp.pki.CredentialFiles;
import io.dinp.pki.Credentials;
import io.dinp.pki.Identity;
import io.dinp.pki.RenewalSchedule;
import io.dinp.pki.Role;
import io.dinp.pki.SwappableKeyManager;
import io.dinp.pki.TlsContexts;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's identity in the cluster while it runs: its current credentials, the TLS contexts
 * that present them (servers and clients alike), and their renewal at two thirds of each
 * certificate's life. A renewed certificate is written to disk and swapped in: new handshakes
 * present it, and the HTTP clients handed out here start new connections with it.
 */
public final class ClusterIdentity implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterIdentity.class);

    /** Gets the next certificate for the current one (over mutual TLS, or from the CA itself on the server). */
    @FunctionalInterface
    public interface Renewal {
        Credentials renew(Credentials current) throws Exception;
    }

    private final SwappableKeyManager keys;
    private final CredentialFiles files;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Credentials current;
    private ScheduledExecutorService renewals;
    private Renewal renewal;

    /** @param files where renewed credentials are written; null to keep them in memory only (the server's own) */
    public ClusterIdentity(Credentials first, CredentialFiles files, Clock clock) {
        this.current = first;
        this.keys = new SwappableKeyManager(first);
        this.files = files;
        this.clock = clock;
    }

    public Credentials current() {
        return current;
    }

    public Identity identity() {
        return current.identity();
    }

    public X509Certificate ca() {
        return current.ca();
    }

    /** Changes with each renewal. */
    public long generation() {
        return generation.get();
    }

    /** A server context presenting this identity and accepting clients of {@code peers}. */
    public SSLContext serverContext(Role... peers) {
        return TlsContexts.of(keys, new ClusterTrust(ca(), roles(peers)));
    }

    /**
     * HTTP clients presenting this identity to peers of the given roles. A new client (so new
     * connections, with the new certificate) after each renewal; each call of the supplier is cheap.
     */
    public Supplier<HttpClient> httpClient(Role... peers) {
        EnumSet<Role> roles = roles(peers);
        return new Supplier<>() {
            private long made = -1;
            private HttpClient client;

            @Override
            public synchronized HttpClient get() {
                long g = generation.get();
                if (g != made) {
                    // the old client is dropped, not shut down: calls under way on it finish
                    client = JsonClient.httpClient(TlsContexts.of(keys, new ClusterTrust(ca(), roles)));
                    made = g;
                }
                return client;
            }
        };
    }

    private static EnumSet<Role> roles(Role... peers) {
        return peers.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(peers));
    }

    /** Renews with {@code how} from now on, each time at two thirds of the certificate's life. */
    public synchronized ClusterIdentity renewWith(Renewal how) {
        if (renewals != null) {
            throw new IllegalStateException("renewal already started");
        }
        this.renewal = how;
        this.renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("dinp-renew-" + identity().role().id()).factory());
        schedule(RenewalSchedule.delay(current.notBefore(), current.notAfter(), clock.instant()));
        return this;
    }

    private void schedule(Duration wait) {
        try {
            renewals.schedule(this::renewNow, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void renewNow() {
        Credentials c = current;
        Instant now = clock.instant();
        Duration wait = RenewalSchedule.delay(c.notBefore(), c.notAfter(), now);
        if (!wait.isZero()) {
            schedule(wait); // woke early (a clock step): go back to sleep
            return;
        }
        try {
            Credentials next = renewal.renew(c);
            swap(next);
            log.info("renewed the certificate of {}: serial {}, valid until {}", next.identity(), next.serial(), next.notAfter());
            schedule(RenewalSchedule.delay(next.notBefore(), next.notAfter(), clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Duration retry = RenewalSchedule.retryDelay(c.notAfter(), clock.instant());
            log.warn("could not renew the certificate of {} (valid until {}), trying again in {} s: {}", c.identity(),
                    c.notAfter(), retry.toSeconds(), e.getMessage());
            schedule(retry);
        }
    }

    /** Takes {@code next} into use: on disk first, then for new handshakes and new clients. */
    public void swap(Credentials next) throws java.io.IOException {
        if (!next.identity().equals(current.identity())) {
            throw new IllegalArgumentException("a renewal must keep the identity " + current.identity() + ", got " + next.identity());
        }
        if (files != null) {
            files.save(next);
        }
        keys.swap(next);
        current = next;
        generation.incrementAndGet();
    }

    @Override
    public synchronized void close() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
    }
}
