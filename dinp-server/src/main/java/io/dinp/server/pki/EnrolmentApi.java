package io.dinp.server.pki;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.common.pki.EnrolRequest;
import io.dinp.common.pki.IssuedCertificate;
import io.dinp.common.pki.RenewRequest;
import io.dinp.model.FieldError;
import io.dinp.pki.Csr;
import io.dinp.pki.HostNames;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinGrant;
import io.dinp.pki.JoinToken;
import io.dinp.pki.Pem;
import io.dinp.pki.Role;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining and renewal on the control API. {@code POST /internal/v1/pki/enrol} is the one route
 * without a client certificate: a one-time join token stands for it, used up by the certificate it
 * buys. {@code POST /internal/v1/pki/renew} needs the current certificate (mutual TLS) and keeps
 * its identity. Both take a CSR: private keys never travel.
 */
public final class EnrolmentApi {
    private static final Logger log = LoggerFactory.getLogger(EnrolmentApi.class);

    private final ServerPki pki;
    private final Consumer<Identity> joined;

    /** @param joined told of every component that joined (a node joining again after a revocation counts again) */
    public EnrolmentApi(ServerPki pki, Consumer<Identity> joined) {
        this.pki = pki;
        this.joined = joined;
    }

    public void register(HttpApi api) {
        api.open("POST", "/internal/v1/pki/enrol", this::enrol);
        api.route("POST", "/internal/v1/pki/renew", this::renew);
    }

    private void enrol(Exchange ex) throws Exception {
        EnrolRequest req = ex.body(EnrolRequest.class);
        List<FieldError> errors = new ArrayList<>();
        Role role = null;
        try {
            role = Role.parse(req.role());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("role", e.getMessage()));
        }
        Identity who = null;
        if (role != null) {
            try {
                who = new Identity(role, req.id());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("id", e.getMessage().substring(e.getMessage().indexOf(':') + 2)));
            }
        }
        PublicKey key = csr(req.csr(), errors);
        List<String> names = names(role, req.names(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        JoinToken token;
        try {
            token = JoinToken.parse(req.token());
        } catch (JoinToken.Malformed e) {
            throw new ApiException(401, e.getMessage());
        }
        Instant now = pki.clock().instant();
        JoinGrant grant = pki.tokens().find(token.id()).orElse(null);
        String refusal = JoinGrant.refusal(token, grant, pki.ca().fingerprint(), now);
        if (refusal != null) {
            log.warn("refused to let {} join from {}: {}", who, ex.remoteAddress(), refusal);
            throw new ApiException(401, refusal);
        }
        if (grant.role() != role) {
            // checked before the token is used: a mistake does not cost the operator the token
            throw new ApiException(403, "this join token is for a " + grant.role().id() + ", not a " + role.id());
        }
        if (!pki.tokens().use(grant.id(), who.id(), now)) {
            throw new ApiException(401, "the join token was used or expired a moment ago; make a new one with dinp nodes token create");
        }
        X509Certificate cert = pki.issue(key, who, names);
        log.info("{} joined from {} with token {}: certificate serial {} until {}", who, ex.remoteAddress(), grant.id(),
                cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
        joined.accept(who);
        reply(ex, cert);
    }

    private void renew(Exchange ex) throws Exception {
        X509Certificate current = ex.peerCertificate();
        Identity who = Identity.of(current);
        RenewRequest req = ex.body(RenewRequest.class);
        List<FieldError> errors = new ArrayList<>();
        PublicKey key = csr(req.csr(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        X509Certificate cert = pki.issue(key, who, alternativeNames(current));
        log.info("renewed the certificate of {}: serial {} until {}", who, cert.getSerialNumber().toString(16),
                cert.getNotAfter().toInstant());
        reply(ex, cert);
    }

    private void reply(Exchange ex, X509Certificate cert) throws java.io.IOException {
        ex.header("Cache-Control", "no-store");
        ex.json(200, new IssuedCertificate(Pem.certificate(cert), Pem.certificate(pki.ca().certificate())));
    }

    private static PublicKey csr(String pem, List<FieldError> errors) {
        try {
            return Csr.verify(pem);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("csr", e.getMessage()));
            return null;
        }
    }

    /** Only dash serves users by name; the others are reached through the cluster's own trust. */
    private static List<String> names(Role role, List<String> names, List<FieldError> errors) {
        if (names == null || names.isEmpty()) {
            return List.of();
        }
        if (role != Role.DASH) {
            errors.add(new FieldError("names", "only dash's certificate carries host names"));
            return List.of();
        }
        try {
            return HostNames.check(names);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("names", e.getMessage().substring("names: ".length())));
            return List.of();
        }
    }

    /** The DNS names and IP addresses a certificate carries, kept through its renewals. */
    static List<String> alternativeNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new ApiException(400, "the current certificate's alternative names do not parse");
        }
        return out;
    }
}
