package io.dinp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dinp.pki.ClusterCa;
import io.dinp.pki.Identity;
import io.dinp.pki.JoinGrant;
import io.dinp.pki.Role;
import io.dinp.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The CA record, join tokens and issued certificates, on every database; one subclass per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PkiContract {
    static final String FP = "ab".repeat(32);
    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-02T03:04:05.678Z"));
    protected Database db;
    private JoinTokenStore tokens;
    private IssuedCertificateStore certificates;
    private ClusterCaStore cas;

    protected abstract Database openDatabase() throws Exception;

    protected void afterDatabaseClosed() throws Exception {
    }

    @BeforeAll
    void open() throws Exception {
        db = openDatabase();
        tokens = new JoinTokenStore(db, clock);
        certificates = new IssuedCertificateStore(db, clock);
        cas = new ClusterCaStore(db, clock);
    }

    @AfterAll
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
        afterDatabaseClosed();
    }

    @BeforeEach
    void emptyTables() {
        db.jdbi().useHandle(h -> List.of("join_tokens", "issued_certificates", "cluster_ca").forEach(t -> h.execute("DELETE FROM " + t)));
    }

    @Test
    void aTokenIsStoredAsAHashWithItsRoleAndExpiry() {
        JoinTokenStore.Issued issued = tokens.issue(FP, Role.NODE, Duration.ofHours(1), "admin");
        JoinGrant g = tokens.find(issued.grant().id()).orElseThrow();
        assertThat(g).isEqualTo(issued.grant());
        assertThat(g.role()).isEqualTo(Role.NODE);
        assertThat(g.expiresAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plus(Duration.ofHours(1)));
        assertThat(issued.token().matches(g.secretHash())).isTrue();
        String row = db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM join_tokens").mapToMap().one().toString());
        assertThat(row).doesNotContain(issued.token().secret());
        assertThat(tokens.list()).singleElement().satisfies(l -> assertThat(l.createdBy()).isEqualTo("admin"));
    }

    @Test
    void aTokenIsUsedOnceOnlyAndNotAfterItsExpiry() {
        var fresh = tokens.issue(FP, Role.HM, Duration.ofMinutes(5), "admin").grant();
        var late = tokens.issue(FP, Role.NODE, Duration.ofMinutes(1), "admin").grant();
        Instant now = clock.instant();
        assertThat(tokens.use(fresh.id(), "h1", now)).isTrue();
        assertThat(tokens.use(fresh.id(), "h2", now)).isFalse();
        assertThat(tokens.find(fresh.id()).orElseThrow().usedBy()).isEqualTo("h1");
        assertThat(tokens.use(late.id(), "n1", late.expiresAt())).isFalse();
        assertThat(tokens.find(late.id()).orElseThrow().usedAt()).isNull();
        assertThat(tokens.use("0000000000000000", "n1", now)).isFalse();
    }

    @Test
    void twoComponentsPresentingOneTokenAtOnceCannotBothJoin() throws Exception {
        var g = tokens.issue(FP, Role.NODE, Duration.ofMinutes(5), "admin").grant();
        Callable<Boolean> use = () -> tokens.use(g.id(), Thread.currentThread().getName(), clock.instant());
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> results = pool.invokeAll(List.of(use, use, use, use));
            long won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
    }

    @Test
    void tokensAreBoundedAndOnlyForJoiningRoles() {
        assertThatThrownBy(() -> tokens.issue(FP, Role.NODE, Duration.ofSeconds(59), "a")).hasMessageStartingWith("ttl:");
        assertThatThrownBy(() -> tokens.issue(FP, Role.NODE, Duration.ofDays(8), "a")).hasMessageStartingWith("ttl:");
        assertThatThrownBy(() -> tokens.issue(FP, Role.SERVER, Duration.ofHours(1), "a")).hasMessageStartingWith("role:");
        var g = tokens.issue(FP, Role.DASH, Duration.ofHours(1), "a").grant();
        assertThat(tokens.delete(g.id())).isTrue();
        assertThat(tokens.delete(g.id())).isFalse();
        assertThat(tokens.find(g.id())).isEmpty();
    }

    @Test
    void revokingANodeRevokesWhatItHadNotWhatItGetsLater() {
        Identity n1 = new Identity(Role.NODE, "n1");
        Instant later = clock.instant().plus(Duration.ofDays(30));
        certificates.record("aa01", n1, later);
        certificates.record("aa02", n1, later);
        certificates.record("bb01", new Identity(Role.NODE, "n2"), later);
        certificates.record("cc01", new Identity(Role.HM, "n1"), later);
        assertThat(certificates.issuedTo(n1)).isTrue();
        assertThat(certificates.issuedTo(new Identity(Role.NODE, "n3"))).isFalse();
        assertThat(certificates.revoke(n1, "admin")).isEqualTo(2);
        assertThat(certificates.revoke(n1, "admin")).isZero();
        certificates.record("aa03", n1, later);
        assertThat(certificates.revoked(clock.instant())).containsOnlyKeys("aa01", "aa02").containsEntry("aa01", n1);
        assertThat(certificates.revoked(later)).as("expired ones need no list").isEmpty();
    }

    @Test
    void theFirstCaRecordedStays() {
        Instant now = clock.instant();
        ClusterCa first = ClusterCa.create("one", now);
        ClusterCa second = ClusterCa.create("two", now);
        assertThat(cas.get()).isEmpty();
        assertThat(cas.claim(first.certificate())).isEqualTo(first.certificate());
        assertThat(cas.claim(second.certificate())).isEqualTo(first.certificate());
        assertThat(cas.get()).contains(first.certificate());
    }
}
