package io.dinp.server.pki;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.access.AuthMethod;
import io.dinp.model.access.Caller;
import io.dinp.pki.Identity;
import io.dinp.pki.Role;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Who calls the control API: the identity of the client certificate the TLS handshake checked
 * (the cluster CA, an accepted role). Checked again on every request, not only per connection:
 * an expired certificate is refused (401), a revoked one at once (403), even on a connection
 * opened before.
 */
public final class PeerAuthenticator implements HttpApi.Authenticator {
    private final Revocations revocations;
    private final Clock clock;

    public PeerAuthenticator(Revocations revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(Exchange ex) {
        X509Certificate cert = ex.peerCertificate();
        if (cert == null) {
            throw new ApiException(401, "the control API wants a client certificate of this cluster: join with a one-time "
                    + "token first (dinp nodes token create)");
        }
        Identity who = Identity.of(cert);
        if (!clock.instant().isBefore(cert.getNotAfter().toInstant())) {
            throw new ApiException(401, "the certificate of " + who + " expired at " + cert.getNotAfter().toInstant());
        }
        if (revocations.isRevoked(cert.getSerialNumber().toString(16))) {
            throw new ApiException(403, "the certificate of " + who + " was revoked: join again with a new token");
        }
        return new Caller(who.role().id() + ":" + who.id(), false, Map.of(), AuthMethod.CLUSTER);
    }

    /**
     * The caller's identity, which must have one of {@code roles}.
     *
     * @throws ApiException 403 naming what the caller is
     */
    public static Identity require(Exchange ex, Role... roles) {
        Identity who = Identity.of(ex.peerCertificate());
        if (Arrays.stream(roles).noneMatch(r -> r == who.role())) {
            throw new ApiException(403, who + " may not call " + ex.method() + " " + ex.path());
        }
        return who;
    }

    /** The caller, which must be {@code role} with the id {@code id} (a node asking about itself). */
    public static Identity requireSelf(Exchange ex, Role role, String id) {
        Identity who = require(ex, role);
        if (!who.id().equals(id)) {
            throw new ApiException(403, who + " may speak only for itself, not for " + role.id() + " " + id);
        }
        return who;
    }
}
