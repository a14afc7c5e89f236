package io.dinp.dash.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dinp.common.http.HttpApi;
import io.dinp.model.access.Caller;
import io.dinp.store.Database;
import io.dinp.store.UserStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in checks over real HTTP, from an IPv6 client: the throttles count it by its /64; and
 * several dashes on one database count failures together.
 */
class PasswordLoginTest {
    @TempDir
    Path data;
    private final java.util.List<HttpApi> more = new java.util.ArrayList<>();
    private Database db;

    @AfterEach
    void close() {
        more.forEach(HttpApi::close);
        if (db != null) {
            db.close();
        }
    }

    /** A dash as far as signing in goes: its own throttles over the shared database, as CallerResolver.over makes them. */
    private int dash(UserStore users, PasswordHasher hasher) throws java.io.IOException {
        StoredLoginFailures failures = new StoredLoginFailures(new io.dinp.store.LoginFailureStore(db), Clock.systemUTC());
        return serve(new PasswordLogin(users, hasher, new LoginThrottle(failures), LoginThrottle.perAddress(failures),
                SignInEvents.NONE, Clock.systemUTC()));
    }

    /** {@code POST /check?name=&password=} on [::1] through {@code login}; the port. */
    private int serve(PasswordLogin login) throws java.io.IOException {
        HttpApi dash = new HttpApi(ex -> Caller.cluster());
        more.add(dash);
        dash.open("POST", "/check", ex -> {
            login.check(ex, ex.query("name"), ex.query("password"));
            ex.json(200, Map.of("ok", true));
        });
        return dash.start("::1", 0);
    }

    private static int signIn(int port, String password) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://[::1]:" + port
                            + "/check?name=alice&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final PasswordHasher HASHER = new PasswordHasher(new PasswordHasher.Params(1024, 1, 1));

    /** A database with the user alice in it: her users. */
    private UserStore aliceIn() {
        db = Database.open(Database.h2FileUrl(data), "dinp", "");
        UserStore users = new UserStore(db);
        users.create("alice", HASHER.hash("alice's password"), false);
        return users;
    }

    @Test
    void dashesOnOneDatabaseCountFailuresTogetherSoMoreCopiesGiveNoMoreGuesses() throws Exception {
        UserStore users = aliceIn();
        int a = dash(users, HASHER);
        int b = dash(users, HASHER);

        // five failures in a row lock the name for the address, wherever they were made
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(i % 2 == 0 ? a : b, "wrong")).as("failure %d", i + 1).isEqualTo(401);
        }
        assertThat(signIn(b, "alice's password")).as("locked on the dash that saw two").isEqualTo(429);
        assertThat(signIn(a, "alice's password")).as("and on the one that saw three").isEqualTo(429);
        int c = dash(users, HASHER);
        assertThat(signIn(c, "alice's password")).as("and on one started after them").isEqualTo(429);
    }

    @Test
    void aSuccessFromAnIpv6AddressClearsItsFailuresInARow() throws Exception {
        UserStore users = aliceIn();
        // four failures in a row are free, the fifth locks: a success in between must start the count anew
        PasswordLogin login = new PasswordLogin(users, HASHER, new LoginThrottle(5, java.time.Duration.ofMinutes(5),
                java.time.Duration.ofMinutes(15), 100), LoginThrottle.perAddress(), SignInEvents.NONE, Clock.systemUTC());
        int port = serve(login);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3; i++) {
                assertThat(signIn(port, "wrong")).as("failure %d of round %d", i + 1, round).isEqualTo(401);
            }
            assertThat(signIn(port, "alice's password")).as("success of round %d", round).isEqualTo(200);
        }
    }
}
