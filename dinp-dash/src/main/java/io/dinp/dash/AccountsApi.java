package io.dinp.dash;

import io.dinp.common.http.HttpApi;
import io.dinp.dash.auth.CallerResolver;
import io.dinp.store.Database;
import io.dinp.store.EventStore;
import io.dinp.store.SessionStore;
import io.dinp.store.TeamStore;
import io.dinp.store.TokenStore;
import io.dinp.store.UserStore;

/** Registers the account routes: sessions, users, teams, tokens, the audit log. */
final class AccountsApi {
    private AccountsApi() {
    }

    static void register(HttpApi api, Database db, CallerResolver auth, AppGuard guard, TokenStore tokens, EventStore events,
                         DashConfig config) {
        Audit audit = new Audit(events);
        UserStore users = new UserStore(db);
        SessionStore sessions = new SessionStore(db);
        new SessionApi(sessions, auth.passwords(), audit, config.sessionTtl(), config.secureCookies()).register(api);
        new UserApi(users, sessions, auth.passwords(), audit).register(api);
        new TeamApi(new TeamStore(db), users, audit).register(api);
        new TokenApi(tokens, audit, TokenApi.defaultLimit(), config.clock()).register(api);
        new AuditApi(events, guard).register(api);
    }
}
