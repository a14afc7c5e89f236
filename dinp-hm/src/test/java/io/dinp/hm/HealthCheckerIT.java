package io.dinp.hm;

import static io.dinp.hm.HealthState.Phase.HEALTHY;
import static io.dinp.hm.HealthState.Phase.STARTING;
import static io.dinp.hm.HealthState.Phase.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dinp.hm.TestHealthServer.Mode;
import io.dinp.model.HealthSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The checker against real (tiny) HTTP servers over real sockets. */
class HealthCheckerIT {
    /** The first check of every target right away, so tests need not wait out a random offset. */
    private static final RandomGenerator NO_JITTER = () -> 0L;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Checks every 100 ms, timing out after 100 ms: for failures, found quickly. */
    private static final HealthSettings QUICK = HealthSettings.DEFAULTS
            .withTiming(Duration.ofMillis(100), Duration.ofMillis(100));
    /** Checks every 250 ms, with room for a slow machine: for tests that count on checks passing. */
    private static final HealthSettings STEADY = HealthSettings.DEFAULTS
            .withTiming(Duration.ofMillis(250), Duration.ofMillis(250));

    record Event(String instanceId, HealthTransition transition, HealthState now) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HealthChecker checker = new HealthChecker(Clock.systemUTC(),
            (id, t, now) -> events.add(new Event(id, t, now)), 1, NO_JITTER);

    @AfterEach
    void tearDown() throws Exception {
        checker.close();
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
    }

    private TestHealthServer server(Mode mode) throws InterruptedException {
        TestHealthServer s = new TestHealthServer(mode);
        closeables.add(s);
        return s;
    }

    private static Target target(String id, int port, HealthSettings s, HealthState initial) {
        return new Target(id, "app", "127.0.0.1", port, s, initial);
    }

    private static HealthState starting() {
        return HealthState.starting(Instant.now());
    }

    private static HealthState healthy() {
        Instant t = Instant.now().minusSeconds(3600);
        return new HealthState(HEALTHY, 1, 0, t, t, null);
    }

    private Event awaitTransition(String id, HealthState.Phase to) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.instanceId().equals(id) && e.transition().to() == to));
        return events.stream().filter(e -> e.instanceId().equals(id) && e.transition().to() == to).findFirst().orElseThrow();
    }

    @Test
    void aStartingInstanceBecomesHealthyAfterItsFirstPass() throws Exception {
        TestHealthServer s = server(Mode.OK);
        try (HealthChecker plain = new HealthChecker(Clock.systemUTC(), (id, t, now) -> events.add(new Event(id, t, now)))) {
            plain.update(List.of(target("i1", s.port(), HealthSettings.DEFAULTS, starting())));

            Event e = awaitTransition("i1", HEALTHY);
            assertThat(e.transition().from()).isEqualTo(STARTING);
            assertThat(e.transition().reason()).isEqualTo("passed its check");
            assertThat(plain.states().get("i1").phase()).isEqualTo(HEALTHY);
            assertThat(plain.checksCompleted()).isPositive();
        }
        HttpRequest req = s.requests.getFirst();
        assertThat(req.method().name()).isEqualTo("GET");
        assertThat(req.uri()).isEqualTo("/");
        assertThat(req.protocolVersion().text()).isEqualTo("HTTP/1.1");
        assertThat(req.headers().get(HttpHeaderNames.HOST)).isEqualTo("127.0.0.1:" + s.port());
        assertThat(req.headers().get(HttpHeaderNames.USER_AGENT)).isEqualTo("dinp-hm");
    }

    @Test
    void status500TakesAHealthyInstanceOutAfterFallFailures() throws Exception {
        TestHealthServer s = server(Mode.ERROR);
        checker.update(List.of(target("i1", s.port(), QUICK.withThresholds(1, 3), healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.transition().from()).isEqualTo(HEALTHY);
        assertThat(e.transition().reason()).isEqualTo("failed 3 checks in a row, last: status 500, expected 200-399");
        assertThat(events).hasSize(1);
        assertThat(e.now().lastFailure()).isEqualTo("status 500, expected 200-399");
    }

    @Test
    void aHangingInstanceTimesOutOnAFreshConnectionEachTime() throws Exception {
        TestHealthServer s = server(Mode.HANG);
        checker.update(List.of(target("i1", s.port(), QUICK, healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.transition().reason()).isEqualTo("failed 2 checks in a row, last: no response within 100 ms");
        assertThat(s.accepted.get()).as("a timed-out check closes its connection").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedConnectionFailsTheCheck() throws Exception {
        int port = TestHealthServer.closedPort();
        checker.update(List.of(target("i1", port, QUICK, healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.now().lastFailure()).isEqualTo("connection refused by 127.0.0.1:" + port);
    }

    @Test
    void aResetConnectionFailsTheCheck() throws Exception {
        TestHealthServer s = server(Mode.RESET);
        checker.update(List.of(target("i1", s.port(), QUICK, healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.now().lastFailure()).isEqualTo("connection reset by 127.0.0.1:" + s.port());
    }

    @Test
    void theBodyMustContainTheSubstringInItsFirst4096Bytes() throws Exception {
        TestHealthServer ok = server(Mode.OK);
        TestHealthServer fine = server(Mode.FINE);
        TestHealthServer late = server(Mode.LATE_OK);
        HealthSettings s = STEADY.withBodyContains("ok").withThresholds(1, 1);
        checker.update(List.of(target("ok", ok.port(), s, starting()), target("fine", fine.port(), s, healthy()),
                target("late", late.port(), s, healthy())));

        awaitTransition("ok", HEALTHY);
        assertThat(awaitTransition("fine", UNHEALTHY).now().lastFailure())
                .isEqualTo("status 200 but the body does not contain \"ok\" in its first 4096 bytes");
        assertThat(awaitTransition("late", UNHEALTHY).now().lastFailure())
                .isEqualTo("status 200 but the body does not contain \"ok\" in its first 4096 bytes");
        await().atMost(WAIT).until(() -> late.requestCount() >= 5);
        assertThat(late.accepted.get()).as("the unread rest of a long body does not cost the connection").isEqualTo(1);
    }

    @Test
    void oneKeepAliveConnectionServesEveryCheck() throws Exception {
        TestHealthServer s = server(Mode.OK);
        checker.update(List.of(target("i1", s.port(), STEADY, healthy())));

        await().atMost(WAIT).until(() -> s.requestCount() >= 10);
        assertThat(s.accepted.get()).isEqualTo(1);
        assertThat(checker.states().get("i1")).extracting(HealthState::phase, HealthState::consecutiveFails)
                .containsExactly(HEALTHY, 0);
        assertThat(checker.latencies().count()).isGreaterThanOrEqualTo(9);
        assertThat(events).isEmpty();
    }

    @Test
    void connectionCloseInTheResponseMeansAFreshConnectionForTheNextCheck() throws Exception {
        TestHealthServer s = server(Mode.CLOSE);
        checker.update(List.of(target("i1", s.port(), STEADY, healthy())));

        await().atMost(WAIT).until(() -> s.requestCount() >= 5);
        int requests = s.requestCount();
        assertThat(s.accepted.get()).isGreaterThanOrEqualTo(requests);
        // a slow machine may time a check out; a closed connection must never fail one
        assertThat(checker.states().get("i1").lastFailure()).satisfiesAnyOf(
                f -> assertThat(f).isNull(), f -> assertThat(f).startsWith("no response within"));
        assertThat(events).isEmpty();
    }

    @Test
    void removingATargetStopsItsChecksAndClosesItsConnection() throws Exception {
        TestHealthServer a = server(Mode.OK);
        TestHealthServer b = server(Mode.OK);
        checker.update(List.of(target("a", a.port(), STEADY, healthy()), target("b", b.port(), STEADY, healthy())));
        await().atMost(WAIT).until(() -> a.requestCount() >= 3 && b.requestCount() >= 3);

        checker.update(List.of(target("b", b.port(), STEADY, healthy())));

        assertThat(checker.states()).containsOnlyKeys("b");
        await().atMost(WAIT).until(() -> a.openConnections() == 0);
        int seenByA = a.requestCount();
        int seenByB = b.requestCount();
        await().atMost(WAIT).until(() -> b.requestCount() >= seenByB + 5);
        assertThat(a.requestCount()).isEqualTo(seenByA);
        assertThat(b.accepted.get()).as("the kept target keeps its connection").isEqualTo(1);
    }

    @Test
    void anAddressChangeMovesTheConnectionAndStartsFromTheNewInitialState() throws Exception {
        TestHealthServer a = server(Mode.OK);
        TestHealthServer b = server(Mode.OK);
        checker.update(List.of(target("i1", a.port(), STEADY, starting())));
        awaitTransition("i1", HEALTHY);

        checker.update(List.of(target("i1", b.port(), STEADY, starting())));

        await().atMost(WAIT).until(() -> a.openConnections() == 0 && events.size() == 2);
        assertThat(events).extracting(e -> e.transition().from() + "->" + e.transition().to())
                .containsExactly("STARTING->HEALTHY", "STARTING->HEALTHY");
        assertThat(b.accepted.get()).isEqualTo(1);
        int seenByA = a.requestCount();
        await().atMost(WAIT).until(() -> b.requestCount() >= 5);
        assertThat(a.requestCount()).isEqualTo(seenByA);
    }

    @Test
    void aSettingsChangeAppliesOnTheSameConnectionAndKeepsTheState() throws Exception {
        TestHealthServer s = server(Mode.FINE);
        checker.update(List.of(target("i1", s.port(), STEADY, healthy())));
        await().atMost(WAIT).until(() -> s.requestCount() >= 3);
        assertThat(checker.states().get("i1").consecutivePasses()).isGreaterThanOrEqualTo(3);

        checker.update(List.of(target("i1", s.port(), STEADY.withPath("/ready").withBodyContains("ok"), healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.transition().from()).isEqualTo(HEALTHY);
        assertThat(e.now().lastFailure()).contains("does not contain \"ok\"");
        assertThat(s.requests.getLast().uri()).isEqualTo("/ready");
        assertThat(s.accepted.get()).isEqualTo(1);
    }

    @Test
    void anInstanceHandedOverAsHealthyStaysHealthyWithoutATransition() throws Exception {
        TestHealthServer s = server(Mode.OK);
        HealthState handedOver = healthy();
        checker.update(List.of(target("i1", s.port(), STEADY, handedOver)));

        await().atMost(WAIT).until(() -> s.requestCount() >= 5 && checker.checksCompleted() >= 5);
        HealthState now = checker.states().get("i1");
        assertThat(now.phase()).isEqualTo(HEALTHY);
        assertThat(now.firstSeen()).isEqualTo(handedOver.firstSeen());
        assertThat(now.lastTransition()).isEqualTo(handedOver.lastTransition());
        assertThat(events).isEmpty();
    }

    @Test
    void aHealthyInstanceThatFailsIsRecheckedAtTheFastInterval() throws Exception {
        TestHealthServer s = server(Mode.ERROR);
        // every 60 s normally: three failures in a row within the wait only happen at the fast interval
        HealthSettings slow = HealthSettings.DEFAULTS.withTiming(Duration.ofSeconds(1), Duration.ofSeconds(60))
                .withThresholds(1, 3);
        checker.update(List.of(target("i1", s.port(), slow, healthy())));

        Event e = awaitTransition("i1", UNHEALTHY);
        assertThat(e.transition().reason()).startsWith("failed 3 checks in a row");
    }

    @Test
    void aStartingInstanceIsCheckedAtTheFastInterval() throws Exception {
        TestHealthServer s = server(Mode.ERROR);
        HealthSettings slow = HealthSettings.DEFAULTS.withTiming(Duration.ofSeconds(1), Duration.ofSeconds(60));
        checker.update(List.of(target("i1", s.port(), slow, starting())));

        await().atMost(WAIT).until(() -> s.requestCount() >= 3);
        s.mode = Mode.OK;
        Event e = awaitTransition("i1", HEALTHY);
        assertThat(e.transition().from()).isEqualTo(STARTING);
    }

    @Test
    void anUnresolvableHostOrABadPortFailsCleanly() {
        HealthSettings s = QUICK.withThresholds(1, 1);
        checker.update(List.of(new Target("nohost", "app", "no-such-host.invalid", 80, s, healthy()),
                target("port0", 0, s, healthy())));

        assertThat(awaitTransition("nohost", UNHEALTHY).now().lastFailure())
                .isIn("host no-such-host.invalid does not resolve", "no response within 100 ms");
        assertThat(awaitTransition("port0", UNHEALTHY).now().lastFailure()).isEqualTo("invalid port 0 for 127.0.0.1");
    }

    @Test
    void anEmptyUpdateCancelsEverything() throws Exception {
        TestHealthServer s = server(Mode.OK);
        checker.update(List.of(target("a", s.port(), STEADY, healthy()), target("b", s.port(), STEADY, healthy()),
                target("c", s.port(), STEADY, healthy())));
        await().atMost(WAIT).until(() -> s.openConnections() == 3);

        checker.update(List.of());

        assertThat(checker.states()).isEmpty();
        await().atMost(WAIT).until(() -> s.openConnections() == 0);
        long done = checker.checksCompleted();
        int requests = s.requestCount();
        // a check of another target proves time went on; the removed ones stay quiet meanwhile
        TestHealthServer other = server(Mode.OK);
        checker.update(List.of(target("d", other.port(), STEADY, healthy())));
        await().atMost(WAIT).until(() -> other.requestCount() >= 5);
        assertThat(s.requestCount()).isEqualTo(requests);
        assertThat(checker.checksCompleted()).isGreaterThan(done);
    }

    @Test
    void twoTargetsWithOneIdAreRefusedAndChangeNothing() throws Exception {
        TestHealthServer s = server(Mode.OK);
        checker.update(List.of(target("a", s.port(), QUICK, healthy())));

        assertThatThrownBy(() -> checker.update(List.of(target("b", s.port(), QUICK, healthy()),
                target("b", s.port(), QUICK, starting()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("instance b is in the targets twice");
        assertThat(checker.states()).containsOnlyKeys("a");
    }

    @Test
    void closeClosesTheConnectionsAndRefusesUpdates() throws Exception {
        TestHealthServer s = server(Mode.OK);
        checker.update(List.of(target("a", s.port(), STEADY, healthy())));
        await().atMost(WAIT).until(() -> s.openConnections() == 1 && s.requestCount() >= 1);

        checker.close();

        await().atMost(WAIT).until(() -> s.openConnections() == 0);
        assertThatThrownBy(() -> checker.update(List.of())).isInstanceOf(IllegalStateException.class);
    }
}
