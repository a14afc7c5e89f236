package io.dinp.dash;

import io.dinp.common.http.ApiException;
import io.dinp.common.http.Exchange;
import io.dinp.common.http.HttpApi;
import io.dinp.dash.auth.PasswordLogin;
import io.dinp.model.FieldError;
import io.dinp.model.access.Access;
import io.dinp.model.access.AccountValidation;
import io.dinp.model.access.Caller;
import io.dinp.store.SessionStore;
import io.dinp.store.User;
import io.dinp.store.UserExistsException;
import io.dinp.store.UserStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Local users: site admins create and list them; everyone changes their own password. */
final class UserApi {
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordLogin passwords;
    private final Audit audit;

    UserApi(UserStore users, SessionStore sessions, PasswordLogin passwords, Audit audit) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
    }

    void register(HttpApi api) {
        api.route("POST", "/api/v1/users", this::create);
        api.route("GET", "/api/v1/users", ex -> {
            if (!Access.canListUsers(ex.caller())) {
                throw new ApiException(403, "only site admins list users");
            }
            ex.json(200, users.list().stream().map(UserApi::view).toList());
        });
        api.route("PUT", "/api/v1/users/{user}/password", this::setPassword);
    }

    private void create(Exchange ex) throws Exception {
        if (!Access.canCreateUsers(ex.caller())) {
            throw new ApiException(403, "only site admins create users");
        }
        RequestBody body = RequestBody.of(ex, Set.of("name", "password", "admin"));
        String name = body.text("name");
        String password = body.text("password");
        boolean admin = body.bool("admin", false);
        body.check(AccountValidation.user("name", name));
        body.check(AccountValidation.password("password", password));
        body.failIfErrors();
        User created;
        try {
            created = users.create(name, passwords.hash(password), admin);
        } catch (UserExistsException e) {
            throw new ApiException(409, "user " + name + " already exists");
        }
        audit.account(ex, ex.principal(), "user.created", name + (admin ? " (site admin)" : ""));
        ex.json(201, view(created));
    }

    private void setPassword(Exchange ex) throws Exception {
        Caller c = ex.caller();
        String user = ex.param("user");
        if (!Access.canSetPassword(c, user)) {
            // the same answer whether that user exists or not
            throw new ApiException(403, "you may change only your own password");
        }
        RequestBody body = RequestBody.of(ex, Set.of("password", "currentPassword"));
        String password = body.text("password");
        String current = body.text("currentPassword");
        body.check(AccountValidation.password("password", password));
        boolean needsCurrent = Access.needsCurrentPassword(c, user);
        if (needsCurrent && (current == null || current.isEmpty())) {
            body.check(List.of(new FieldError("currentPassword", "is required to change your own password")));
        }
        body.failIfErrors();
        if (users.get(user).isEmpty()) {
            throw new ApiException(404, "no user named " + user);
        }
        if (needsCurrent) {
            try {
                passwords.check(ex, user, current);
            } catch (ApiException e) {
                if (e.status() == 401) {
                    throw new ApiException(403, "currentPassword is wrong");
                }
                throw e;
            }
        }
        users.setPassword(user, passwords.hash(password));
        // whoever knew the old password may hold a session: end them all (tokens stay: revoke those separately)
        int ended = sessions.deleteAllOf(user);
        audit.account(ex, ex.principal(), "user.password-changed", user + "; " + ended + " session(s) ended");
        ex.noContent();
    }

    private static Map<String, Object> view(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", u.name());
        out.put("admin", u.admin());
        out.put("createdAt", u.createdAt());
        return out;
    }
}
