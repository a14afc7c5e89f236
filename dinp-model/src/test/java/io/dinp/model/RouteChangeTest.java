package io.dinp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteChangeTest {
    static final Backend A = new Backend("a", "10.0.0.1", 1);
    static final Backend B = new Backend("b", "10.0.0.2", 2);

    @Test
    void betweenThenApplyGivesTheTargetTable() {
        RouteTable from = new RouteTable(1, Map.of("web", List.of(A), "api", List.of(B), "old", List.of(A)));
        RouteTable to = new RouteTable(2, Map.of("web", List.of(A, B), "api", List.of(B), "idle", List.of()));
        RouteChange c = RouteChange.between(from, to, 99);
        assertThat(c.base()).isEqualTo(1);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.apps()).containsOnlyKeys("web", "idle");
        assertThat(c.removed()).containsExactly("old");
        assertThat(from.apply(c)).isEqualTo(to);
    }

    @Test
    void anAppLosingItsLastInstanceStaysKnown() {
        RouteTable from = new RouteTable(1, Map.of("web", List.of(A)));
        RouteTable to = new RouteTable(2, Map.of("web", List.of()));
        RouteTable applied = from.apply(RouteChange.between(from, to, 0));
        assertThat(applied.knows("web")).isTrue();
        assertThat(applied.backends("web")).isEmpty();
        assertThat(applied.knows("other")).isFalse();
    }

    @Test
    void noDifferenceIsAnEmptyChange() {
        RouteTable t = new RouteTable(1, Map.of("web", List.of(A)));
        assertThat(RouteChange.between(t, new RouteTable(2, t.apps()), 0).isEmpty()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void customDomainsTravelOnlyWhenTheyChangeAndMatchExactThenOneLabelWildcards() {
        RouteTable a = new RouteTable(1, java.util.Map.of("shop", java.util.List.of()), java.util.Map.of("www.shop.example", "shop"));
        RouteTable b = new RouteTable(2, a.apps(), java.util.Map.of("www.shop.example", "shop", "*.blog.example", "blog"));
        RouteChange same = RouteChange.between(a, new RouteTable(2, a.apps(), a.domains()), 0);
        org.assertj.core.api.Assertions.assertThat(same.domains()).isNull();
        org.assertj.core.api.Assertions.assertThat(same.isEmpty()).isTrue();
        RouteChange c = RouteChange.between(a, b, 0);
        org.assertj.core.api.Assertions.assertThat(c.isEmpty()).isFalse();
        org.assertj.core.api.Assertions.assertThat(a.apply(c)).isEqualTo(b);
        org.assertj.core.api.Assertions.assertThat(b.apply(RouteChange.between(b, new RouteTable(3, b.apps()), 0)).domains()).isEmpty();

        org.assertj.core.api.Assertions.assertThat(b.appOfDomain("www.shop.example")).isEqualTo("shop");
        org.assertj.core.api.Assertions.assertThat(b.appOfDomain("news.blog.example")).isEqualTo("blog");
        org.assertj.core.api.Assertions.assertThat(b.appOfDomain("a.news.blog.example")).isNull();
        org.assertj.core.api.Assertions.assertThat(b.appOfDomain("blog.example")).isNull();
        org.assertj.core.api.Assertions.assertThat(b.appOfDomain("shop.example")).isNull();
        org.assertj.core.api.Assertions.assertThat(b.appOfDomain(null)).isNull();
    }

    @org.junit.jupiter.api.Test
    void certificatesTravelOnlyWhenTheyChangeAndNeverShowInText() {
        TlsCertificate shop = new TlsCertificate(io.dinp.testkit.TestCertificates.cert("shop"),
                io.dinp.testkit.TestCertificates.key("shop"));
        RouteTable a = new RouteTable(1, java.util.Map.of(), java.util.Map.of("*.shop.example", "shop"), java.util.Map.of());
        RouteTable b = new RouteTable(2, a.apps(), a.domains(), java.util.Map.of("*.shop.example", shop));
        RouteChange c = RouteChange.between(a, b, 0);
        org.assertj.core.api.Assertions.assertThat(c.domains()).isNull();
        org.assertj.core.api.Assertions.assertThat(c.certificates()).containsOnlyKeys("*.shop.example");
        org.assertj.core.api.Assertions.assertThat(a.apply(c)).isEqualTo(b);
        org.assertj.core.api.Assertions.assertThat(RouteChange.between(b, new RouteTable(3, b.apps(), b.domains(), b.certificates()), 0)
                .isEmpty()).isTrue();
        org.assertj.core.api.Assertions.assertThat(b.certificateFor("api.shop.example")).isEqualTo(shop);
        org.assertj.core.api.Assertions.assertThat(b.certificateFor("a.api.shop.example")).isNull();
        org.assertj.core.api.Assertions.assertThat(b.toString() + c).doesNotContain("PRIVATE");
    }
}
