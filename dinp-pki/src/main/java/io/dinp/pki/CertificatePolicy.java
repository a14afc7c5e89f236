package io.dinp.pki;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the certificates the CA signs live. Short lives bound what a stolen key is worth;
 * renewal at two thirds ({@link RenewalSchedule}) keeps them from running out.
 *
 * @param lifetime from issue to expiry; 30 days by default
 */
public record CertificatePolicy(Duration lifetime) {
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    /** Short enough for a test to watch several renewals; nothing real should go below minutes. */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(20);
    /** Browsers refuse server certificates that live longer than 398 days. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(397);
    /** Clock differences between machines: a certificate is valid a little before it was made. */
    static final Duration MAX_BACKDATE = Duration.ofMinutes(1);
    public static final CertificatePolicy DEFAULT = new CertificatePolicy(DEFAULT_LIFETIME);

    public CertificatePolicy {
        if (lifetime == null || lifetime.compareTo(MIN_LIFETIME) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("certificate lifetime: must be 20s to 397d, was " + lifetime);
        }
    }

    /**
     * When a certificate issued at {@code now} becomes valid: a minute earlier (a tenth of the
     * lifetime for very short ones), so a peer whose clock is a little behind still accepts it.
     */
    public Instant notBefore(Instant now) {
        Duration back = lifetime.dividedBy(10).compareTo(MAX_BACKDATE) < 0 ? lifetime.dividedBy(10) : MAX_BACKDATE;
        return now.minus(back);
    }

    public Instant notAfter(Instant now) {
        return now.plus(lifetime);
    }
}
