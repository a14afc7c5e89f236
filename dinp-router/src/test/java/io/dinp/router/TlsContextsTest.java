package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.model.RouteTable;
import io.dinp.model.TlsCertificate;
import io.dinp.testkit.TestCertificates;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which certificate answers which server name, and when a context is built, without sockets. */
class TlsContextsTest {
    private static final TlsCertificate SHOP = cert("shop");
    private static final TlsCertificate BLOG = cert("blog");
    private static final TlsCertificate APPS = cert("apps");

    private final AtomicReference<RouteTable> table = new AtomicReference<>(RouteTable.empty());
    private final List<TlsCertificate> builds = new ArrayList<>();

    private static TlsCertificate cert(String name) {
        return new TlsCertificate(TestCertificates.cert(name), TestCertificates.key(name));
    }

    private static RouteTable withCertificates(long version, Map<String, TlsCertificate> certificates) {
        return new RouteTable(version, Map.of(), Map.of(), certificates);
    }

    private TlsContexts contexts(TlsCertificate defaultCertificate) {
        return new TlsContexts(table::get, defaultCertificate, c -> {
            builds.add(c);
            return ServerSslContexts.build(c);
        });
    }

    @Test
    void exactNameThenOneLabelWildcardThenTheDefault() {
        RouteTable t = withCertificates(1, Map.of("www.shop.example", SHOP, "*.blog.example", BLOG));

        assertThat(TlsContexts.choose(t, APPS, "www.shop.example")).isEqualTo(SHOP);
        assertThat(TlsContexts.choose(t, APPS, "WWW.Shop.Example.")).as("case and trailing dot").isEqualTo(SHOP);
        assertThat(TlsContexts.choose(t, APPS, "a.blog.example")).isEqualTo(BLOG);
        assertThat(TlsContexts.choose(t, APPS, "a.b.blog.example")).as("one label deep only").isEqualTo(APPS);
        assertThat(TlsContexts.choose(t, APPS, "web.apps.localhost")).isEqualTo(APPS);
        assertThat(TlsContexts.choose(t, APPS, null)).as("no SNI").isEqualTo(APPS);
        assertThat(TlsContexts.choose(t, null, "unknown.example")).isNull();
    }

    @Test
    void contextsOfBothKeyTypesOfferHttp2ThenHttp11() {
        for (TlsCertificate c : List.of(SHOP, BLOG)) {
            SslContext context = ServerSslContexts.build(c);
            assertThat(context.isServer()).isTrue();
            assertThat(context.applicationProtocolNegotiator().protocols()).containsExactly("h2", "http/1.1");
        }
    }

    @Test
    void oneContextPerCertificateReusedAcrossTablesCarryingTheSamePem() {
        TlsContexts contexts = contexts(APPS);
        table.set(withCertificates(1, Map.of("www.shop.example", SHOP, "*.shop.example", SHOP)));

        SslContext first = contexts.map("www.shop.example");
        assertThat(contexts.map("a.shop.example")).isSameAs(first);
        // A new table with an equal certificate (new strings, same PEM): no rebuild.
        table.set(withCertificates(2, Map.of("www.shop.example", cert("shop"))));
        contexts.retainOnly(table.get());
        assertThat(contexts.map("www.shop.example")).isSameAs(first);

        assertThat(builds).containsExactly(SHOP);
    }

    @Test
    void aChangedCertificateGetsANewContextAndRemovedOnesAreDropped() {
        TlsContexts contexts = contexts(APPS);
        table.set(withCertificates(1, Map.of("www.shop.example", SHOP)));
        SslContext shop = contexts.map("www.shop.example");
        SslContext fallback = contexts.map("unknown.example");

        table.set(withCertificates(2, Map.of("www.shop.example", BLOG)));
        contexts.retainOnly(table.get());
        assertThat(contexts.size()).as("shop dropped, default kept").isEqualTo(1);
        SslContext blog = contexts.map("www.shop.example");

        assertThat(blog).isNotSameAs(shop).isNotSameAs(fallback);
        table.set(withCertificates(3, Map.of()));
        contexts.retainOnly(table.get());
        assertThat(contexts.map("www.shop.example")).isSameAs(fallback);
        assertThat(builds).containsExactly(SHOP, APPS, BLOG);
    }

    @Test
    void withoutADefaultUnknownNamesAndClientsWithoutSniAreRefused() {
        TlsContexts contexts = contexts(null);
        table.set(withCertificates(1, Map.of("www.shop.example", SHOP)));

        assertThat(contexts.map("www.shop.example")).isNotNull();
        assertThatThrownBy(() -> contexts.map("unknown.example"))
                .isInstanceOf(TlsContexts.NoCertificateException.class).hasMessageContaining("unknown.example");
        assertThatThrownBy(() -> contexts.map(null)).hasMessageContaining("no server name");
        contexts.checkDefault(); // nothing to check
    }

    @Test
    void anUnusableCertificateIsTriedOnceAndItsNameRefused() {
        TlsCertificate broken = new TlsCertificate(TestCertificates.cert("shop"), TestCertificates.key("blog"));
        TlsContexts contexts = contexts(APPS);
        table.set(withCertificates(1, Map.of("www.shop.example", broken)));

        assertThatThrownBy(() -> contexts.map("www.shop.example")).hasMessageContaining("key");
        assertThatThrownBy(() -> contexts.map("www.shop.example")).hasMessageContaining("key");
        assertThat(builds).containsExactly(broken);
        assertThatThrownBy(() -> contexts(broken).checkDefault())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default certificate");
    }
}
