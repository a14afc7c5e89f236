package io.dinp.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a component renews its certificate: at two thirds of its validity, which leaves a third
 * of it (10 days of 30) to retry through a server outage before it runs out. Pure functions of the
 * certificate's dates and {@code now}.
 */
public final class RenewalSchedule {
    static final Duration MIN_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private RenewalSchedule() {
    }

    public static Instant renewAt(Instant notBefore, Instant notAfter) {
        Duration life = Duration.between(notBefore, notAfter);
        return notBefore.plus(life.multipliedBy(2).dividedBy(3));
    }

    public static Instant renewAt(X509Certificate cert) {
        return renewAt(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }

    /** How long to wait from {@code now} before renewing; zero when it is due. */
    public static Duration delay(Instant notBefore, Instant notAfter, Instant now) {
        Duration d = Duration.between(now, renewAt(notBefore, notAfter));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * How long to wait after a failed renewal: a tenth of what is left, between 1 s and 5 min, so
     * a certificate close to its end is retried often and a fresh one does not hammer the server.
     */
    public static Duration retryDelay(Instant notAfter, Instant now) {
        Duration left = Duration.between(now, notAfter).dividedBy(10);
        if (left.compareTo(MIN_RETRY) < 0) {
            return MIN_RETRY;
        }
        return left.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : left;
    }
}
