package io.dinp.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsNamesTest {
    static final TlsNames SHOP = new TlsNames("www.shop.example", List.of("www.shop.example", "*.shop.example"));

    @Test
    void aRequestForTheServerNameOrANameTheCertificateCoversIsNotMisdirected() {
        assertThat(SHOP.misdirected("www.shop.example")).isFalse();
        assertThat(SHOP.misdirected("api.shop.example")).as("coalesced: the certificate covers it").isFalse();
    }

    @Test
    void aRequestForAnotherHostIsMisdirected() {
        assertThat(SHOP.misdirected("web.apps.localhost")).isTrue();
        assertThat(SHOP.misdirected("a.api.shop.example")).as("a wildcard covers one label").isTrue();
        assertThat(SHOP.misdirected("shop.example")).isTrue();
        assertThat(new TlsNames("blog.example", List.of()).misdirected("www.blog.example")).isTrue();
    }

    @Test
    void aClientThatNamedNoServerIsNeverMisdirected() {
        assertThat(new TlsNames(null, List.of("*.apps.localhost")).misdirected("www.shop.example")).isFalse();
    }

    @Test
    void anHttp2StreamFindsTheNamesOfItsConnection() {
        EmbeddedChannel connection = new EmbeddedChannel();
        EmbeddedChannel stream = new EmbeddedChannel(connection, DefaultChannelId.newInstance(), true, false);
        EmbeddedChannel plain = new EmbeddedChannel();
        try {
            connection.attr(TlsNames.KEY).set(SHOP);
            assertThat(TlsNames.of(connection)).isSameAs(SHOP);
            assertThat(TlsNames.of(stream)).isSameAs(SHOP);
            assertThat(TlsNames.of(plain)).isNull();
        } finally {
            stream.finishAndReleaseAll();
            connection.finishAndReleaseAll();
            plain.finishAndReleaseAll();
        }
    }
}
