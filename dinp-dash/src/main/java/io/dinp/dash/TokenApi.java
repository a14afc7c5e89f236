package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.model.access.Access;
import io.dinp.dash.auth.RateLimiter;
import io.dinp.model.access.AccountValidation;
import io.dinp.store.TokenInfo;
import io.dinp.store.TokenStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * API tokens: each acts as the user who created it. Shown once at creation; listed and revoked
 * by their user (site admins may revoke anyone's). Another user's token answers like a missing one.
 */
final class TokenApi {
    /**
     * Tokens a user may make: 20 at once, then one every 30 s. Enough for any person or script;
     * a stolen password or session cannot mint tokens by the thousand.
     */
    static RateLimiter defaultLimit() {
        return new RateLimiter(20, java.time.Duration.ofSeconds(30), 10_000);
    }

    private final TokenStore tokens;
    private final Audit audit;
    private final RateLimiter limit;
    private final java.time.Clock clock;

    TokenApi(TokenStore tokens, Audit audit) {
        this(tokens, audit, defaultLimit(), java.time.Clock.systemUTC());
    }

    TokenApi(TokenStore tokens, Audit audit, RateLimiter limit, java.time.Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.limit = limit;
        this.clock = clock;
    }

    void register(HttpApi api) {
        api.route("POST", "/api/v1/tokens", this::create);
        api.route("GET", "/api/v1/tokens", ex -> ex.json(200, tokens.list(ex.principal()).stream().map(TokenApi::view).toList()));
        api.route("DELETE", "/api/v1/tokens/{id}", this::revoke);
    }

    private void create(Exchange ex) throws Exception {
        RequestBody body = RequestBody.of(ex, Set.of("name"));
        String name = body.text("name");
        body.check(AccountValidation.tokenName(name));
        body.failIfErrors();
        var wait = limit.take(ex.principal(), clock.instant());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ex.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "too many new tokens for " + ex.principal() + "; try again in " + seconds + " s");
        }
        TokenStore.Issued issued = tokens.issue(name, ex.principal());
        audit.account(ex, ex.principal(), "token.created", name + " (" + issued.id() + ")");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.id());
        out.put("name", name);
        out.put("user", ex.principal());
        out.put("token", issued.token());
        ex.header("Cache-Control", "no-store");
        ex.json(201, out);
    }

    private void revoke(Exchange ex) throws Exception {
        String id = ex.param("id");
        TokenInfo t = tokens.get(id)
                .filter(found -> Access.canRevokeToken(ex.caller(), found.user()))
                .orElseThrow(() -> new ApiException(404, "no token " + id));
        tokens.revoke(t.id());
        audit.account(ex, ex.principal(), "token.revoked", t.name() + " (" + t.id() + ") of " + t.user());
        ex.noContent();
    }

    private static Map<String, Object> view(TokenInfo t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("createdAt", t.createdAt());
        out.put("lastUsedAt", t.lastUsedAt());
        return out;
    }
}
