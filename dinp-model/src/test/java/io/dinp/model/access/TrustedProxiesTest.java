package io.dinp.model.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    final TrustedProxies lb = TrustedProxies.parse("--trusted-proxy", "10.0.0.0/8, 192.168.1.7,fd00::/8");

    @Test
    void networksAndSingleAddressesOfBothFamilies() {
        assertThat(lb.trusts("10.1.2.3")).isTrue();
        assertThat(lb.trusts("11.0.0.1")).isFalse();
        assertThat(lb.trusts("192.168.1.7")).isTrue();
        assertThat(lb.trusts("192.168.1.8")).isFalse();
        assertThat(lb.trusts("fd12::1")).isTrue();
        assertThat(lb.trusts("fe80::1")).isFalse();
        assertThat(lb.trusts("::ffff:10.0.0.1")).as("IPv4-mapped is the IPv4 address").isTrue();
        assertThat(lb.trusts("not.an.address")).isFalse();
        assertThat(lb.trusts(null)).isFalse();
        assertThat(lb).hasToString("10.0.0.0/8,192.168.1.7/32,fd00:0:0:0:0:0:0:0/8");
    }

    @Test
    void oddPrefixesMatchBitByBit() {
        TrustedProxies p = TrustedProxies.parse("f", "172.16.0.0/12,2001:db8:8000::/33,0.0.0.0/0");
        assertThat(p.trusts("172.31.255.255")).isTrue();
        assertThat(p.trusts("2001:db8:8000::1")).isTrue();
        assertThat(p.trusts("2001:db8::1")).isFalse();
        assertThat(TrustedProxies.parse("f", "172.16.0.0/12").trusts("172.32.0.0")).isFalse();
        assertThat(p.trusts("8.8.8.8")).as("/0 is every IPv4 address").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "10.0.0.0/33", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/x", "proxy.example.com",
            "10.0.0", "", "10.0.0.0/8,,fd00::/8", "1.2.3.4.5", "999.1.1.1"})
    void anythingElseIsRefusedNamingTheFieldAndEntry(String bad) {
        String list = bad.isEmpty() ? "10.0.0.0/8," : bad;
        assertThatThrownBy(() -> TrustedProxies.parse("--trusted-proxy", list))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--trusted-proxy: '");
    }

    @Test
    void blankIsNone() {
        assertThat(TrustedProxies.parse("f", null).isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("f", " ")).isSameAs(TrustedProxies.NONE);
    }

    @Test
    void theClientIsTheFirstAddressFromTheRightThatNoTrustedProxyAdded() {
        assertThat(lb.clientOf("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // two proxies of ours, then the client; what the client wrote itself further left is ignored
        assertThat(lb.clientOf("10.0.0.5", List.of("1.1.1.1, 203.0.113.9, 10.0.0.6"))).isEqualTo("203.0.113.9");
        assertThat(lb.clientOf("10.0.0.5", List.of("1.1.1.1", "203.0.113.9, 10.0.0.6"))).as("several headers").isEqualTo("203.0.113.9");
        assertThat(lb.clientOf("10.0.0.5", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(lb.clientOf("10.0.0.5", List.of("203.0.113.9:41234"))).as("with a port").isEqualTo("203.0.113.9");
        assertThat(lb.clientOf("10.0.0.5", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void fromAnUntrustedPeerOrWithoutTheHeaderThePeerIsTheClient() {
        assertThat(lb.clientOf("203.0.113.9", List.of("10.0.0.1"))).as("anyone can write the header").isEqualTo("203.0.113.9");
        assertThat(lb.clientOf("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(lb.clientOf("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(TrustedProxies.NONE.clientOf("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("10.0.0.5");
    }

    @Test
    void anEntryThatIsNoAddressEndsTheWalkAtTheHopBeforeIt() {
        assertThat(lb.clientOf("10.0.0.5", List.of("203.0.113.9, unknown"))).isEqualTo("10.0.0.5");
        assertThat(lb.clientOf("10.0.0.5", List.of("unknown, 10.0.0.6"))).isEqualTo("10.0.0.6");
        assertThat(lb.clientOf("10.0.0.5", List.of("evil.example.com"))).isEqualTo("10.0.0.5");
        assertThat(lb.clientOf("10.0.0.5", List.of(""))).isEqualTo("10.0.0.5");
    }

    @Test
    void literalsAreReadWithoutLookingAnythingUp() {
        assertThat(TrustedProxies.literal("127.0.0.1")).isNotNull();
        assertThat(TrustedProxies.literal("::1")).isNotNull();
        assertThat(TrustedProxies.literal("abc.def")).as("hex letters and dots: a name").isNull();
        assertThat(TrustedProxies.literal("localhost")).isNull();
        assertThat(TrustedProxies.literal("1.2.3")).isNull();
        assertThat(TrustedProxies.literal("fe80::1%eth0")).isNull();
    }
}
