package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dinp.model.Backend;
import io.dinp.router.RawBackend.Behaviour;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Instances that refuse, reset or drop connections, over real sockets: requests the app never
 * answered are repeated where that is safe, failing backends are avoided for a while, and idle
 * connections to removed backends are closed.
 */
class RouterRetryIT {
    private static final Duration LONG = Duration.ofMinutes(10); // ejections that cannot expire mid-test

    private RouterFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RouterFixture router(RouterConfig config) throws InterruptedException {
        fixture = new RouterFixture(config);
        return fixture;
    }

    private RawBackend backend(String name, Behaviour behaviour) throws Exception {
        return fixture.add(new RawBackend(name, behaviour));
    }

    @Test
    void getIsRepeatedOnAnotherInstanceWhenOneResetsWithoutAnsweringButPostIsNot() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withEjectFor(Duration.ZERO));
        RawBackend bad = backend("bad", Behaviour.RESET_WITHOUT_RESPONSE);
        RawBackend good = backend("good", Behaviour.KEEP_ALIVE);
        f.route("web", bad.backend(), good.backend());

        HttpResponse<String> get = f.get("web"); // round robin: bad first
        HttpResponse<String> between = f.get("web"); // good first
        HttpResponse<String> post = f.post("web", "pay once"); // bad first

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("good");
        assertThat(bad.received("GET")).isEqualTo(1);
        assertThat(between.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(502);
        assertThat(post.body()).contains("closed the connection without responding");
        assertThat(bad.received("POST")).as("the POST reached the first instance").isEqualTo(1);
        assertThat(good.received("POST")).as("and was not sent again").isZero();
    }

    @Test
    void getWhoseResponseIsCutAfterItsHeadIsRepeatedOnAnotherInstanceButPostIsNot() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withEjectFor(Duration.ZERO));
        RawBackend cut = backend("cut", Behaviour.CUT_AFTER_HEAD);
        RawBackend good = backend("good", Behaviour.KEEP_ALIVE);
        f.route("web", cut.backend(), good.backend());

        HttpResponse<String> get = f.get("web"); // round robin: cut first
        HttpResponse<String> between = f.get("web"); // good first

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).as("the held head of the cut response never reached the client").isEqualTo("good");
        assertThat(cut.received("GET")).isEqualTo(1);
        assertThat(between.statusCode()).isEqualTo(200);
        // a POST's response streams as it comes (it could not be repeated anyway): its cut reaches the client
        assertThatThrownBy(() -> f.post("web", "pay once")).isInstanceOf(IOException.class);
        assertThat(cut.received("POST")).isEqualTo(1);
        assertThat(good.received("POST")).as("and was not sent again").isZero();
    }

    @Test
    void refusingInstanceIsEjectedAndNotTriedByTheNextRequests() throws Exception {
        RouterFixture f = router(RouterConfig.defaults().withEjectFor(LONG));
        Backend dead = new Backend("dead", "127.0.0.1", RouterFixture.refusingPort());
        f.route("web", dead, backend("w1", Behaviour.KEEP_ALIVE).backend(),
                backend("w2", Behaviour.KEEP_ALIVE).backend());
        BackendConnector connector = f.router.connector();

        assertThat(f.get("web").statusCode()).isEqualTo(200); // round robin: dead first
        assertThat(connector.connectAttempts(dead.hostPort())).isEqualTo(1);
        for (int i = 0; i < 30; i++) {
            assertThat(f.get("web").statusCode()).isEqualTo(200);
        }

        assertThat(connector.connectAttempts(dead.hostPort())).as("dead was not tried again").isEqualTo(1);
        assertThat(connector.isEjected(dead)).isTrue();
        f.route("web", f.routes.table().backends("web").subList(1, 3).toArray(Backend[]::new));
        assertThat(connector.isEjected(dead)).as("a table without the backend drops its ejection").isFalse();
    }

    @Test
    void aRequestWaitsOutAMomentWhenNoInstanceTakesAConnection() throws Exception {
        // as when dockerd restarts and rebuilds its NAT rules: every instance refuses for a moment
        RouterFixture f = router(RouterConfig.defaults().withEjectFor(LONG).withConnectGrace(Duration.ofMinutes(1)));
        Backend gone = new Backend("gone", "127.0.0.1", RouterFixture.refusingPort());
        f.route("web", gone);

        var post = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return f.post("web", "once");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // refused in at least two rounds: the router waits between them instead of answering 502
        await().atMost(Duration.ofSeconds(30)).until(() -> f.router.connector().connectAttempts(gone.hostPort()) >= 2);
        assertThat(post).isNotDone();
        fixture.add(new RawBackend("back", Behaviour.KEEP_ALIVE, gone.port()));

        // nothing had reached any instance, so even a POST is sent once one takes it
        HttpResponse<String> r = post.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("back");
    }

    @Test
    void ejectedInstancesAreStillTriedWhenTheyAreAllTheAppHas() throws Exception {
        // no grace: the first request fails at once, after one round over the two
        RouterFixture f = router(RouterConfig.defaults().withEjectFor(LONG).withConnectGrace(Duration.ZERO));
        Backend first = new Backend("first", "127.0.0.1", RouterFixture.refusingPort());
        Backend second = new Backend("second", "127.0.0.1", RouterFixture.refusingPort());
        f.route("web", first, second);

        assertThat(f.get("web").statusCode()).isEqualTo(502);
        assertThat(f.router.connector().isEjected(first)).isTrue();
        assertThat(f.router.connector().isEjected(second)).isTrue();
        fixture.add(new RawBackend("revived", Behaviour.KEEP_ALIVE, second.port()));

        HttpResponse<String> r = f.get("web");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("revived");
        assertThat(f.router.connector().connectAttempts(second.hostPort())).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Behaviour.class, names = {"CLOSE_AFTER_RESPONSE", "SHORT_IDLE_TIMEOUT"})
    void noGetFailsWhileTheInstanceClosesKeepAliveConnectionsBehindTheRoutersBack(Behaviour behaviour)
            throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        RawBackend app = backend("only", behaviour);
        f.route("web", app.backend());

        int failedGets = 0;
        for (int i = 0; i < 1500; i++) {
            if (i % 3 == 2) {
                assertThat(f.post("web", "n=" + i).statusCode()).isIn(200, 502);
            } else if (f.get("web").statusCode() != 200) {
                failedGets++;
            }
        }

        assertThat(failedGets).isZero();
    }

    @Test
    void reusedConnectionResetOnArrivalRepeatsGetOnANewConnectionButNotPost() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        RawBackend app = backend("only", Behaviour.RESET_ON_REUSE);
        f.route("web", app.backend());

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = f.get("web");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("only");
        }
        assertThat(app.received("GET")).as("reused connections were reset and the GETs repeated").isGreaterThan(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.router.idleBackendConnections() == 1);

        HttpResponse<String> post = f.post("web", "pay once"); // goes out on the pooled connection

        assertThat(post.statusCode()).isEqualTo(502);
        assertThat(app.received("POST")).isEqualTo(1);
    }

    @Test
    void removingABackendFromTheTableClosesItsIdleConnections() throws Exception {
        RouterFixture f = router(RouterConfig.defaults());
        RawBackend leaving = backend("leaving", Behaviour.KEEP_ALIVE);
        RawBackend staying = backend("staying", Behaviour.KEEP_ALIVE);
        f.route("web", leaving.backend(), staying.backend());
        for (int i = 0; i < 4; i++) {
            assertThat(f.get("web").statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> f.router.idleBackendConnections() == 2);
        assertThat(leaving.openConnections()).isEqualTo(1);

        f.route("web", staying.backend());

        await().atMost(Duration.ofSeconds(10)).until(() -> leaving.openConnections() == 0);
        assertThat(f.router.idleBackendConnections()).isEqualTo(1);
        assertThat(staying.openConnections()).isEqualTo(1);
        assertThat(f.get("web").body()).isEqualTo("staying");
        assertThat(staying.accepted).as("the kept connection is still reused").hasValue(1);
    }
}
