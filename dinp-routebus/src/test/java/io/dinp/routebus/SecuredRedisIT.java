package io.dinp.routebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dinp.common.PemTrust;
import io.dinp.model.Backend;
import io.dinp.model.RouteTable;
import io.dinp.model.TlsCertificate;
import io.dinp.testkit.CapturingProxy;
import io.dinp.testkit.RedisServerProcess;
import io.dinp.testkit.TestCa;
import io.dinp.testkit.TestCertificates;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route bus through a Redis that speaks only TLS and asks for a password, as a cluster's
 * Redis should (scripts/lib.sh sets one up so): routes flow; a wrong password, a missing one, an
 * untrusted certificate, a certificate for another host and a plain client all fail with the cause
 * named; and a plain-TCP relay in the middle sees none of the route table.
 */
class SecuredRedisIT {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String BACKEND_ADDRESS = "10.97.53.29";
    static TestCa ca;
    static RedisServerProcess redis;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create("redis-it");
        redis = RedisServerProcess.secured(ca.issue("redis", "IP:127.0.0.1", "DNS:localhost"), ca.certificate(), PASSWORD);
        redis.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    static PemTrust trust(TestCa authority) {
        return PemTrust.read(authority.certificate(), "test CA");
    }

    static RedisEndpoint endpoint(int port) {
        return RedisEndpoint.of("rediss://127.0.0.1:" + port).withPassword(PASSWORD).withTrust(trust(ca));
    }

    /** A table like a real one: a backend, a custom domain and its certificate with the private key. */
    static RouteTable table(long version) {
        return new RouteTable(version, Map.of("shop", List.of(new Backend("shop-1", BACKEND_ADDRESS, 31000 + (int) version))),
                Map.of("www.shop.example", "shop"),
                Map.of("www.shop.example", new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.key("shop"))));
    }

    /** A line from the middle of the custom domain's private key, as it travels inside the JSON. */
    static String keyLine() {
        List<String> lines = TestCertificates.key("shop").lines().toList();
        return lines.get(lines.size() / 2);
    }

    @Test
    void routesFlowThroughTlsWithThePassword() {
        RedisRouteKeys keys = RedisRouteKeys.withPrefix("dinp-it:" + UUID.randomUUID());
        MemorySink sink = new MemorySink();
        try (RedisRouteSubscriber subscriber = new RedisRouteSubscriber(endpoint(redis.port()), sink, keys).start();
             RedisRoutePublisher publisher = new RedisRoutePublisher(endpoint(redis.port()), keys)) {
            await().atMost(Duration.ofSeconds(10)).until(subscriber::connected);
            publisher.publish(table(1));
            publisher.publish(table(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 2);
            assertThat(sink.table()).isEqualTo(table(2));
        }
        assertThat(RedisProbe.check(endpoint(redis.port()))).isEmpty();
    }

    @Test
    void aWrongPasswordIsNamedAsTheCause() {
        RedisEndpoint wrong = RedisEndpoint.of(redis.uri()).withPassword("not-the-password").withTrust(trust(ca));
        RedisFailure failure = RedisProbe.check(wrong).orElseThrow();
        assertThat(failure.settings()).isTrue();
        assertThat(failure.message()).contains("refused the password").doesNotContain("not-the-password");
    }

    @Test
    void noPasswordIsNamedAsTheCause() {
        RedisFailure failure = RedisProbe.check(RedisEndpoint.of(redis.uri()).withTrust(trust(ca))).orElseThrow();
        assertThat(failure.settings()).isTrue();
        assertThat(failure.message()).contains("requires a password");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        TestCa stranger = TestCa.create("stranger");
        RedisEndpoint other = RedisEndpoint.of(redis.uri()).withPassword(PASSWORD).withTrust(trust(stranger));
        RedisFailure failure = RedisProbe.check(other).orElseThrow();
        assertThat(failure.settings()).isTrue();
        assertThat(failure.message()).contains("not signed by a trusted CA").contains(stranger.certificate().toString());

        // without a CA of its own the JVM's default CAs decide, and they do not know a private CA either
        RedisFailure byDefault = RedisProbe.check(RedisEndpoint.of(redis.uri()).withPassword(PASSWORD)).orElseThrow();
        assertThat(byDefault.message()).contains("not signed by a trusted CA").contains("JVM's default CAs");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenFromTheRightCa() throws Exception {
        try (RedisServerProcess elsewhere = RedisServerProcess.secured(ca.issue("elsewhere", "DNS:redis.elsewhere.example"),
                ca.certificate(), PASSWORD)) {
            elsewhere.start();
            RedisFailure failure = RedisProbe.check(endpoint(elsewhere.port())).orElseThrow();
            assertThat(failure.settings()).isTrue();
            assertThat(failure.message()).contains("does not name that host");
        }
    }

    @Test
    void aPlainClientOfTheTlsPortGetsNowhere() {
        RedisEndpoint plain = RedisEndpoint.of("redis://127.0.0.1:" + redis.port()).withPassword(PASSWORD);
        RedisFailure failure = RedisProbe.check(plain).orElseThrow();
        // a TLS server just drops a client that does not say hello in TLS: the hint is all there is to say
        assertThat(failure.message()).contains("Redis at redis://127.0.0.1:" + redis.port())
                .contains("if that port speaks TLS, use rediss://").doesNotContain(PASSWORD);
    }

    @Test
    void aTlsClientOfAPlainPortGetsAHint() throws Exception {
        try (RedisServerProcess plain = new RedisServerProcess()) {
            plain.start();
            RedisFailure failure = RedisProbe.check(RedisEndpoint.of("rediss://127.0.0.1:" + plain.port())
                    .withTrust(trust(ca))).orElseThrow();
            assertThat(failure.message()).contains("a plain (non-TLS) port never answers a TLS handshake");
        }
    }

    @Test
    void aPlainTcpProbeOfTheTlsPortSeesNoRouteTable() throws Exception {
        try (CapturingProxy wire = new CapturingProxy("127.0.0.1", redis.port())) {
            MemorySink sink = publishThrough(endpoint(wire.port()));
            assertThat(sink.table()).isEqualTo(table(1));
            assertThat(wire.bytes()).as("the relay carried the traffic").isGreaterThan(2_000);
            assertThat(wire.saw(BACKEND_ADDRESS)).as("backend address in the clear").isFalse();
            assertThat(wire.saw("\"apps\"")).as("route JSON in the clear").isFalse();
            assertThat(wire.saw("www.shop.example")).as("custom domain in the clear").isFalse();
            assertThat(wire.saw(keyLine())).as("a custom domain's private key in the clear").isFalse();
            assertThat(wire.saw(PASSWORD)).as("the Redis password in the clear").isFalse();
        }
    }

    @Test
    void theSameProbeOfAPlainRedisSeesEverything() throws Exception {
        // the control for the test above: the relay does see plaintext when there is some
        try (RedisServerProcess plain = new RedisServerProcess()) {
            plain.start();
            try (CapturingProxy wire = new CapturingProxy("127.0.0.1", plain.port())) {
                publishThrough(RedisEndpoint.of("redis://127.0.0.1:" + wire.port()));
                assertThat(wire.saw(BACKEND_ADDRESS)).isTrue();
                assertThat(wire.saw("\"apps\"")).isTrue();
                assertThat(wire.saw(keyLine())).isTrue();
            }
        }
    }

    private static MemorySink publishThrough(RedisEndpoint endpoint) {
        RedisRouteKeys keys = RedisRouteKeys.withPrefix("dinp-it:" + UUID.randomUUID());
        MemorySink sink = new MemorySink();
        try (RedisRouteSubscriber subscriber = new RedisRouteSubscriber(endpoint, sink, keys).start();
             RedisRoutePublisher publisher = new RedisRoutePublisher(endpoint, keys)) {
            await().atMost(Duration.ofSeconds(10)).until(subscriber::connected);
            publisher.publish(table(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.version() == 1);
        }
        return sink;
    }
}
