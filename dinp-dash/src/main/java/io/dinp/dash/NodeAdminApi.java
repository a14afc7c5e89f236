package io.dinp.dash;

import io.dinp.common.Durations;
import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.ClusterView;
import io.dinp.model.FieldError;
import io.dinp.model.access.Access;
import io.dinp.pki.Fingerprints;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinGrant;
import io.dinp.pki.Role;
import io.dinp.store.ClusterCaStore;
import io.dinp.store.IssuedCertificateStore;
import io.dinp.store.JoinTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may join the cluster, for site admins: one-time join tokens (made, listed without their
 * secret, deleted) and the revocation of a node's certificates, which the server enforces at once.
 */
final class NodeAdminApi {
    private static final Logger log = LoggerFactory.getLogger(NodeAdminApi.class);
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final JoinTokenStore tokens;
    private final IssuedCertificateStore issued;
    private final ClusterCaStore cas;
    private final ClusterView cluster;
    private final Audit audit;
    private final Clock clock;

    NodeAdminApi(JoinTokenStore tokens, IssuedCertificateStore issued, ClusterCaStore cas, ClusterView cluster, Audit audit,
                 Clock clock) {
        this.tokens = tokens;
        this.issued = issued;
        this.cas = cas;
        this.cluster = cluster;
        this.audit = audit;
        this.clock = clock;
    }

    void register(HttpApi api) {
        api.route("POST", "/api/v1/nodes/tokens", this::create);
        api.route("GET", "/api/v1/nodes/tokens", this::list);
        api.route("DELETE", "/api/v1/nodes/tokens/{id}", this::delete);
        api.route("POST", "/api/v1/nodes/{id}/revoke", this::revoke);
    }

    /** Before anything is looked up: others learn nothing, not even whether a token or node exists. */
    private static void adminOnly(Exchange ex) {
        if (!Access.canManageNodes(ex.caller())) {
            throw new ApiException(403, "only site admins manage the cluster's nodes and join tokens");
        }
    }

    private void create(Exchange ex) throws Exception {
        adminOnly(ex);
        RequestBody body = RequestBody.of(ex, Set.of("role", "ttl"));
        String roleText = body.text("role");
        String ttlText = body.text("ttl");
        Role role = Role.NODE;
        Duration ttl = DEFAULT_TTL;
        if (roleText != null) {
            try {
                role = Role.parse(roleText);
                if (!role.joinable()) {
                    body.check(List.of(new FieldError("role", "must be node, hm or dash")));
                }
            } catch (IllegalArgumentException e) {
                body.check(List.of(new FieldError("role", "must be node, hm or dash, was '" + roleText + "'")));
            }
        }
        if (ttlText != null) {
            try {
                ttl = Durations.parse(ttlText);
                if (ttl.compareTo(JoinTokenStore.MIN_TTL) < 0 || ttl.compareTo(JoinTokenStore.MAX_TTL) > 0) {
                    body.check(List.of(new FieldError("ttl", "must be 1m to 7d, was " + ttlText)));
                }
            } catch (IllegalArgumentException e) {
                body.check(List.of(new FieldError("ttl", e.getMessage())));
            }
        }
        body.failIfErrors();
        var ca = cas.get().orElseThrow(() -> new ApiException(409, "this platform has no cluster CA: join tokens are for "
                + "clusters started with dinp server (dinp up runs its one node in-process)"));
        JoinTokenStore.Issued made = tokens.issue(Fingerprints.sha256(ca), role, ttl, ex.principal());
        audit.account(ex, ex.principal(), "node.token-created", role.id() + " token " + made.grant().id() + " until "
                + made.grant().expiresAt());
        Map<String, Object> out = view(made.grant(), ex.principal());
        out.put("token", made.token().value());
        out.put("caFingerprint", made.token().caFingerprint());
        ex.header("Cache-Control", "no-store");
        ex.json(201, out);
    }

    private void list(Exchange ex) throws Exception {
        adminOnly(ex);
        ex.json(200, tokens.list().stream().map(l -> view(l.grant(), l.createdBy())).toList());
    }

    private void delete(Exchange ex) throws Exception {
        adminOnly(ex);
        String id = ex.param("id");
        if (!tokens.delete(id)) {
            throw new ApiException(404, "no join token " + id);
        }
        audit.account(ex, ex.principal(), "node.token-deleted", "token " + id);
        ex.noContent();
    }

    private void revoke(Exchange ex) throws Exception {
        adminOnly(ex);
        Identity node;
        try {
            node = new Identity(Role.NODE, ex.param("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new FieldError("node", "is not a node id: " + ex.param("id"))));
        }
        int revoked = issued.revoke(node, ex.principal());
        if (revoked == 0 && !issued.issuedTo(node)) {
            throw new ApiException(404, "node " + node.id() + " never joined with a certificate");
        }
        audit.account(ex, ex.principal(), "node.revoked", node.id() + ": " + revoked + " certificate(s)");
        try {
            cluster.certificatesRevoked(node.id());
        } catch (Exception e) {
            // recorded in SQL already: the servers re-read it within seconds
            log.warn("could not tell the server that node {} was revoked ({}); it will see it at its next re-read", node.id(),
                    e.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node.id());
        out.put("revokedCertificates", revoked);
        ex.json(200, out);
    }

    private Map<String, Object> view(JoinGrant g, String createdBy) {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("role", g.role().id());
        out.put("state", g.state(now));
        out.put("createdBy", createdBy);
        out.put("createdAt", g.createdAt());
        out.put("expiresAt", g.expiresAt());
        if (g.usedAt() != null) {
            out.put("usedAt", g.usedAt());
            out.put("usedBy", g.usedBy());
        }
        return out;
    }
}
